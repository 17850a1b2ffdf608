import type { FrontlineDb } from './database.ts';
import { deleteDraftPhotos } from './photos.ts';

export async function saveDraft(
  db: FrontlineDb,
  form: string,
  value: unknown,
  savedAt: number,
): Promise<void> {
  await db.drafts.put({ form, value, savedAt });
}

export async function loadDraft(
  db: FrontlineDb,
  form: string,
): Promise<{ value: unknown; savedAt: number } | undefined> {
  const row = await db.drafts.get(form);
  return row && { value: row.value, savedAt: row.savedAt };
}

/**
 * Forgets a draft, and the photos it held that no saved record has claimed (SY20): a discarded
 * form leaves nothing behind on the device.
 */
export async function clearDraft(db: FrontlineDb, form: string): Promise<void> {
  await db.transaction('rw', [db.drafts, db.photos], async () => {
    const draft = await db.drafts.get(form);
    await db.drafts.delete(form);
    await deleteDraftPhotos(db, photoIdsOf(draft?.value));
  });
}

/** The `photoIds` a draft value holds, whatever else it is. */
function photoIdsOf(value: unknown): string[] {
  const ids = (value as { photoIds?: unknown } | null | undefined)?.photoIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
