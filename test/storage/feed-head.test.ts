import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocWrite, Store } from '../../server/src/storage/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { openStoreAt } from '../support/harness.ts';
import { FEED_START, SEES_EVERYTHING, usePrivatePostgres } from '../support/store-fixtures.ts';

// Store.feedHead: what the watch channel's once-a-second check reads (docs/sync.md SY18). It must
// move exactly when a pull could return something new, so it obeys the pull's watermark (SY9).

const doc = (id: string): DocWrite => ({
  kind: 'tactic',
  id,
  ownerId: null,
  teamId: null,
  orgId: null,
  audience: 'all',
  data: { id },
});

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

  it('[SY18] is the start of the feed when it is empty', async () => {
    expect(await store.feedHead()).toEqual(FEED_START);
  });

  it('[SY18] [SY10] is the position of the last row a pull returns, and moves with every write', async () => {
    await store.putDocs([doc('a'), doc('b')]);
    const rows = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
    const last = rows.at(-1);
    expect(await store.feedHead()).toEqual({ txid: last?.txid, seq: last?.seq });
    // A new version of an existing document moves it too.
    await store.putDocs([doc('a')]);
    const after = await store.feedHead();
    expect(after.txid > (last?.txid ?? 0) || after.seq > (last?.seq ?? 0)).toBe(true);
  });

  it.runIf(name === 'postgres')(
    '[SY18] [SY9] does not move past a row the watermark still holds back',
    async () => {
      await store.putDocs([doc('a')]);
      const before = await store.feedHead();
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT pg_current_xact_id()');
        await store.putDocs([doc('b')]);
        expect(await store.feedHead()).toEqual(before);
        await blocker.query('COMMIT');
        expect(await store.feedHead()).not.toEqual(before);
      } finally {
        await blocker.end();
      }
    },
  );
});
