import type { FrontlineDb } from './database.ts';

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

export async function clearDraft(db: FrontlineDb, form: string): Promise<void> {
  await db.drafts.delete(form);
}
