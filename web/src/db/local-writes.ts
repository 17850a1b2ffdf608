import type { FrontlineDb } from './database.ts';
import { claimPhotos, deleteRecordPhotos } from './photos.ts';
import type { LocalRecordRow, OutboxRow } from './rows.ts';
import { refreshUsage } from './usage.ts';

/**
 * A record and the mutation that tells the server about it: the mutation's id is
 * `record.mutationId`, its name and args the record's.
 */
export interface LocalWrite {
  readonly record: LocalRecordRow;
  /** Device time when the user acted (ISO instant), for the audit trail. */
  readonly clientTime: string;
  /** A form draft the write completes: cleared in the same transaction. */
  readonly clearDraft?: string;
}

/**
 * Stores a record AND appends its outbox mutation in ONE transaction (product.md §4): both appear
 * or neither does. `prepare` runs inside the transaction, so what it reads (limits, period use)
 * cannot change before the write lands. It may read this database only: never await a fetch in
 * it, or the transaction commits early and the write fails.
 */
export async function saveLocalWrite<T extends LocalWrite>(
  db: FrontlineDb,
  prepare: () => T | Promise<T>,
): Promise<T> {
  return db.transaction('rw', WRITE_TABLES(db), async () => {
    const write = await prepare();
    await db.local.add(write.record);
    await db.outbox.add(outboxRowOf(write));
    await claimRecordPhotos(db, write.record);
    if (isRecovery(write.record)) await refreshUsage(db, [write.record.id]);
    if (write.clearDraft !== undefined) await db.drafts.delete(write.clearDraft);
    return write;
  });
}

export type FixOutcome<T> =
  | { readonly ok: true; readonly write: T }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_rejected' };

type NotRefused = Extract<FixOutcome<never>, { ok: false }>;

/** The record the user is acting on, if the server refused it; else why not. */
async function refusedRecord(
  db: FrontlineDb,
  recordId: string,
): Promise<LocalRecordRow | NotRefused> {
  const refused = await db.local.get(recordId);
  if (!refused) return { ok: false, reason: 'not_found' };
  if (refused.state !== 'needs_attention') return { ok: false, reason: 'not_rejected' };
  return refused;
}

/** A refused record and its refused mutation leave the device. */
async function dropRefused(db: FrontlineDb, recordId: string): Promise<void> {
  await db.outbox
    .where('recordId')
    .equals(recordId)
    .filter((r) => r.state === 'rejected')
    .delete();
  await db.local.delete(recordId);
}

/**
 * Replaces a refused record with its corrected version and a NEW mutation (SY7: a rejection is
 * final for its mutation id). The refused outbox entry goes, the new one is appended, atomically.
 */
export async function replaceRejected<T extends LocalWrite>(
  db: FrontlineDb,
  recordId: string,
  prepare: (refused: LocalRecordRow) => T | Promise<T>,
): Promise<FixOutcome<T>> {
  return db.transaction('rw', WRITE_TABLES(db), async (): Promise<FixOutcome<T>> => {
    const refused = await refusedRecord(db, recordId);
    if ('ok' in refused) return refused;
    const write = await prepare(refused);
    await dropRefused(db, recordId);
    await db.local.add(write.record);
    await db.outbox.add(outboxRowOf(write));
    await claimRecordPhotos(db, write.record);
    if (isRecovery(refused) || isRecovery(write.record))
      await refreshUsage(db, [recordId, write.record.id]);
    if (write.clearDraft !== undefined) await db.drafts.delete(write.clearDraft);
    return { ok: true, write };
  });
}

/** The user gives up on a refused record: it and its refused mutation leave the device. */
export async function discardRejected(
  db: FrontlineDb,
  recordId: string,
): Promise<
  { readonly ok: true } | { readonly ok: false; readonly reason: 'not_found' | 'not_rejected' }
> {
  const tables = [db.local, db.outbox, db.docs, db.usage, db.usageDays, db.photos];
  return db.transaction('rw', tables, async () => {
    const refused = await refusedRecord(db, recordId);
    if ('ok' in refused) return refused;
    await dropRefused(db, recordId);
    await deleteRecordPhotos(db, recordId);
    if (isRecovery(refused)) await refreshUsage(db, [recordId]);
    return { ok: true } as const;
  });
}

/** Every table a record write touches, the usage index included (usage.ts). */
const WRITE_TABLES = (db: FrontlineDb) => [
  db.local,
  db.outbox,
  db.drafts,
  db.docs,
  db.meta,
  db.usage,
  db.usageDays,
  db.photos,
];

/** An incident's photos belong to it from the moment it is saved: then they are uploaded (SY20). */
async function claimRecordPhotos(db: FrontlineDb, record: LocalRecordRow): Promise<void> {
  if (record.name === 'incident.record') await claimPhotos(db, record.id, record.args.photoIds);
}

const isRecovery = (record: LocalRecordRow) => record.name === 'recovery.record';

function outboxRowOf({ record, clientTime }: LocalWrite): OutboxRow {
  return {
    id: record.mutationId,
    name: record.name,
    clientTime,
    args: record.args,
    recordId: record.id,
    state: 'pending',
    rejection: null,
  };
}
