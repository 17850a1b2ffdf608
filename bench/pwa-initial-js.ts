import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

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

/**
 * The same question asked of a real browser: a first visit (empty cache, no service worker)
 * and the JavaScript transferred until the `load` event, as Chromium's network log counts it.
 */
export async function initialJsInChromium(browser: Browser, url: string): Promise<TransferredJs> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Page.enable');
    const scripts = new Map<string, { encoding: string }>();
    const finished: { id: string; at: number; bytes: number }[] = [];
    let loadAt = Infinity;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') {
        scripts.set(e.requestId, { encoding: e.response.headers['content-encoding'] ?? 'none' });
      }
    });
    cdp.on('Network.loadingFinished', (e) => {
      finished.push({ id: e.requestId, at: e.timestamp, bytes: e.encodedDataLength });
    });
    cdp.on('Page.loadEventFired', (e) => (loadAt = Math.min(loadAt, e.timestamp)));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const js = finished.filter((f) => scripts.has(f.id));
    const before = js.filter((f) => f.at <= loadAt);
    return {
      beforeLoad: before.reduce((sum, f) => sum + f.bytes, 0),
      scriptsBeforeLoad: before.length,
      all: js.reduce((sum, f) => sum + f.bytes, 0),
      encoding: [...new Set([...scripts.values()].map((s) => s.encoding))].join(', '),
    };
  } finally {
    await context.close();
  }
}

export interface SignInReady {
  /** From navigation start until the username field takes input. */
  readonly ms: number;
  /** Bytes on the wire of the scripts finished by then. */
  readonly jsBytes: number;
  readonly scripts: number;
  /** Until the data layer arrived too (the "Sign in" button can then send). */
  readonly allMs: number;
  readonly allJsBytes: number;
}

/**
 * A first visit through `url` (e.g. the throttled field link): how long and how much JavaScript
 * until the person can type into the sign-in form, and until the whole app has arrived.
 */
export async function signInReadyInChromium(browser: Browser, url: string): Promise<SignInReady> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = new Set<string>();
    const finished = new Map<string, number>();
    let storesDone = false;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.add(e.requestId);
      if (e.response.url.includes('/assets/browser-stores-')) scripts.add(`stores:${e.requestId}`);
    });
    cdp.on('Network.loadingFinished', (e) => {
      finished.set(e.requestId, e.encodedDataLength);
      if (scripts.has(`stores:${e.requestId}`)) storesDone = true;
    });
    const jsSoFar = () => {
      const done = [...finished].filter(([id]) => scripts.has(id));
      return { bytes: done.reduce((sum, [, b]) => sum + b, 0), count: done.length };
    };
    const start = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .locator('input[autocomplete="username"]')
      .waitFor({ state: 'visible', timeout: 60_000 });
    const ready = { ms: Date.now() - start, ...jsSoFar() };
    while (!storesDone && Date.now() - start < 120_000) await page.waitForTimeout(50);
    await page.waitForLoadState('networkidle');
    const all = jsSoFar();
    return {
      ms: ready.ms,
      jsBytes: ready.bytes,
      scripts: ready.count,
      allMs: Date.now() - start,
      allJsBytes: all.bytes,
    };
  } finally {
    await context.close();
  }
}
