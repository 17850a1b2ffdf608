import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFeedNotifier,
  type FeedNotifier,
  type FeedNotifierOptions,
  type FeedSource,
  type Wake,
} from '../../server/src/services/sync/feed-notifier.ts';
import { isAfter } from '../../server/src/services/sync/visibility.ts';
import type { FeedKey } from '../../server/src/storage/store.ts';

// The feed notifier over a feed kept in memory (docs/sync.md SY18): what each wake hands the held
// watches, one read per wake. The read is the store's (feedKeys and feedHead are held to the pull
// on both databases in test/storage/feed-head.test.ts); here the order of reads and wakes.

interface FakeFeed extends FeedSource {
  /** Commits rows; `isHeld` ones stay out of reads (PostgreSQL's watermark, SY9) until released. */
  commit(audiences: readonly string[], options?: { isHeld?: boolean }): void;
  release(): void;
  /** The next read waits until the returned function is called. */
  holdNextRead(): () => void;
  readonly reads: number;
}

function fakeFeed(): FakeFeed {
  const rows: (FeedKey & { isHeld: boolean })[] = [];
  let reads = 0;
  let gate: Promise<void> | null = null;
  const visible = () => {
    const firstHeld = rows.findIndex((r) => r.isHeld);
    return firstHeld < 0 ? rows : rows.slice(0, firstHeld);
  };
  const passGate = async () => {
    reads += 1;
    const waiting = gate;
    gate = null;
    if (waiting) await waiting;
  };
  return {
    // Each read sees the feed as it was when the read began, as a query's snapshot does.
    async feedHead() {
      const last = visible().at(-1);
      await passGate();
      return last ? { txid: last.txid, seq: last.seq } : { txid: 0, seq: 0 };
    },
    async feedKeys(after, limit) {
      const found = visible()
        .filter((r) => isAfter(r, after))
        .slice(0, limit)
        .map(({ isHeld: _isHeld, ...key }) => key);
      await passGate();
      return found;
    },
    commit(audiences, options = {}) {
      for (const audience of audiences) {
        rows.push({
          txid: 0,
          seq: rows.length + 1,
          ownerId: null,
          teamId: null,
          audience,
          isHeld: options.isHeld ?? false,
        });
      }
    },
    release() {
      for (const r of rows) r.isHeld = false;
    },
    holdNextRead() {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => open();
    },
    get reads() {
      return reads;
    },
  };
}

const audiencesOf = (wake: Wake | undefined) =>
  wake?.reason === 'feed' ? (wake.keys?.map((k) => k.audience) ?? null) : wake?.reason;

describe('the feed notifier', () => {
  let notifier: FeedNotifier | undefined;
  afterEach(() => notifier?.close());

  /** A notifier whose once-a-second read is off unless asked for, and one waiter's wakes. */
  function watchFeed(feed: FakeFeed, options: FeedNotifierOptions = {}) {
    notifier = createFeedNotifier(feed, { headPollMs: 1e9, minWakeGapMs: 0, ...options });
    const wakes: Wake[] = [];
    notifier.subscribe((w) => wakes.push(w));
    return wakes;
  }

  async function pokeAndWait(wakes: Wake[], count: number) {
    notifier!.poke();
    await vi.waitFor(() => expect(wakes).toHaveLength(count));
    return wakes.at(-1);
  }

  it('[SY18] wakes everyone to look on its first read, then hands out the keys of each new row once', async () => {
    const feed = fakeFeed();
    feed.commit(['all']);
    const wakes = watchFeed(feed);
    expect(audiencesOf(await pokeAndWait(wakes, 1))).toBeNull();
    feed.commit(['staff', 'record']);
    expect(audiencesOf(await pokeAndWait(wakes, 2))).toEqual(['staff', 'record']);
    feed.commit(['management']);
    expect(audiencesOf(await pokeAndWait(wakes, 3))).toEqual(['management']);
    // A read that finds nothing new wakes nobody.
    const reads = feed.reads;
    notifier!.poke();
    await vi.waitFor(() => expect(feed.reads).toBe(reads + 1));
    expect(wakes).toHaveLength(3);
  });

  it('[SY18] more new rows than it hands out wake everyone to look, and it carries on from the head', async () => {
    const feed = fakeFeed();
    const wakes = watchFeed(feed, { maxKeys: 2 });
    await pokeAndWait(wakes, 1);
    feed.commit(['all', 'staff', 'record']);
    expect(audiencesOf(await pokeAndWait(wakes, 2))).toBeNull();
    feed.commit(['management']);
    expect(audiencesOf(await pokeAndWait(wakes, 3))).toEqual(['management']);
  });

  it('[SY18] a commit that pokes while a read is running is read again, not missed', async () => {
    const feed = fakeFeed();
    const wakes = watchFeed(feed);
    await pokeAndWait(wakes, 1);
    const open = feed.holdNextRead();
    notifier!.poke();
    await vi.waitFor(() => expect(feed.reads).toBe(2));
    // The read is under way and has not seen this row; its poke comes, and its read is asked
    // for, while the first one still runs.
    feed.commit(['staff']);
    notifier!.poke();
    await new Promise((resolve) => setTimeout(resolve, 30));
    open();
    await vi.waitFor(() => expect(wakes).toHaveLength(2));
    expect(audiencesOf(wakes[1])).toEqual(['staff']);
  });

  it('[SY18] [SY9] a row the watermark holds back is handed out by the once-a-second read once released', async () => {
    const feed = fakeFeed();
    const wakes = watchFeed(feed, { headPollMs: 20 });
    await pokeAndWait(wakes, 1);
    feed.commit(['staff'], { isHeld: true });
    feed.commit(['record']);
    notifier!.poke();
    await vi.waitFor(() => expect(feed.reads).toBeGreaterThan(3));
    expect(wakes).toHaveLength(1);
    feed.release();
    await vi.waitFor(() => expect(wakes).toHaveLength(2));
    expect(audiencesOf(wakes[1])).toEqual(['staff', 'record']);
  });

  it('[SY18] a waiter that throws does not keep the keys from the others', async () => {
    const feed = fakeFeed();
    const errors: unknown[] = [];
    notifier = createFeedNotifier(feed, {
      headPollMs: 1e9,
      minWakeGapMs: 0,
      onError: (err) => errors.push(err),
    });
    notifier.subscribe(() => {
      throw new Error('a broken waiter');
    });
    const wakes: Wake[] = [];
    notifier.subscribe((w) => wakes.push(w));
    await pokeAndWait(wakes, 1);
    feed.commit(['all']);
    expect(audiencesOf(await pokeAndWait(wakes, 2))).toEqual(['all']);
    expect(errors).toHaveLength(2);
  });

  it('[SY18] reads nothing while nobody waits, and releases waiters at close', async () => {
    const feed = fakeFeed();
    notifier = createFeedNotifier(feed, { headPollMs: 10, minWakeGapMs: 0 });
    notifier.poke();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(feed.reads).toBe(0);
    const wakes: Wake[] = [];
    notifier.subscribe((w) => wakes.push(w));
    notifier.close();
    expect(wakes).toEqual([{ reason: 'closed' }]);
  });
});
