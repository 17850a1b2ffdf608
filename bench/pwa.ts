// The PWA's figures for `npm run bench` (issue 3): initial JavaScript, draining a queue over a
// field link, and the cost of one local save. Prints; asserts nothing. Takes ~3.5 minutes, most
// of it the drain itself at 100 kbit/s. Sizes: BENCH_PWA_RECORDS (2,000 queued),
// BENCH_PWA_REPLAY (100 replayed one request each), BENCH_PWA_STORED (10,000 on the phone),
// BENCH_PWA_SAVES (200 timed saves); BENCH_PWA_ONLY=drain,save (any of js, drain, save) runs
// just those parts; BENCH_PWA_VERBOSE=1 lists every request of the drain; BENCH_SKIP_PWA=1 in
// run.ts leaves it all out.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess } from '../test/support/server-process.ts';
import { browserSkipReason, launchChromium } from '../test/e2e/support/chromium.ts';
import { ensureWebBuild } from '../test/e2e/support/web-build.ts';
import {
  initialJsFromBuild,
  initialJsInChromium,
  signInReadyInChromium,
} from './pwa-initial-js.ts';
import { FIELD_LINK, startThrottledLink, type LinkProfile } from './pwa-link.ts';
import type { PwaBench, RequestTiming } from './pwa-page-entry.ts';
import { buildBenchPage, startBenchServer, type BenchServer } from './pwa-page.ts';
import { percentile } from './stats.ts';

const RECORDS = Number(process.env.BENCH_PWA_RECORDS ?? 2_000);
/**
 * One request per record costs ~0.44 s on the field link (an RTT plus the bytes), ~15 minutes
 * for 2,000: a sample of the same records is replayed and scaled to RECORDS. The per-request
 * cost is that constant on an emulated link; BENCH_PWA_REPLAY=2000 replays them all.
 */
const REPLAYED = Math.min(RECORDS, Number(process.env.BENCH_PWA_REPLAY ?? 100));
const STORED = Number(process.env.BENCH_PWA_STORED ?? 10_000);
const SAVES = Number(process.env.BENCH_PWA_SAVES ?? 200);
const ONLY = new Set((process.env.BENCH_PWA_ONLY ?? 'js,drain,save').split(','));

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Milliseconds the bytes need at the link's bandwidth alone: no latency, no handshakes. */
function wireMs(upBytes: number, downBytes: number, link: LinkProfile): number {
  return (upBytes * 8) / link.upKbitPerS + (downBytes * 8) / link.downKbitPerS;
}

type Out = (text: string) => void;

async function benchInitialJs(out: Out, browser: Browser | null): Promise<void> {
  let distDir: string;
  try {
    ({ distDir } = await ensureWebBuild());
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    out(`\nPWA initial JavaScript: skipped, the web app does not build (${reason})\n`);
    return;
  }
  const fromBuild = await initialJsFromBuild(distDir);
  out(
    `\nPWA initial JavaScript (production build in web/dist)\n` +
      `  from the build: index.html scripts + static imports, gzip -9: ${kb(fromBuild.gzipTotal)} ` +
      `in ${fromBuild.files.length} file(s) (${fromBuild.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')})\n` +
      `  target ≤ 75 KB: ${met(fromBuild.gzipTotal <= 75 * KB)}\n`,
  );
  if (!browser) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-server-'));
  const server = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'error' } });
  try {
    const measured = await initialJsInChromium(browser, `${server.baseUrl}/`);
    out(
      `  measured in Chromium (first visit, cache disabled, real server): ${kb(measured.beforeLoad)} ` +
        `of JS transferred before load in ${measured.scriptsBeforeLoad} script(s) ` +
        `(content-encoding: ${measured.encoding}); ${kb(measured.all)} including lazy chunks\n`,
    );
    // Interactive, as a person on a first visit meets it: the sign-in form takes input.
    const link = await startThrottledLink(server.port);
    try {
      const ready = await signInReadyInChromium(browser, `${link.url}/`);
      out(
        `  first visit over the field link: the sign-in form takes input after ${s(ready.ms)}, ` +
          `${kb(ready.jsBytes)} of JS in ${ready.scripts} script(s)   target ≤ 75 KB: ${met(ready.jsBytes <= 75 * KB)}\n` +
          `  the rest (screens, schemas, data layer) arrives while they type: all in by ${s(ready.allMs)}, ${kb(ready.allJsBytes)} of JS\n`,
      );
    } finally {
      await link.close();
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return page;
}

/** What the bench page puts on `window` (bench/pwa-page-entry.ts). */
interface BenchWindow {
  readonly pwaBench: PwaBench;
}

/**
 * Where the drain's time went: on the link (request sent → answer read) or on the device between
 * requests (reading the outbox, compressing, recording answers), when the link sits idle.
 */
function requestBreakdown(requests: readonly RequestTiming[]): string {
  const lines: string[] = [];
  for (const path of [...new Set(requests.map((r) => r.path))]) {
    const of = requests.filter((r) => r.path === path);
    const onLink = of.reduce((sum, r) => sum + (r.endMs - r.startMs), 0);
    const toHeaders = of.reduce((sum, r) => sum + (r.headersMs - r.startMs), 0);
    const up = of.reduce((sum, r) => sum + r.upBytes, 0);
    lines.push(
      `  ${path}: ${of.length} request(s), ${s(onLink)} on the link (${s(toHeaders)} until the answer's headers), ` +
        `${kb(up)} of bodies sent`,
    );
  }
  let idle = requests[0]?.startMs ?? 0;
  for (let i = 1; i < requests.length; i++) {
    idle += Math.max(0, (requests[i]?.startMs ?? 0) - (requests[i - 1]?.endMs ?? 0));
  }
  lines.push(`  on the device between requests (link idle): ${s(idle)}`);
  if (process.env.BENCH_PWA_VERBOSE === '1') {
    for (const r of requests) {
      lines.push(
        `    ${r.path} ${r.startMs.toFixed(0)} → ${r.headersMs.toFixed(0)} → ${r.endMs.toFixed(0)} ms, ${kb(r.upBytes)} up`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function benchDrain(out: Out, browser: Browser, server: BenchServer): Promise<void> {
  const link = await startThrottledLink(server.port, FIELD_LINK);
  try {
    // Set the scene at loopback speed: sign in, first sync, records made with no signal.
    link.setThrottled(false);
    const page = await openBenchPage(browser, link.url);
    await page.evaluate(() =>
      (window as unknown as BenchWindow).pwaBench.signIn('frontline.chan', 'frontline-demo'),
    );
    await page.evaluate((n) => (window as unknown as BenchWindow).pwaBench.queue(n), RECORDS);
    const bodies = await page.evaluate(() =>
      (window as unknown as BenchWindow).pwaBench.pushBodies(),
    );
    const rawUp = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    const gzipUp = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0);

    // The phone comes back into signal: no connection from setting the scene survives. Left
    // open, one the server was just closing as idle sometimes took the first push, which the
    // browser then sent again on a new connection: a whole batch more upstream, by chance.
    link.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 200));
    link.setThrottled(true);
    link.resetCounters();
    const drain = await page.evaluate(() => (window as unknown as BenchWindow).pwaBench.drain());
    const bytes = { up: link.bytes.up, down: link.bytes.down };
    if (drain.pending > 0 || drain.error !== null) {
      out(`  the drain did not finish: ${drain.pending} pending, error ${drain.error ?? 'none'}\n`);
    }
    link.resetCounters();
    const replay = await page.evaluate(
      (n) => (window as unknown as BenchWindow).pwaBench.replayOneEach(n),
      REPLAYED,
    );
    const perRecordMs = replay.ms / REPLAYED;
    const oneEachMs = perRecordMs * RECORDS;
    const ratio = oneEachMs / drain.totalMs;
    // The least the link allows: the queue's push bodies gzip-compressed going up, and what came
    // down (already gzip-compressed by the server) — at bandwidth alone, with no round trips.
    const idealMs = wireMs(gzipUp, bytes.down, FIELD_LINK);
    out(
      `\nPWA drain of ${RECORDS.toLocaleString('en-US')} queued records over a field link ` +
        `(${FIELD_LINK.rttMs} ms RTT, ${FIELD_LINK.downKbitPerS} kbit/s down, ${FIELD_LINK.upKbitPerS} kbit/s up; throttling TCP proxy on loopback)\n` +
        `  engine: the real web sync engine and stores in Chromium (IndexedDB), records made through the stores offline, then syncNow()\n` +
        `  drain (push in batches of ${Math.ceil(RECORDS / bodies.length)}, then the pull that follows): ${s(drain.totalMs)} ` +
        `(push ${s(drain.pushMs)}, pull ${s(drain.totalMs - drain.pushMs)}); ${drain.pending} left, ${drain.rejected} refused\n` +
        `  bytes on the link: ${kb(bytes.up)} up, ${kb(bytes.down)} down; push bodies ${kb(rawUp)} before gzip, ${kb(gzipUp)} gzip (as sent)\n` +
        `  one request per record: ${perRecordMs.toFixed(0)} ms each (${REPLAYED} of the same records replayed under new ids, ` +
        `${replay.applied} applied) → ${s(oneEachMs)} for ${RECORDS.toLocaleString('en-US')}\n` +
        `  ratio one-per-request / drain: ${ratio.toFixed(1)}×   target ≥ 20×: ${met(ratio >= 20)}\n` +
        `  compressed bytes alone need ${s(idealMs)} on this link; drain / that = ${(drain.totalMs / idealMs).toFixed(2)}×   ` +
        `target ≤ 1.5×: ${met(drain.totalMs <= 1.5 * idealMs)}` +
        `${bytes.up > 2 * gzipUp ? ` (the link carried ${(bytes.up / gzipUp).toFixed(1)}× the gzip size up: bodies not compressed)` : ''}\n`,
    );
    out(requestBreakdown(drain.requests));
    await page.context().close();
  } finally {
    await link.close();
  }
}

async function benchSave(out: Out, browser: Browser, server: BenchServer): Promise<void> {
  const page = await openBenchPage(browser, server.url);
  await page.evaluate(() =>
    (window as unknown as BenchWindow).pwaBench.signIn('frontline.chan', 'frontline-demo'),
  );
  await page.evaluate((n) => (window as unknown as BenchWindow).pwaBench.fill(n), STORED);
  const lines: string[] = [];
  for (const kind of ['incident', 'recovery'] as const) {
    await page.evaluate((k) => (window as unknown as BenchWindow).pwaBench.timeSaves(k, 20), kind); // warm-up
    const times = (
      await page.evaluate(
        (a) => (window as unknown as BenchWindow).pwaBench.timeSaves(a.kind, a.n),
        { kind, n: SAVES },
      )
    ).sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    lines.push(
      `  ${kind.padEnd(8)} p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `max ${(times.at(-1) ?? NaN).toFixed(1)} ms   target p95 ≤ 20 ms: ${met(p95 <= 20)}`,
    );
  }
  out(
    `\nPWA save of one record (stores: validate, then record + outbox in one Dexie transaction) ` +
      `with ${STORED.toLocaleString('en-US')} records already stored, Chromium IndexedDB, ${SAVES} saves each\n` +
      `${lines.join('\n')}\n`,
  );
  await page.context().close();
}

/** Runs the PWA benchmarks and prints their figures through `out`. */
export async function runPwaBenchmarks(out: Out): Promise<void> {
  if (browserSkipReason !== null) {
    await benchInitialJs(out, null);
    out(`\nPWA drain and save: skipped (${browserSkipReason})\n`);
    return;
  }
  const browser = await launchChromium();
  const page = await buildBenchPage();
  let server: BenchServer | undefined;
  try {
    if (ONLY.has('js')) await benchInitialJs(out, browser);
    server = await startBenchServer(page.dir);
    if (ONLY.has('drain')) await benchDrain(out, browser, server);
    if (ONLY.has('save')) await benchSave(out, browser, server);
  } finally {
    await browser.close();
    await server?.close();
    page.remove();
  }
}
