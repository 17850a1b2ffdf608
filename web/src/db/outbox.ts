import type { MutationResult } from '../../../shared/index.ts';
import type { FrontlineDb } from './database.ts';
import { RECORD_KIND_OF, type OutboxRow, type Rejection } from './rows.ts';

/** The oldest pending mutations, in push order. */
export function pendingHead(db: FrontlineDb, limit: number): Promise<OutboxRow[]> {
  // The `state` index orders equal keys by primary key, i.e. by `seq`.
  return db.outbox.where('state').equals('pending').limit(limit).toArray();
}

export interface OutboxCounts {
  readonly pending: number;
  readonly rejected: number;
}

export async function outboxCounts(db: FrontlineDb): Promise<OutboxCounts> {
  const [pending, rejected] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
  ]);
  return { pending, rejected };
}

export interface AppliedResults {
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * Records the server's answers in one transaction. Applied (or a duplicate of applied, SY4) leaves
 * the outbox and marks its record synced; rejected (or a duplicate of a rejection) stays, visible
 * with its reason, and is never sent again under that id (SY7).
 */
export async function applyPushResults(
  db: FrontlineDb,
  results: readonly MutationResult[],
): Promise<AppliedResults> {
  return db.transaction('rw', [db.outbox, db.local, db.docs], async () => {
    let accepted = 0;
    let rejected = 0;
    for (const r of results) {
      const outcome = r.status === 'duplicate' ? r.original : r;
      if (outcome.status === 'applied') {
        if (await markAccepted(db, r.id)) accepted++;
      } else {
        const rejection: Rejection = {
          code: outcome.code,
          message: outcome.message,
          ...(outcome.field !== undefined ? { field: outcome.field } : {}),
        };
        if (await markRejected(db, r.id, rejection)) rejected++;
      }
    }
    return { accepted, rejected };
  });
}

/** Refuses a mutation the device can never send (e.g. too large for any push), keeping it visible. */
export async function rejectLocally(
  db: FrontlineDb,
  mutationId: string,
  rejection: Rejection,
): Promise<void> {
  await db.transaction('rw', [db.outbox, db.local], () => markRejected(db, mutationId, rejection));
}

async function markAccepted(db: FrontlineDb, mutationId: string): Promise<boolean> {
  const row = await db.outbox.where('id').equals(mutationId).first();
  if (!row) return false;
  await db.outbox.where('id').equals(mutationId).delete();
  const record = await db.local.get(row.recordId);
  if (!record || record.mutationId !== mutationId) return true;
  const kind = RECORD_KIND_OF[record.name];
  // Already pulled (the first answer was lost after commit): the server's copy stands alone.
  const isPulled = kind !== null && (await db.docs.get([kind, record.id])) !== undefined;
  if (isPulled || kind === null) await db.local.delete(record.id);
  else
    await db.local.update(record.id, { state: 'synced', rejection: null, updatedAt: Date.now() });
  return true;
}

async function markRejected(
  db: FrontlineDb,
  mutationId: string,
  rejection: Rejection,
): Promise<boolean> {
  const row = await db.outbox.where('id').equals(mutationId).first();
  if (!row) return false;
  await db.outbox.where('id').equals(mutationId).modify({ state: 'rejected', rejection });
  const record = await db.local.get(row.recordId);
  if (record && record.mutationId === mutationId) {
    await db.local.update(record.id, {
      state: 'needs_attention',
      rejection,
      updatedAt: Date.now(),
    });
  }
  return true;
}
