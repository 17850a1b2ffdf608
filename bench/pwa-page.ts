import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { build } from 'vite';
import { createApp } from '../server/src/http/app.ts';
import { buildDemoOrganisation } from '../server/src/seed/demo-data.ts';
import { seedOrganisation } from '../server/src/seed/seed.ts';
import { systemClock } from '../server/src/services/clock.ts';
import { createServices } from '../server/src/services/index.ts';
import { openStore } from '../server/src/storage/open.ts';
import { testConfig } from '../test/support/harness.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PWA bench</title>
<script type="module" src="/bench/pwa-page-entry.js"></script></head><body></body></html>`;

/** The bench page's bundle: the app's data layer (bench/pwa-page-entry.ts), built for browsers. */
export async function buildBenchPage(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-page-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      build: {
        outDir: dir,
        emptyOutDir: true,
        target: 'es2022',
        lib: {
          entry: path.join(BENCH_DIR, 'pwa-page-entry.ts'),
          formats: ['es'],
          fileName: () => 'pwa-page-entry.js',
        },
      },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BenchServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real server app (in this process, over a fresh SQLite database seeded with the demo
 * organisation) with the bench page beside it on the same origin, as the PWA is.
 */
export async function startBenchServer(pageDir: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-db-'));
  const store = await openStore({ dataDir, sqliteFile: 'bench.db' });
  const config = testConfig();
  await seedOrganisation(
    store,
    buildDemoOrganisation(new Date()),
    systemClock,
    config.passwordHashCost,
  );
  const app = createApp(createServices(store, config, systemClock));
  const fetch = (req: Request): Response | Promise<Response> => {
    const { pathname } = new URL(req.url);
    if (pathname === '/') return new Response(PAGE, { headers: { 'content-type': 'text/html' } });
    if (pathname.startsWith('/bench/')) {
      const file = path.join(pageDir, path.basename(pathname));
      try {
        return new Response(readFileSync(file), {
          headers: { 'content-type': 'text/javascript' },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    }
    return app.fetch(req);
  };
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      // Chromium keeps connections alive; close() alone would wait for them.
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
