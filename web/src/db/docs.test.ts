import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../../shared/index.ts';
import { LIMIT_SET, NOW, signedInDb, user } from '../stores/test-support.ts';
import type { FrontlineDb } from './database.ts';
import { applyPullPage, latestVersion } from './docs.ts';
import { getMeta } from './meta.ts';
import type { LocalRecordRow } from './rows.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const me = user().id;
const v4: SyncChange = {
  kind: 'limit_set',
  id: '019a0000-0000-7000-8000-0000000000b4',
  deleted: false,
  data: { ...LIMIT_SET, id: '019a0000-0000-7000-8000-0000000000b4', version: 4 },
};

describe('applying a pull page', () => {
  it('[SY10] puts and deletes documents and moves the cursor; limitsCheckedAt only when the pull completes', async () => {
    db = await signedInDb();
    await applyPullPage(db, { changes: [v4], cursor: '0.5' }, { userId: me });
    expect((await latestVersion(db, 'limit_set'))?.version).toBe(4);
    expect(await getMeta(db, 'cursor')).toBe('0.5');
    const checkedBefore = await getMeta(db, 'limitsCheckedAt');

    await applyPullPage(
      db,
      { changes: [{ kind: 'limit_set', id: v4.id, deleted: true, data: null }], cursor: '0.6' },
      { userId: me, completedAt: NOW + 1 },
    );
    expect((await latestVersion(db, 'limit_set'))?.version).toBe(3);
    expect(await getMeta(db, 'cursor')).toBe('0.6');
    expect(checkedBefore).not.toBe(NOW + 1);
    expect(await getMeta(db, 'limitsCheckedAt')).toBe(NOW + 1);
  });

  it('drops a page that arrives after the user signed out or another signed in (product.md §6)', async () => {
    db = await signedInDb();
    expect(
      await applyPullPage(
        db,
        { changes: [v4], cursor: '9.9' },
        { userId: '019a0000-0000-7000-8000-0000000000ff' },
      ),
    ).toBe(false);
    expect(await db.docs.get(['limit_set', v4.id])).toBeUndefined();
    expect(await getMeta(db, 'cursor')).toBeUndefined();
  });

  it("replaces a synced local record with the server's copy, but keeps one still waiting to be sent", async () => {
    db = await signedInDb();
    const base = {
      userId: me,
      rejection: null,
      createdAt: NOW,
      updatedAt: NOW,
      name: 'plan.acknowledge',
    } as const;
    const args = (id: string) => ({
      id,
      planVersionId: '019a0000-0000-7000-8000-0000000000d1',
      acknowledgedAt: new Date(NOW).toISOString(),
    });
    const synced = '019a0000-0000-7000-8000-0000000000e1';
    const waiting = '019a0000-0000-7000-8000-0000000000e2';
    await db.local.bulkAdd([
      {
        ...base,
        id: synced,
        args: args(synced),
        state: 'synced',
        mutationId: '019a0000-0000-7000-8000-0000000000f1',
      },
      {
        ...base,
        id: waiting,
        args: args(waiting),
        state: 'saved_on_device',
        mutationId: '019a0000-0000-7000-8000-0000000000f2',
      },
    ] as LocalRecordRow[]);
    const doc = (id: string): SyncChange => ({
      kind: 'acknowledgement',
      id,
      deleted: false,
      data: {
        ...args(id),
        recordedBy: me,
        teamId: null,
        orgId: null,
        receivedAt: new Date(NOW).toISOString(),
      },
    });
    await applyPullPage(
      db,
      { changes: [doc(synced), doc(waiting)], cursor: '1.0' },
      { userId: me },
    );
    expect((await db.local.toArray()).map((r) => r.id)).toEqual([waiting]);
    expect(await db.docs.where('kind').equals('acknowledgement').count()).toBe(2);
  });
});
