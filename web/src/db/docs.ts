import type { DeviceSettings, DocKind, DocOf, SyncChange } from '../../../shared/index.ts';
import type { FrontlineDb } from './database.ts';
import type { DocRow, StoredSession } from './rows.ts';
import { refreshUsage } from './usage.ts';

/** Every pulled document of one kind. */
export async function listDocs<K extends DocKind>(db: FrontlineDb, kind: K): Promise<DocOf<K>[]> {
  const rows = await db.docs.where('kind').equals(kind).toArray();
  return rows.map((r) => r.data as DocOf<K>);
}

export async function getDoc<K extends DocKind>(
  db: FrontlineDb,
  kind: K,
  id: string,
): Promise<DocOf<K> | undefined> {
  const row = await db.docs.get([kind, id]);
  return row?.data as DocOf<K> | undefined;
}

/** Several documents of one kind by id, in one read; missing ids are absent from the map. */
export async function getDocsById<K extends DocKind>(
  db: FrontlineDb,
  kind: K,
  ids: Iterable<string>,
): Promise<Map<string, DocOf<K>>> {
  const unique = [...new Set(ids)];
  const rows = await db.docs.bulkGet(unique.map((id): [string, string] => [kind, id]));
  const found = new Map<string, DocOf<K>>();
  for (const row of rows) if (row) found.set(row.id, row.data as DocOf<K>);
  return found;
}

/** The highest `version` of a versioned kind: the current plan or limit set. */
export async function latestVersion<K extends 'plan_version' | 'limit_set'>(
  db: FrontlineDb,
  kind: K,
): Promise<DocOf<K> | null> {
  let best: DocOf<K> | null = null;
  for (const doc of await listDocs(db, kind)) if (!best || doc.version > best.version) best = doc;
  return best;
}

export interface PullPage {
  readonly changes: readonly SyncChange[];
  readonly cursor: string;
  /** The server's device settings, when it sends them (SY19). */
  readonly settings?: DeviceSettings | undefined;
}

const sameSettings = (a: DeviceSettings, b: DeviceSettings) =>
  a.maxLimitsAgeMs === b.maxLimitsAgeMs && a.sessionLifetimeMs === b.sessionLifetimeMs;

/**
 * Applies one pull page in one transaction: documents, the local records they supersede and the
 * cursor move together, so a crash between pages re-pulls from the last applied page and never
 * skips one. Refused (returns false) when the signed-in user is no longer `userId`: a page that
 * arrives after sign-out must not bring the old user's data back (product.md §6).
 */
export async function applyPullPage(
  db: FrontlineDb,
  page: PullPage,
  options: { readonly userId: string; readonly completedAt?: number },
): Promise<boolean> {
  const tables = [db.docs, db.local, db.meta, db.usage, db.usageDays];
  return db.transaction('rw', tables, async () => {
    const session = (await db.meta.get('session'))?.value as StoredSession | undefined;
    if (session?.user.id !== options.userId) return false;
    const puts: DocRow[] = [];
    const deletes: [string, string][] = [];
    for (const c of page.changes) {
      if (c.deleted || c.data === null) deletes.push([c.kind, c.id]);
      else puts.push({ kind: c.kind, id: c.id, data: c.data } as DocRow);
    }
    await db.docs.bulkDelete(deletes);
    await db.docs.bulkPut(puts);
    // The server's copy now stands for a record this device made and saw accepted. Keys only:
    // reading a page's worth of whole records to learn which are synced kept the link idle.
    const changed = new Set(page.changes.map((c) => c.id));
    const superseded = new Set(
      (await db.local.where('state').equals('synced').primaryKeys()).filter((id) =>
        changed.has(id),
      ),
    );
    const localRecoveries = await db.local.where('name').equals('recovery.record').primaryKeys();
    await db.local.bulkDelete([...superseded]);
    await refreshUsage(db, [
      ...page.changes.filter((c) => c.kind === 'recovery').map((c) => c.id),
      ...localRecoveries.filter((id) => superseded.has(id)),
    ]);
    await db.meta.put({ key: 'cursor', value: page.cursor });
    // SY19: the server's settings as of this pull replace those the sign-in brought.
    if (page.settings && !sameSettings(session.settings, page.settings)) {
      await db.meta.put({ key: 'session', value: { ...session, settings: page.settings } });
    }
    if (options.completedAt !== undefined) {
      await db.meta.bulkPut([
        { key: 'lastPullAt', value: options.completedAt },
        { key: 'limitsCheckedAt', value: options.completedAt },
      ]);
    }
    return true;
  });
}
