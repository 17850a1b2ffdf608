import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/index.ts';
import { freshDb, NOW } from '../stores/test-support.ts';
import type { FrontlineDb } from './database.ts';
import { replaceRejected, saveLocalWrite, type LocalWrite } from './local-writes.ts';
import { applyPushResults } from './outbox.ts';
import type { LocalRecordRow } from './rows.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

function feedback(overrides: Partial<LocalRecordRow> = {}): LocalWrite {
  const id = uuidv7();
  return {
    record: {
      id,
      name: 'feedback.send',
      args: {
        id,
        subject: { kind: 'general' },
        kind: 'suggestion',
        text: 'More vouchers',
        sentAt: new Date(NOW).toISOString(),
      },
      userId: 'u1',
      state: 'saved_on_device',
      mutationId: uuidv7(),
      rejection: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    } as LocalRecordRow,
    clientTime: new Date(NOW).toISOString(),
  };
}

const contents = async () => ({ local: await db.local.count(), outbox: await db.outbox.count() });

describe('a local write (product.md §4: record and outbox mutation in one transaction)', () => {
  it('stores the record and appends its mutation together, in push order', async () => {
    db = freshDb();
    const first = await saveLocalWrite(db, () => feedback());
    const second = await saveLocalWrite(db, () => feedback());

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => [r.id, r.recordId, r.state])).toEqual([
      [first.record.mutationId, first.record.id, 'pending'],
      [second.record.mutationId, second.record.id, 'pending'],
    ]);
    expect(outbox[0]?.args).toEqual(first.record.args);
    expect(await db.local.get(first.record.id)).toMatchObject({ state: 'saved_on_device' });
  });

  it('keeps neither when appending the mutation fails after the record was stored', async () => {
    db = freshDb();
    const first = await saveLocalWrite(db, () => feedback());
    // Same mutation id: the outbox's unique index refuses the second append.
    const clash = feedback({ mutationId: first.record.mutationId });
    await expect(saveLocalWrite(db, () => clash)).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    expect(await db.local.get(clash.record.id)).toBeUndefined();
    expect(await contents()).toEqual({ local: 1, outbox: 1 });
  });

  it('appends no mutation when the record cannot be stored', async () => {
    db = freshDb();
    const first = await saveLocalWrite(db, () => feedback());
    await expect(saveLocalWrite(db, () => feedback({ id: first.record.id }))).rejects.toMatchObject(
      { name: 'ConstraintError' },
    );
    expect(await contents()).toEqual({ local: 1, outbox: 1 });
  });

  it('writes nothing, and keeps the draft, when preparing the write throws', async () => {
    db = freshDb();
    await db.drafts.put({ form: 'feedback', value: { text: 'half' }, savedAt: NOW });
    await expect(
      saveLocalWrite(db, async () => {
        await db.meta.get('session'); // reads inside the transaction are fine
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await contents()).toEqual({ local: 0, outbox: 0 });
    expect(await db.drafts.get('feedback')).toBeDefined();
  });

  it('clears the draft it completes in the same transaction', async () => {
    db = freshDb();
    await db.drafts.put({ form: 'feedback', value: { text: 'half' }, savedAt: NOW });
    await saveLocalWrite(db, () => ({ ...feedback(), clearDraft: 'feedback' }));
    expect(await db.drafts.get('feedback')).toBeUndefined();
  });
});

describe('replacing a refused record (SY7)', () => {
  it('swaps the refused mutation for a new pending one, atomically', async () => {
    db = freshDb();
    const refused = await saveLocalWrite(db, () => feedback());
    await applyPushResults(db, [
      {
        id: refused.record.mutationId,
        status: 'rejected',
        code: 'not_found',
        message: 'No such risk',
        field: 'args.subject.riskId',
      },
    ]);

    const fixed = feedback({ id: refused.record.id });
    const result = await replaceRejected(db, refused.record.id, () => fixed);

    expect(result.ok).toBe(true);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((r) => [r.id, r.state])).toEqual([[fixed.record.mutationId, 'pending']]);
    expect(await db.local.get(refused.record.id)).toMatchObject({
      state: 'saved_on_device',
      rejection: null,
      mutationId: fixed.record.mutationId,
    });
  });

  it('refuses a record that is not waiting for the user, changing nothing', async () => {
    db = freshDb();
    const pending = await saveLocalWrite(db, () => feedback());
    expect(
      await replaceRejected(db, pending.record.id, () => feedback({ id: pending.record.id })),
    ).toEqual({ ok: false, reason: 'not_rejected' });
    expect(await replaceRejected(db, uuidv7(), () => feedback())).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await contents()).toEqual({ local: 1, outbox: 1 });
  });
});
