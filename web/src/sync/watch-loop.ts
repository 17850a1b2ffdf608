import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type { Backoff } from './backoff.ts';
import type { Timers } from './sync-env.ts';

/** Whom to watch for and from where: the session token and the cursor of the last sync. */
export interface WatchTarget {
  readonly token: string;
  readonly cursor: string;
}

export interface WatchLoopOptions {
  readonly watch: NonNullable<ApiClient['watch']>;
  readonly timers: Timers;
  readonly backoff: Backoff;
  readonly waitSeconds: number;
  readonly now: () => number;
  /** Whether a watch may be open now: the engine runs, the device is online and visible. */
  readonly isAllowed: () => boolean;
  /** Null when signed out or never synced: nothing to watch. */
  readonly target: () => Promise<WatchTarget | null>;
  /** A pull would bring something (or only a sync can tell what is wrong): sync. */
  readonly onChanged: () => void;
}

export interface WatchLoop {
  /** After a completed sync: keep one watch open, from the cursor that sync left. */
  ensure(): void;
  /** Closes the open watch and forgets any planned retry: hidden, offline, signed out, stopped. */
  halt(): void;
}

/**
 * The device's live channel (docs/sync.md SY18): one long poll at a time, held by the server
 * until a pull would bring something. It only says *when* to sync; the engine's ordinary sync
 * (push, then pull, under the cross-tab lock) does the work, then calls `ensure` again. The watch
 * itself never takes that lock, so it never makes a push wait.
 */
export function createWatchLoop(o: WatchLoopOptions): WatchLoop {
  let open: { readonly controller: AbortController; readonly target: WatchTarget } | null = null;
  let retryTimer: unknown = null;
  let generation = 0;
  // The cursor of the last `changed` answer. The same cursor answering `changed` twice means the
  // sync it prompted did not move the cursor (a server at odds with itself): back off, not spin.
  let lastChangedCursor: string | null = null;

  function clearRetry() {
    if (retryTimer !== null) o.timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function retryLater(minMs = 0) {
    clearRetry();
    retryTimer = o.timers.setTimeout(
      () => {
        retryTimer = null;
        void watchOnce();
      },
      Math.max(o.backoff.next(), minMs),
    );
  }

  async function watchOnce(): Promise<void> {
    const gen = generation;
    let target: WatchTarget | null;
    try {
      target = o.isAllowed() ? await o.target() : null;
    } catch {
      return; // The database is closing; the next sync calls `ensure` again.
    }
    if (target === null || gen !== generation || !o.isAllowed()) return;
    if (open !== null) {
      const t = open.target;
      if (t.token === target.token && t.cursor === target.cursor) return;
      open.controller.abort();
    }
    const mine = { controller: new AbortController(), target };
    open = mine;
    const startedAt = o.now();
    try {
      const answer = await o.watch(
        target.token,
        target.cursor,
        o.waitSeconds,
        mine.controller.signal,
      );
      if (open !== mine) return; // replaced by a newer cursor, or halted
      open = null;
      // Unchanged long before the wait was up: a server shutting down releases its watches so.
      // Going straight back would spin against it until it is gone.
      if (!answer.changed && o.now() - startedAt < o.waitSeconds * 500) return retryLater();
      o.backoff.reset();
      if (answer.changed) syncFrom(target.cursor);
      else void watchOnce();
    } catch (err) {
      if (open !== mine) return;
      open = null;
      // A refused session or a cursor the server does not know: the sync handles both (it pauses
      // for sign-in, or starts the feed again) and reopens the watch when it completes.
      if (err instanceof ApiError && (err.needsSignIn || err.code === 'bad_cursor')) {
        syncFrom(target.cursor);
      } else {
        retryLater(err instanceof ApiError ? (err.retryAfterMs ?? 0) : 0);
      }
    }
  }

  function syncFrom(cursor: string) {
    if (lastChangedCursor === cursor) return retryLater();
    lastChangedCursor = cursor;
    o.onChanged();
  }

  return {
    ensure() {
      clearRetry();
      void watchOnce();
    },
    halt() {
      generation++;
      clearRetry();
      open?.controller.abort();
      open = null;
    },
  };
}
