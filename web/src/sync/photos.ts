import type { ErrorCode } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { markPhotoRefused, markPhotoUploaded, photosToUpload } from '../db/photos.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

export interface PhotoUploadSummary {
  readonly uploaded: number;
  readonly refused: number;
}

/**
 * Uploaded photos kept on the device, newest first, up to this many bytes (about 100 photos at
 * the 1600 px JPEG the camera step makes): a year of incident photos would otherwise fill the
 * phone. Older ones, of records the server has, are fetched from it when shown
 * (`pruneUploadedPhotos`, run by the sync engine after a push).
 */
export const PHOTO_KEEP_BYTES = 50 * 1024 * 1024;

/**
 * Uploads, one at a time, every photo of a saved record not yet on the server (docs/sync.md SY20).
 * Runs before the outbox is pushed, so an incident never reaches the server before its photos.
 *
 * A failure without an answer (offline, a timeout, a 5xx) or one that needs the user (a sign-in)
 * throws with the photo still pending: the engine stops the cycle, as for a failed push, and
 * tries again with its back-off; the server's answer to a resend is the same receipt. A refusal
 * (wrong type, too large, the id taken) can never be cured by sending again: the photo is marked
 * refused, stays on the device, and blocks nothing (SY6).
 */
export async function uploadPhotos(
  db: FrontlineDb,
  api: ApiClient,
  token: string,
): Promise<PhotoUploadSummary> {
  let uploaded = 0;
  let refused = 0;
  for (const photo of await photosToUpload(db)) {
    try {
      await api.uploadPhoto(token, photo);
    } catch (err) {
      if (!isFinalRefusal(err)) throw err;
      await markPhotoRefused(db, photo.id, {
        code: err.code as ErrorCode,
        message: err.message,
        ...(err.field !== undefined ? { field: err.field } : {}),
      });
      refused++;
      continue;
    }
    await markPhotoUploaded(db, photo.id);
    uploaded++;
  }
  return { uploaded, refused };
}

/**
 * A 4xx about this photo itself, in the server's own words: not a transport failure or a page
 * from something in between, a sign-in, a throttle or an old app.
 */
function isFinalRefusal(err: unknown): err is ApiError {
  return (
    err instanceof ApiError &&
    err.status !== null &&
    err.code !== 'bad_response' &&
    !err.isRetryable &&
    !err.needsSignIn &&
    err.code !== 'unsupported_protocol' &&
    err.status >= 400 &&
    err.status < 500
  );
}
