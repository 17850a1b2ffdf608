import { uuidv7Time, type DocOf, type MutationName } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { listDocs } from '../db/docs.ts';
import {
  RECORD_DOC_KINDS,
  RECORD_KIND_OF,
  type MutationArgs,
  type Rejection,
  type SyncStateOfRecord,
} from '../db/rows.ts';

type KindOf<N extends MutationName> = (typeof RECORD_KIND_OF)[N];

/** The server's copy of what a mutation made, once pulled. */
export type RecordDoc<N extends MutationName> =
  KindOf<N> extends null ? never : DocOf<NonNullable<KindOf<N>>>;

/**
 * A record the user made, with where it stands: *saved on this device*, *synced*, or *needs
 * attention* with the server's reason (`rejection.code`, `.message`, `.field`, SY7).
 */
export type MyRecord = {
  [N in MutationName]: {
    readonly id: string;
    readonly name: N;
    /** What the user entered (for a pulled record: the server's copy, which includes it). */
    readonly args: MutationArgs<N>;
    /** The server's copy with its status (e.g. a recovery's `given` / `awaiting_approval`), once pulled. */
    readonly doc: RecordDoc<N> | null;
    readonly syncState: SyncStateOfRecord;
    readonly rejection: Rejection | null;
    readonly createdAt: number;
  };
}[MutationName];

const NAME_OF_KIND = Object.fromEntries(
  Object.entries(RECORD_KIND_OF)
    .filter(([, kind]) => kind !== null)
    .map(([name, kind]) => [kind, name]),
) as Record<string, MutationName>;

/** Newest first: local records joined with the pulled records this user made (on any device). */
export async function loadMyRecords(db: FrontlineDb, userId: string): Promise<MyRecord[]> {
  const locals = await db.local.where('userId').equals(userId).toArray();
  const docs = new Map<string, { kind: string; data: DocOf<(typeof RECORD_DOC_KINDS)[number]> }>();
  for (const kind of RECORD_DOC_KINDS) {
    for (const data of await listDocs(db, kind))
      if (data.recordedBy === userId) docs.set(data.id, { kind, data });
  }
  const records: MyRecord[] = [];
  for (const row of locals) {
    const doc = docs.get(row.id);
    docs.delete(row.id);
    records.push({
      id: row.id,
      name: row.name,
      args: row.args,
      doc: doc?.data ?? null,
      syncState: row.state,
      rejection: row.rejection,
      createdAt: row.createdAt,
    } as MyRecord);
  }
  for (const [id, doc] of docs) {
    const name = NAME_OF_KIND[doc.kind];
    if (name === undefined) continue;
    records.push({
      id,
      name,
      args: doc.data,
      doc: doc.data,
      syncState: 'synced',
      rejection: null,
      createdAt: uuidv7Time(id),
    } as MyRecord);
  }
  return records.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}
