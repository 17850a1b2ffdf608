import type { FrontlineDb } from './database.ts';
import type { MetaKey, MetaValues } from './rows.ts';

/** One value of the `meta` table, typed by its key. */
export async function getMeta<K extends MetaKey>(
  db: FrontlineDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  db: FrontlineDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: FrontlineDb, key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}
