import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * The app as a phone meets it: the production build of the PWA served by the real server
 * (a child process) on a free loopback port, over a fresh SQLite database seeded with the demo
 * organisation. 127.0.0.1 is a secure context, so the service worker registers over plain HTTP.
 */
export async function startAppServer(): Promise<ServerProcess> {
  await ensureWebBuild();
  const dataDir = await mkdtemp(path.join(inject('tmpDir'), 'e2e-'));
  return startServerProcess({
    dataDir,
    env: { SEED: 'demo', PASSWORD_HASH_COST: '10', LOG_LEVEL: 'warn' },
  });
}
