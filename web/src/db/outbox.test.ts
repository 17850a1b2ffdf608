import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/index.ts';
import { freshDb, localWrite, NOW } from '../stores/test-support.ts';
import type { FrontlineDb } from './database.ts';
import { saveLocalWrite } from './local-writes.ts';
import { applyPushResults, outboxCounts, pendingHead } from './outbox.ts';
import type { LocalRecordRow } from './rows.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

async function ack(): Promise<LocalRecordRow> {
  const write = localWrite('plan.acknowledge', {
    planVersionId: uuidv7(),
    acknowledgedAt: new Date(NOW).toISOString(),
  });
  await saveLocalWrite(db, () => write);
  return write.record;
}

describe('push answers on the device', () => {
  it('[SY4] applied and duplicate-of-applied leave the outbox and mark the record synced', async () => {
    db = freshDb();
    const [a, b, c] = [await ack(), await ack(), await ack()];
    await applyPushResults(db, [
      { id: a.mutationId, status: 'applied' },
      { id: b.mutationId, status: 'duplicate', original: { status: 'applied' } },
    ]);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([c.mutationId]);
    expect((await db.local.get(a.id))?.state).toBe('synced');
    expect((await db.local.get(b.id))?.state).toBe('synced');
    expect((await db.local.get(c.id))?.state).toBe('saved_on_device');
  });

  it('[SY6][SY7] rejected (also as a duplicate) stays, visible with code, message and field, and is not pushed again', async () => {
    db = freshDb();
    const [a, b, c] = [await ack(), await ack(), await ack()];
    await applyPushResults(db, [
      {
        id: a.mutationId,
        status: 'rejected',
        code: 'not_found',
        message: 'No such plan version',
        field: 'args.planVersionId',
      },
      {
        id: b.mutationId,
        status: 'duplicate',
        original: { status: 'rejected', code: 'forbidden', message: 'no' },
      },
    ]);
    expect(await db.local.get(a.id)).toMatchObject({
      state: 'needs_attention',
      rejection: {
        code: 'not_found',
        message: 'No such plan version',
        field: 'args.planVersionId',
      },
    });
    expect(await db.local.get(b.id)).toMatchObject({
      state: 'needs_attention',
      rejection: { code: 'forbidden' },
    });
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 2 });
    expect((await pendingHead(db, 10)).map((r) => r.id)).toEqual([c.mutationId]);
  });

  it('an answer for a mutation already gone from the outbox changes nothing', async () => {
    db = freshDb();
    const a = await ack();
    await applyPushResults(db, [{ id: a.mutationId, status: 'applied' }]);
    const result = await applyPushResults(db, [
      { id: a.mutationId, status: 'rejected', code: 'conflict', message: 'late' },
    ]);
    expect(result).toEqual({ accepted: 0, rejected: 0 });
    expect((await db.local.get(a.id))?.state).toBe('synced');
  });

  it('a record whose server copy was already pulled (its first answer was lost) leaves the local table when accepted', async () => {
    db = freshDb();
    const a = await ack();
    if (a.name !== 'plan.acknowledge') throw new Error('unreachable');
    await db.docs.put({
      kind: 'acknowledgement',
      id: a.id,
      data: {
        ...a.args,
        recordedBy: '019a0000-0000-7000-8000-000000000001',
        teamId: null,
        orgId: null,
        receivedAt: new Date(NOW).toISOString(),
      },
    });
    await applyPushResults(db, [
      { id: a.mutationId, status: 'duplicate', original: { status: 'applied' } },
    ]);
    expect(await db.local.get(a.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('pendingHead returns pending mutations in the order they were made, at most the limit', async () => {
    db = freshDb();
    const made = [await ack(), await ack(), await ack(), await ack()];
    await applyPushResults(db, [
      { id: made[1]?.mutationId ?? '', status: 'rejected', code: 'conflict', message: 'x' },
    ]);
    expect((await pendingHead(db, 2)).map((r) => r.id)).toEqual([
      made[0]?.mutationId,
      made[2]?.mutationId,
    ]);
  });
});
