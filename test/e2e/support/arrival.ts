import type { BrowserContext, Locator } from 'playwright-core';

/** How long a watching phone may take to show a change made elsewhere. */
export const WATCH_WAIT_MS = 15_000;

/**
 * Waits for what another phone did to show on this one, by itself: no reload and no "Sync now".
 * The phone holds the sync watch channel open (`GET /api/sync/watch`, SY18) and must show the
 * change within WATCH_WAIT_MS; a phone that never opened the watch fails, even if the change shows
 * (some other sync brought it, and the watch is what these tests are about). Every arrival is
 * logged with how long the change took to travel.
 */
export class Arrivals {
  private hasWatched = false;
  readonly log: string[] = [];

  constructor(
    context: BrowserContext,
    private readonly phone: string,
  ) {
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/sync/watch') this.hasWatched = true;
    });
  }

  /** `sinceMs`: when the other phone acted, so that the log says how long the change took. */
  async waitFor(target: Locator, what: string, sinceMs = Date.now()): Promise<void> {
    const noWatch = `${this.phone} never opened the sync watch channel (GET /api/sync/watch)`;
    await target.waitFor({ timeout: WATCH_WAIT_MS }).catch((error: unknown) => {
      throw new Error(
        `${this.phone}: "${what}" did not show within ${WATCH_WAIT_MS} ms${this.hasWatched ? '' : `; ${noWatch}`}`,
        { cause: error },
      );
    });
    if (!this.hasWatched) throw new Error(`"${what}" showed, but ${noWatch}`);
    this.log.push(
      `${this.phone}: ${what} — by the watch channel, ${Date.now() - sinceMs} ms after the other phone acted`,
    );
  }
}
