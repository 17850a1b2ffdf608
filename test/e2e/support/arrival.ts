import type { BrowserContext, Locator } from 'playwright-core';
import type { AppShell } from '../pages/app-shell.ts';

/** How a change made on another phone reached this one. */
export type Arrival = 'watch' | 'sync_now';

/** How long a watching phone may take to show a change made elsewhere. */
export const WATCH_WAIT_MS = 15_000;

/**
 * Waits for what another phone did to show on this one, without reloading. A phone that holds the
 * sync watch channel open (`GET /api/sync/watch`, SY18) must show it by itself within
 * WATCH_WAIT_MS — a missing change then fails the test. A build whose sync engine does not watch
 * yet only pulls when something prompts it, so there the user's "Sync now" in the status bar
 * brings it, at once: waiting would only make the suite slower. Every arrival is logged, so the
 * report says which happened.
 */
export class Arrivals {
  private isWatching = false;
  readonly log: string[] = [];

  constructor(
    context: BrowserContext,
    private readonly app: AppShell,
    private readonly phone: string,
  ) {
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/sync/watch') this.isWatching = true;
    });
  }

  /**
   * Waits until `target` shows; answers how it came. `sinceMs`: when the other phone acted, so
   * that the log says how long the change took to travel.
   */
  async waitFor(target: Locator, what: string, sinceMs = Date.now()): Promise<Arrival> {
    let how: Arrival;
    if (this.isWatching) {
      await target.waitFor({ timeout: WATCH_WAIT_MS }).catch((error: unknown) => {
        throw new Error(
          `${this.phone}: the sync watch channel is open, but "${what}" did not show within ${WATCH_WAIT_MS} ms`,
          { cause: error },
        );
      });
      how = 'watch';
    } else {
      await this.syncNow();
      await target.waitFor();
      how = 'sync_now';
    }
    this.log.push(
      `${this.phone}: ${what} — ${how === 'watch' ? 'by the watch channel' : '"Sync now" (this build does not watch)'}, ${Date.now() - sinceMs} ms after the other phone acted`,
    );
    return how;
  }

  private async syncNow(): Promise<void> {
    await this.app.statusBar
      .getByRole('button', { name: this.app.t('action.syncNow'), exact: true })
      .tap();
  }
}
