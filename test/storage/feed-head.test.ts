import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAfter, mayPull } from '../../server/src/services/sync/visibility.ts';
import {
  PRIVATE_AUDIENCE,
  type DocWrite,
  type Store,
  type Visibility,
} from '../../server/src/storage/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { seededRandom } from '../support/flaky-fetch.ts';
import { openStoreAt } from '../support/harness.ts';
import {
  FEED_START,
  SEES_EVERYTHING,
  tacticDoc,
  usePrivatePostgres,
} from '../support/store-fixtures.ts';

// Store.feedHead and Store.feedKeys: what wakes held watches reads (docs/sync.md SY18). The head
// must move exactly when a pull could return something new, and the keys must be exactly the rows
// a pull could return, so both obey the pull's watermark (SY9); `mayPull` over the keys must pick
// exactly the rows the SQL of a pull picks, for every kind of viewer.

describe.each(databaseTargets())('feedHead on $name', ({ name }) => {
  const freshUrl = usePrivatePostgres(name, 'feedhead');
  let url: string;
  let store: Store;
  beforeEach(async () => {
    url = await freshUrl();
    store = await openStoreAt(name, url);
  });
  afterEach(async () => {
    await store.close();
  });

  /**
   * Commits `write` while an older transaction is still open on another connection, so the
   * watermark (SY9) holds its rows back; runs `check` then, and lets the old one commit.
   */
  async function whileHeldBack(write: () => Promise<void>, check: () => Promise<void>) {
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await write();
      await check();
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
  }

  it('[SY18] is the start of the feed when it is empty', async () => {
    expect(await store.feedHead()).toEqual(FEED_START);
  });

  it('[SY18] [SY10] is the position of the last row a pull returns, and moves with every write', async () => {
    await store.putDocs([tacticDoc('a'), tacticDoc('b')]);
    const rows = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
    const last = rows.at(-1);
    if (!last) throw new Error('the pull returned nothing');
    const head = await store.feedHead();
    expect(head).toEqual({ txid: last.txid, seq: last.seq });
    // A new version of an existing document moves it too, forward in pull order.
    await store.putDocs([tacticDoc('a')]);
    expect(isAfter(await store.feedHead(), head)).toBe(true);
  });

  it('[SY18] [SY11] feedKeys with mayPull picks exactly the rows a pull returns, for every viewer', async () => {
    const random = seededRandom(18);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const owners = ['u-1', 'u-2', 'u-3', null];
    const teams = ['t-1', 't-2', null];
    const audiences = [
      'all',
      'staff',
      'management',
      'role:frontline',
      'role:supervisor',
      'role:outsourcer',
      'org:o-1',
      'org:o-2',
      'record',
      PRIVATE_AUDIENCE,
    ];
    const docs: DocWrite[] = Array.from({ length: 240 }, (_, i) => ({
      kind: 'tactic',
      id: `d-${i}`,
      ownerId: pick(owners),
      teamId: pick(teams),
      orgId: null,
      audience: pick(audiences),
      data: { i },
    }));
    for (let i = 0; i < docs.length; i += 40) await store.putDocs(docs.slice(i, i + 40));
    const viewers: Visibility[] = [
      { seesEverything: true, audiences: [], userId: 'u-1', teamIds: [] },
      {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:frontline'],
        userId: 'u-2',
        teamIds: [],
      },
      {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:supervisor'],
        userId: 'u-3',
        teamIds: ['t-1'],
      },
      {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:supervisor'],
        userId: 'u-4',
        teamIds: ['t-1', 't-2'],
      },
      {
        seesEverything: false,
        audiences: ['all', 'role:outsourcer', 'org:o-1'],
        userId: 'u-5',
        teamIds: [],
      },
      { seesEverything: false, audiences: [], userId: 'u-1', teamIds: [] },
    ];
    const keys = await store.feedKeys(FEED_START, 1_000);
    expect(keys).toHaveLength(docs.length);
    const at = (r: { txid: number; seq: number }) => `${r.txid}.${r.seq}`;
    for (const v of viewers) {
      const pulled = await store.pullDocs(FEED_START, v, 1_000);
      expect(keys.filter((k) => mayPull(v, k)).map(at), JSON.stringify(v)).toEqual(pulled.map(at));
      expect(pulled.length).toBeGreaterThan(0);
    }
  });

  it('[SY18] feedKeys starts after the position it is given and stops at its limit, in feed order', async () => {
    await store.putDocs([tacticDoc('a'), tacticDoc('b'), tacticDoc('c')]);
    const all = await store.feedKeys(FEED_START, 10);
    expect(all).toHaveLength(3);
    expect(await store.feedKeys(FEED_START, 2)).toEqual(all.slice(0, 2));
    expect(await store.feedKeys(all[0]!, 10)).toEqual(all.slice(1));
    expect(await store.feedKeys(all[2]!, 10)).toEqual([]);
    expect(all[0]).toMatchObject({ ownerId: null, teamId: null, audience: 'all' });
  });

  it.runIf(name === 'postgres')(
    '[SY18] [SY9] feedKeys leaves out a row the watermark still holds back',
    async () => {
      await store.putDocs([tacticDoc('a')]);
      const [first] = await store.feedKeys(FEED_START, 10);
      await whileHeldBack(
        () => store.putDocs([tacticDoc('b')]),
        async () => expect(await store.feedKeys(first!, 10)).toEqual([]),
      );
      expect(await store.feedKeys(first!, 10)).toHaveLength(1);
    },
  );

  it.runIf(name === 'postgres')(
    '[SY18] [SY9] does not move past a row the watermark still holds back',
    async () => {
      await store.putDocs([tacticDoc('a')]);
      const before = await store.feedHead();
      await whileHeldBack(
        () => store.putDocs([tacticDoc('b')]),
        async () => expect(await store.feedHead()).toEqual(before),
      );
      expect(await store.feedHead()).not.toEqual(before);
    },
  );
});
