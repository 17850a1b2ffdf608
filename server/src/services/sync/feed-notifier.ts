import type { FeedKey, FeedPosition, Store } from '../../storage/store.ts';

// What wakes held watches (docs/sync.md SY18). Two triggers, because neither is enough alone:
// - a poke after a transaction that wrote documents commits in this process: immediate;
// - a read of the feed about once a second while anyone waits: catches writes by other server
//   processes on the same PostgreSQL, and rows that PostgreSQL's pull watermark (SY9) held back
//   when the poke came.
// Either way the notifier reads the keys of the rows that arrived (one query per wake, shared by
// every waiter) and hands them to each waiter, which looks again with its own pull only when one
// of them is a row it may see: a push of one user's records re-checks that user's watches and their
// supervisor's, not every device's.

/** A wake: the keys of the rows that arrived, or null when any waiter may have something new. */
export type Wake =
  | { readonly reason: 'feed'; readonly keys: readonly FeedKey[] | null }
  | { readonly reason: 'closed' };

export interface FeedNotifierOptions {
  /** How often the feed is read while anyone waits. */
  readonly headPollMs?: number;
  /** Reads closer together than this are merged, so a busy feed is read at most this often. */
  readonly minWakeGapMs?: number;
  /** More new rows than this in one read wake everyone to look for themselves. */
  readonly maxKeys?: number;
  /** A failed read (the database is briefly away) is reported and tried again next time. */
  readonly onError?: (err: unknown) => void;
}

export interface FeedNotifier {
  /** Calls `listener` on every wake until the returned function is called. */
  subscribe(listener: (wake: Wake) => void): () => void;
  /** Documents were committed in this process. */
  poke(): void;
  /** Releases every waiter (`closed`) and stops reading: for shutdown. */
  close(): void;
  readonly isClosed: boolean;
}

/** What the notifier reads. */
export type FeedSource = Pick<Store, 'feedHead' | 'feedKeys'>;

export function createFeedNotifier(
  store: FeedSource,
  options: FeedNotifierOptions = {},
): FeedNotifier {
  const headPollMs = options.headPollMs ?? 1_000;
  const minWakeGapMs = options.minWakeGapMs ?? 100;
  const maxKeys = options.maxKeys ?? 1_000;
  const listeners = new Set<(wake: Wake) => void>();
  let isClosed = false;
  // Where the last read ended, kept between waits. An old position is safe (the next read hands
  // out rows a waiter has already seen: a needless look); having none is not: a change committed
  // between a waiter's check and the first read would never look new. So the first read, which
  // only finds the feed's head, wakes everyone.
  let position: FeedPosition | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;
  let isReading = false;
  let isReadAgain = false;
  let readTimer: ReturnType<typeof setTimeout> | null = null;
  let lastReadAt = Number.NEGATIVE_INFINITY;

  // The position has already moved past these keys: a listener that throws must not keep them
  // from the ones after it.
  const wakeAll = (wake: Wake) => {
    for (const listener of [...listeners]) {
      try {
        listener(wake);
      } catch (err) {
        options.onError?.(err);
      }
    }
  };

  /** One read: the keys after `position`, handed to every waiter. */
  async function readOnce(): Promise<void> {
    if (position === null) {
      position = await store.feedHead();
      wakeAll({ reason: 'feed', keys: null });
      return;
    }
    const keys = await store.feedKeys(position, maxKeys + 1);
    const last = keys.at(-1);
    if (last === undefined) return;
    if (keys.length > maxKeys) {
      position = await store.feedHead();
      wakeAll({ reason: 'feed', keys: null });
      return;
    }
    position = { txid: last.txid, seq: last.seq };
    wakeAll({ reason: 'feed', keys });
  }

  async function read(): Promise<void> {
    // A poke during a read may be for a commit the read started too early to see: read again.
    if (isReading) {
      isReadAgain = true;
      return;
    }
    isReading = true;
    try {
      do {
        isReadAgain = false;
        lastReadAt = Date.now();
        await readOnce();
      } while (isReadAgain && !isClosed && listeners.size > 0);
    } catch (err) {
      options.onError?.(err);
    } finally {
      isReading = false;
    }
  }

  function scheduleRead() {
    if (readTimer !== null || isClosed || listeners.size === 0) return;
    const delay = Math.max(0, lastReadAt + minWakeGapMs - Date.now());
    readTimer = setTimeout(() => {
      readTimer = null;
      void read();
    }, delay);
  }

  function stopPolling() {
    if (poller !== null) clearInterval(poller);
    poller = null;
  }

  return {
    subscribe(listener) {
      if (isClosed) {
        queueMicrotask(() => listener({ reason: 'closed' }));
        return () => {};
      }
      listeners.add(listener);
      if (poller === null) {
        poller = setInterval(scheduleRead, headPollMs);
        poller.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopPolling();
      };
    },
    poke: scheduleRead,
    close() {
      isClosed = true;
      stopPolling();
      if (readTimer !== null) clearTimeout(readTimer);
      readTimer = null;
      wakeAll({ reason: 'closed' });
      listeners.clear();
    },
    get isClosed() {
      return isClosed;
    },
  };
}
