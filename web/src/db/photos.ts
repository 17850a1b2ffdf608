import type { FrontlineDb } from './database.ts';
import type { PhotoRow, Rejection } from './rows.ts';

// Photos on the device (docs/sync.md SY20). A photo is stored the moment it is taken, held by a
// draft (recordId null) until a saved record claims it; then it waits to be uploaded.

export async function addPhoto(db: FrontlineDb, photo: PhotoRow): Promise<void> {
  await db.photos.add(photo);
}

export async function getPhoto(db: FrontlineDb, id: string): Promise<PhotoRow | undefined> {
  return db.photos.get(id);
}

/**
 * Hands photos to a saved record: the ones it names that exist on the device. Call inside the
 * record's write transaction, so the record and its claim appear together.
 */
export async function claimPhotos(
  db: FrontlineDb,
  recordId: string,
  photoIds: readonly string[],
): Promise<void> {
  if (photoIds.length === 0) return;
  await db.photos
    .where('id')
    .anyOf([...photoIds])
    .modify({ recordId });
}

/** Photos of saved records still to upload, oldest first. */
export async function photosToUpload(db: FrontlineDb): Promise<PhotoRow[]> {
  const pending = await db.photos.where('state').equals('pending').toArray();
  return pending.filter((p) => p.recordId !== null).sort((a, b) => a.createdAt - b.createdAt);
}

export async function markPhotoUploaded(db: FrontlineDb, id: string): Promise<void> {
  await db.photos.update(id, { state: 'uploaded', rejection: null });
}

export async function markPhotoRefused(
  db: FrontlineDb,
  id: string,
  rejection: Rejection,
): Promise<void> {
  await db.photos.update(id, { state: 'refused', rejection });
}

/**
 * Frees the device of uploaded photos beyond `keepBytes`: the newest stay (the ones a person is
 * likely to look at again, and offline), older ones go, to be fetched from the server when shown.
 * Only photos the server holds of records the server has: pending, draft and refused photos stay,
 * and so do the photos of a record still waiting to sync or refused (someone fixing it offline
 * sees them). Returns how many went.
 */
export async function pruneUploadedPhotos(db: FrontlineDb, keepBytes: number): Promise<number> {
  const uploaded = await db.photos.where('state').equals('uploaded').toArray();
  const recordIds = [...new Set(uploaded.flatMap((p) => (p.recordId ? [p.recordId] : [])))];
  const records = await db.local.bulkGet(recordIds);
  // A record no longer on the device was synced and then superseded by what the server sent.
  const isOnServer = new Map(
    recordIds.map((id, i) => [id, (records[i]?.state ?? 'synced') === 'synced']),
  );
  // Newest first; ids (UUIDv7, in the order they were made) settle a tie within a millisecond.
  uploaded.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  let kept = 0;
  const gone: string[] = [];
  for (const p of uploaded) {
    const mayGo = p.recordId !== null && isOnServer.get(p.recordId) === true;
    if (!mayGo || kept + p.bytes <= keepBytes) kept += p.bytes;
    else gone.push(p.id);
  }
  if (gone.length > 0) await db.photos.bulkDelete(gone);
  return gone.length;
}

/** Deletes photos no saved record holds (a draft's, when the user takes one away). */
export async function deleteDraftPhotos(db: FrontlineDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.photos
    .where('id')
    .anyOf([...ids])
    .filter((p) => p.recordId === null)
    .delete();
}

/** A record left the device (the user discarded it): its photos go with it. */
export async function deleteRecordPhotos(db: FrontlineDb, recordId: string): Promise<void> {
  await db.photos.where('recordId').equals(recordId).delete();
}
