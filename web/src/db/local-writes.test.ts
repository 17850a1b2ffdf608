import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/index.ts';
import { feedbackWrite, freshDb, NOW } from '../stores/test-support.ts';
import type { FrontlineDb } from './database.ts';
import { replaceRejected, saveLocalWrite } from './local-writes.ts';
import { applyPushResults } from './outbox.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const contents = async () => ({ local: await db.local.count(), outbox: await db.outbox.count() });

describe('a local write (product.md §4: record and outbox mutation in one transaction)', () => {
  it('stores the record and appends its mutation together, in push order', async () => {
    db = freshDb();
    const first = await saveLocalWrite(db, () => feedbackWrite());
    const second = await saveLocalWrite(db, () => feedbackWrite());

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
    const first = await saveLocalWrite(db, () => feedbackWrite());
    // Same mutation id: the outbox's unique index refuses the second append.
    const clash = feedbackWrite({ mutationId: first.record.mutationId });
    await expect(saveLocalWrite(db, () => clash)).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    expect(await db.local.get(clash.record.id)).toBeUndefined();
    expect(await contents()).toEqual({ local: 1, outbox: 1 });
  });

  it('appends no mutation when the record cannot be stored', async () => {
    db = freshDb();
    const first = await saveLocalWrite(db, () => feedbackWrite());
    await expect(
      saveLocalWrite(db, () => feedbackWrite({ id: first.record.id })),
    ).rejects.toMatchObject({ name: 'ConstraintError' });
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
    await saveLocalWrite(db, () => ({ ...feedbackWrite(), clearDraft: 'feedback' }));
    expect(await db.drafts.get('feedback')).toBeUndefined();
  });
});

describe('replacing a refused record (SY7)', () => {
  it('swaps the refused mutation for a new pending one, atomically', async () => {
    db = freshDb();
    const refused = await saveLocalWrite(db, () => feedbackWrite());
    await applyPushResults(db, [
      {
        id: refused.record.mutationId,
        status: 'rejected',
        code: 'not_found',
        message: 'No such risk',
        field: 'args.subject.riskId',
      },
    ]);

    const fixed = feedbackWrite({ id: refused.record.id });
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
    const pending = await saveLocalWrite(db, () => feedbackWrite());
    expect(
      await replaceRejected(db, pending.record.id, () => feedbackWrite({ id: pending.record.id })),
    ).toEqual({ ok: false, reason: 'not_rejected' });
    expect(await replaceRejected(db, uuidv7(), () => feedbackWrite())).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await contents()).toEqual({ local: 1, outbox: 1 });
  });
});
