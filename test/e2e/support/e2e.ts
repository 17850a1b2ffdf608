import type { Browser } from 'playwright-core';
import type { ServerProcess } from '../../support/server-process.ts';
import { startAppServer } from './app-server.ts';
import { launchChromium } from './chromium.ts';

/** The real server with the built app, and a headless Chromium to meet it. */
export interface E2E {
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** Closes the browser (and every context in it) and stops the server; never throws. */
  close(): Promise<void>;
}

/**
 * Starts both at once. If either fails, the other is closed before the error is rethrown, so a
 * failed `beforeAll` leaves no server or browser behind.
 */
export async function startE2E(): Promise<E2E> {
  const [server, browser] = await Promise.allSettled([startAppServer(), launchChromium()]);
  const close = async () => {
    if (browser.status === 'fulfilled') await browser.value.close().catch(() => undefined);
    if (server.status === 'fulfilled') await server.value.stop().catch(() => undefined);
  };
  if (server.status === 'rejected' || browser.status === 'rejected') {
    await close();
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  return { server: server.value, browser: browser.value, close };
}
