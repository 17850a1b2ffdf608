import type { MutationResult } from '../../../shared/index.ts';
import type { FrontlineDb } from './database.ts';
import { refreshUsage } from './usage.ts';
import { RECORD_KIND_OF, type LocalRecordRow, type OutboxRow, type Rejection } from './rows.ts';

/**
 * The oldest pending mutations, in push order; with `afterSeq`, the oldest made after that one
 * (the next batch, read while the previous one is still being answered).
 */
export function pendingHead(
  db: FrontlineDb,
  limit: number,
  afterSeq: number = -Infinity,
): Promise<OutboxRow[]> {
  return db.outbox
    .where('[state+seq]')
    .between(['pending', afterSeq], ['pending', Infinity], false, false)
    .limit(limit)
    .toArray();
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
 *
 * Reads and writes go in bulk: the link sits idle while this runs between two pushes, and one
 * awaited IndexedDB request per row adds up over a drain of thousands (README, Benchmarks).
 */
export async function applyPushResults(
  db: FrontlineDb,
  results: readonly MutationResult[],
): Promise<AppliedResults> {
  return db.transaction('rw', [db.outbox, db.local, db.docs, db.usage, db.usageDays], async () => {
    const outbox = new Map(
      (
        await db.outbox
          .where('id')
          .anyOf(results.map((r) => r.id))
          .toArray()
      ).map((row) => [row.id, row]),
    );
    const recordIds = [...new Set([...outbox.values()].map((row) => row.recordId))];
    const records = new Map<string, LocalRecordRow | undefined>(
      zip(recordIds, await db.local.bulkGet(recordIds)),
    );
    const pulled = await pulledIds(db, [...records.values()]);
    const outboxPuts = new Map<string, OutboxRow>();
    const outboxDeletes: number[] = [];
    const localPuts = new Map<string, LocalRecordRow>();
    const localDeletes = new Set<string>();
    const setRecord = (id: string, record: LocalRecordRow | undefined) => {
      records.set(id, record);
      if (record) localPuts.set(id, record);
      else {
        localPuts.delete(id);
        localDeletes.add(id);
      }
    };
    const nowMs = Date.now();
    let accepted = 0;
    let rejected = 0;
    for (const r of results) {
      const row = outbox.get(r.id);
      if (!row) continue;
      const record = records.get(row.recordId);
      const isOwnRecord = record !== undefined && record.mutationId === r.id;
      const outcome = r.status === 'duplicate' ? r.original : r;
      if (outcome.status === 'applied') {
        outbox.delete(r.id);
        outboxPuts.delete(r.id);
        if (row.seq !== undefined) outboxDeletes.push(row.seq);
        accepted++;
        if (!isOwnRecord) continue;
        // Already pulled (the first answer was lost after commit): the server's copy stands alone.
        if (RECORD_KIND_OF[record.name] === null || pulled.has(record.id))
          setRecord(record.id, undefined);
        else
          setRecord(record.id, { ...record, state: 'synced', rejection: null, updatedAt: nowMs });
      } else {
        const rejection: Rejection = {
          code: outcome.code,
          message: outcome.message,
          ...(outcome.field !== undefined ? { field: outcome.field } : {}),
        };
        const refused: OutboxRow = { ...row, state: 'rejected', rejection };
        outbox.set(r.id, refused);
        outboxPuts.set(r.id, refused);
        rejected++;
        if (isOwnRecord)
          setRecord(record.id, {
            ...record,
            state: 'needs_attention',
            rejection,
            updatedAt: nowMs,
          });
      }
    }
    await db.outbox.bulkPut([...outboxPuts.values()]);
    await db.outbox.bulkDelete(outboxDeletes);
    await db.local.bulkPut([...localPuts.values()]);
    await db.local.bulkDelete([...localDeletes]);
    await refreshUsage(db, localDeletes);
    return { accepted, rejected };
  });
}

/** Which of these records the device already holds the server's copy of. */
async function pulledIds(
  db: FrontlineDb,
  records: readonly (LocalRecordRow | undefined)[],
): Promise<Set<string>> {
  const keys: [string, string][] = [];
  for (const record of records) {
    const kind = record ? RECORD_KIND_OF[record.name] : null;
    if (record && kind !== null) keys.push([kind, record.id]);
  }
  const docs = await db.docs.bulkGet(keys);
  return new Set(keys.filter((_, i) => docs[i] !== undefined).map(([, id]) => id));
}

function zip<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  return as.map((a, i) => [a, bs[i] as B]);
}

/** Refuses a mutation the device can never send (e.g. too large for any push), keeping it visible. */
export async function rejectLocally(
  db: FrontlineDb,
  mutationId: string,
  rejection: Rejection,
): Promise<void> {
  await db.transaction('rw', [db.outbox, db.local], () => markRejected(db, mutationId, rejection));
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
