import type { FrontlineDb } from './database.ts';
import type { MetaKey, StoredSession } from './rows.ts';

/** Kept through sign-out: the device stays the same device. */
const KEPT_META: readonly MetaKey[] = ['deviceId', 'storagePersisted'];

export type UnsyncedCounts = { readonly pending: number; readonly rejected: number };

async function unsynced(db: FrontlineDb): Promise<UnsyncedCounts> {
  return {
    pending: await db.outbox.where('state').equals('pending').count(),
    rejected: await db.outbox.where('state').equals('rejected').count(),
  };
}

const SESSION_TABLES = (db: FrontlineDb) => [
  db.docs,
  db.local,
  db.outbox,
  db.drafts,
  db.meta,
  db.usage,
  db.usageDays,
  db.photos,
];

async function wipe(db: FrontlineDb): Promise<void> {
  // Every session table but `meta`, which keeps the device's own keys. Photos too: they wait only
  // for their records, so with the outbox empty every one held was uploaded.
  await Promise.all(
    SESSION_TABLES(db)
      .filter((table) => table !== db.meta)
      .map((table) => table.clear()),
  );
  await db.meta
    .where('key')
    .noneOf([...KEPT_META])
    .delete();
}

/**
 * Stores a new session. When it is another user's, the previous user's data leaves the device
 * first (product.md §6), unless some of it has not reached the server: then nothing changes.
 */
export async function storeSession(
  db: FrontlineDb,
  session: StoredSession,
): Promise<
  { readonly ok: true } | ({ readonly ok: false; readonly previousUser: string } & UnsyncedCounts)
> {
  return db.transaction('rw', SESSION_TABLES(db), async () => {
    const previous = (await db.meta.get('session'))?.value as StoredSession | undefined;
    const hasLocalRecords = (await db.local.count()) > 0;
    const isOtherUser =
      (previous !== undefined && previous.user.id !== session.user.id) ||
      (previous === undefined && hasLocalRecords);
    if (isOtherUser) {
      const counts = await unsynced(db);
      if (counts.pending + counts.rejected > 0) {
        return {
          ok: false,
          previousUser: previous?.user.username ?? 'unknown',
          ...counts,
        } as const;
      }
      await wipe(db);
    }
    await db.meta.put({ key: 'session', value: session });
    await db.meta.delete('authProblem');
    return { ok: true } as const;
  });
}

/**
 * Removes the user's data from the device, in one transaction with the check that nothing is
 * waiting to sync or waiting for the user (SY7): an unsent record is never wiped.
 */
export async function wipeIfSynced(
  db: FrontlineDb,
): Promise<
  | { readonly ok: true; readonly session: StoredSession | undefined }
  | ({ readonly ok: false } & UnsyncedCounts)
> {
  return db.transaction('rw', SESSION_TABLES(db), async () => {
    const counts = await unsynced(db);
    if (counts.pending + counts.rejected > 0) return { ok: false, ...counts } as const;
    const session = (await db.meta.get('session'))?.value as StoredSession | undefined;
    await wipe(db);
    return { ok: true, session } as const;
  });
}
