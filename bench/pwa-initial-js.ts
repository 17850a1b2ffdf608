import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export interface InitialJs {
  readonly files: readonly {
    readonly file: string;
    readonly bytes: number;
    readonly gzip: number;
  }[];
  readonly gzipTotal: number;
}

/** `import … from "./x.js"` and `import "./x.js"` in a built chunk; `import("./x.js")` is lazy. */
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;

/**
 * The JavaScript a first visit must download before the app can run, read from the build:
 * every script and modulepreload in index.html, and every chunk those import statically.
 */
export async function initialJsFromBuild(distDir: string): Promise<InitialJs> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const roots = [
    ...[...html.matchAll(/<script[^>]*\bsrc="\/([^"]+\.js)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g)].map(
      (m) => m[1] as string,
    ),
  ];
  const seen = new Set<string>();
  const files: { file: string; bytes: number; gzip: number }[] = [];
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(path.join(distDir, file));
    files.push({ file, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
    for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
      await visit(path.posix.join(path.posix.dirname(file), m[1] as string));
    }
  };
  for (const root of roots) await visit(root);
  return { files, gzipTotal: files.reduce((sum, f) => sum + f.gzip, 0) };
}

export interface TransferredJs {
  /** Bytes on the wire (compressed as the server sent them) of scripts finished before `load`. */
  readonly beforeLoad: number;
  readonly scriptsBeforeLoad: number;
  /** Every script the page fetched until the network was idle, lazy chunks included. */
  readonly all: number;
  readonly encoding: string;
}

/** Chromium's network log of one first visit: every script, and when each finished. */
interface ScriptLog {
  readonly scripts: Map<string, { readonly url: string; readonly encoding: string }>;
  /** Finished requests: `at` is Chromium's clock (seconds), `wallMs` this process's `Date.now()`. */
  readonly finished: {
    readonly id: string;
    readonly at: number;
    readonly wallMs: number;
    readonly bytes: number;
  }[];
  /** Chromium's clock at the `load` event; Infinity until then. */
  readonly loadAt: () => number;
}

/** Opens `url` as a first visit (empty cache, no service worker) and hands the page and its log to `measure`. */
async function firstVisit<T>(
  browser: Browser,
  measure: (page: Page, log: ScriptLog, open: () => Promise<void>) => Promise<T>,
  url: string,
): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Page.enable');
    const scripts: ScriptLog['scripts'] = new Map();
    const finished: { id: string; at: number; wallMs: number; bytes: number }[] = [];
    let loadAt = Infinity;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') {
        scripts.set(e.requestId, {
          url: e.response.url,
          encoding: e.response.headers['content-encoding'] ?? 'none',
        });
      }
    });
    cdp.on('Network.loadingFinished', (e) => {
      finished.push({
        id: e.requestId,
        at: e.timestamp,
        wallMs: Date.now(),
        bytes: e.encodedDataLength,
      });
    });
    cdp.on('Page.loadEventFired', (e) => (loadAt = Math.min(loadAt, e.timestamp)));
    const log = { scripts, finished, loadAt: () => loadAt };
    return await measure(
      page,
      log,
      async () => void (await page.goto(url, { waitUntil: 'commit' })),
    );
  } finally {
    await context.close();
  }
}

/** The scripts of a log that have finished, with their bytes on the wire. */
const finishedScripts = (log: ScriptLog) => log.finished.filter((f) => log.scripts.has(f.id));
const bytesOf = (list: readonly { bytes: number }[]) => list.reduce((sum, f) => sum + f.bytes, 0);

/**
 * The same question asked of a real browser: a first visit (empty cache, no service worker)
 * and the JavaScript transferred until the `load` event, as Chromium's network log counts it.
 */
export function initialJsInChromium(browser: Browser, url: string): Promise<TransferredJs> {
  return firstVisit(
    browser,
    async (page, log, open) => {
      await open();
      await page.waitForLoadState('load');
      await page.waitForLoadState('networkidle');
      const js = finishedScripts(log);
      const before = js.filter((f) => f.at <= log.loadAt());
      return {
        beforeLoad: bytesOf(before),
        scriptsBeforeLoad: before.length,
        all: bytesOf(js),
        encoding: [...new Set([...log.scripts.values()].map((s) => s.encoding))].join(', '),
      };
    },
    url,
  );
}

export interface SignInReady {
  /** From navigation start until the username field takes input. */
  readonly ms: number;
  /** Bytes on the wire of the scripts finished by then. */
  readonly jsBytes: number;
  readonly scripts: number;
  /** Until the last script (the data layer among them) had arrived. */
  readonly allMs: number;
  readonly allJsBytes: number;
}

/**
 * A first visit through `url` (e.g. the throttled field link): how long and how much JavaScript
 * until the person can type into the sign-in form, and until the whole app has arrived.
 */
export function signInReadyInChromium(browser: Browser, url: string): Promise<SignInReady> {
  return firstVisit(
    browser,
    async (page, log, open) => {
      const start = Date.now();
      await open();
      await page
        .locator('input[autocomplete="username"]')
        .waitFor({ state: 'visible', timeout: 60_000 });
      const readyMs = Date.now() - start;
      const ready = finishedScripts(log);
      await page.waitForLoadState('networkidle', { timeout: 120_000 });
      const all = finishedScripts(log);
      return {
        ms: readyMs,
        jsBytes: bytesOf(ready),
        scripts: ready.length,
        // When the last script finished, not when the network was then quiet for 500 ms.
        allMs: Math.max(...all.map((f) => f.wallMs)) - start,
        allJsBytes: bytesOf(all),
      };
    },
    url,
  );
}
