import type { FeedPosition, Store } from '../../storage/store.ts';

// What wakes held watches (docs/sync.md SY18). Two sources, because neither is enough alone:
// - a poke after a transaction that wrote documents commits in this process: immediate;
// - the feed head, read about once a second while anyone waits: catches writes by other server
//   processes on the same PostgreSQL, and rows that PostgreSQL's pull watermark (SY9) held back
//   when the poke came. One query per process, shared by every waiter.
// A wake says only "look again": each waiter checks its own visibility with a pull.

export type WakeReason = 'feed' | 'closed';

export interface FeedNotifierOptions {
  /** How often the feed head is read while anyone waits. */
  readonly headPollMs?: number;
  /** Wakes closer together than this are merged, so a busy feed re-checks waiters at most this often. */
  readonly minWakeGapMs?: number;
  /** A failed head read (the database is briefly away) is reported and tried again next time. */
  readonly onError?: (err: unknown) => void;
}

export interface FeedNotifier {
  /** Calls `listener` on every wake until the returned function is called. */
  subscribe(listener: (reason: WakeReason) => void): () => void;
  /** Documents were committed in this process. */
  poke(): void;
  /** Releases every waiter (`closed`) and stops reading the head: for shutdown. */
  close(): void;
  readonly isClosed: boolean;
}

export function createFeedNotifier(store: Store, options: FeedNotifierOptions = {}): FeedNotifier {
  const headPollMs = options.headPollMs ?? 1_000;
  const minWakeGapMs = options.minWakeGapMs ?? 100;
  const listeners = new Set<(reason: WakeReason) => void>();
  let isClosed = false;
  // The last head read, kept between waits. An old head is safe (it can only cause an extra
  // wake); reading the first one while someone waits is not: a change committed between their
  // check and that read would never look like a change. So the very first read counts as a wake.
  let head: FeedPosition | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;
  let isReading = false;
  let wakeTimer: ReturnType<typeof setTimeout> | null = null;
  let lastWakeAt = Number.NEGATIVE_INFINITY;

  const wakeAll = (reason: WakeReason) => {
    for (const listener of [...listeners]) listener(reason);
  };

  function scheduleWake() {
    if (wakeTimer !== null || isClosed || listeners.size === 0) return;
    const delay = Math.max(0, lastWakeAt + minWakeGapMs - Date.now());
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      lastWakeAt = Date.now();
      wakeAll('feed');
    }, delay);
  }

  async function readHead() {
    if (isReading || isClosed) return;
    isReading = true;
    try {
      const next = await store.feedHead();
      const hasMoved = head === null || next.txid !== head.txid || next.seq !== head.seq;
      head = next;
      if (hasMoved) scheduleWake();
    } catch (err) {
      options.onError?.(err);
    } finally {
      isReading = false;
    }
  }

  function stopPolling() {
    if (poller !== null) clearInterval(poller);
    poller = null;
  }

  return {
    subscribe(listener) {
      if (isClosed) {
        queueMicrotask(() => listener('closed'));
        return () => {};
      }
      listeners.add(listener);
      if (poller === null) {
        poller = setInterval(() => void readHead(), headPollMs);
        poller.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopPolling();
      };
    },
    poke: scheduleWake,
    close() {
      isClosed = true;
      stopPolling();
      if (wakeTimer !== null) clearTimeout(wakeTimer);
      wakeTimer = null;
      wakeAll('closed');
      listeners.clear();
    },
    get isClosed() {
      return isClosed;
    },
  };
}
