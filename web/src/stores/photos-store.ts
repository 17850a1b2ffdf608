import {
  isPhotoContentType,
  MAX_PHOTO_BYTES,
  sha256,
  toHex,
  uuidv7,
} from '../../../shared/index.ts';
import { getMeta } from '../db/meta.ts';
import { addPhoto, deleteDraftPhotos, getPhoto } from '../db/photos.ts';
import type { PhotoState } from '../db/rows.ts';
import { ApiError } from '../sync/api-error.ts';
import { requireWriter, type StoreContext } from './context.ts';
import { StoreError } from './store-error.ts';

/** Where a photo's bytes came from, or why there are none to show. */
export type PhotoView =
  | {
      readonly status: 'shown';
      readonly blob: Blob;
      /** On this device: its upload state. From the server: null. */
      readonly localState: PhotoState | null;
    }
  /** The server has not received it yet (it is on the phone that took it). */
  | { readonly status: 'not_received' }
  /** Not on this device and the server cannot be asked now (offline, signed out). */
  | { readonly status: 'unavailable' };

export interface PhotosStore {
  /**
   * Stores a photo (already re-encoded by the form) on the device at once and returns its new
   * id for the form's `photoIds`. It is uploaded once a saved record names it (SY20). Throws
   * StoreError `validation` (not an image type) or `payload_too_large` naming `photo`.
   */
  add(blob: Blob): Promise<string>;
  /** The user took a photo off a form: it leaves the device, unless a saved record holds it. */
  remove(id: string): Promise<void>;
  /** A photo's bytes: from the device when it has them, else from the server when it can. */
  load(id: string): Promise<PhotoView>;
}

export function createPhotosStore({ db, api, now }: StoreContext): PhotosStore {
  return {
    async add(blob) {
      await requireWriter(db);
      const contentType = blob.type;
      if (!isPhotoContentType(contentType))
        throw new StoreError(
          'validation',
          `photo: ${contentType || 'this file'} is not a photo`,
          'photo',
        );
      if (blob.size > MAX_PHOTO_BYTES)
        throw new StoreError(
          'payload_too_large',
          `photo: larger than ${MAX_PHOTO_BYTES} bytes`,
          'photo',
        );
      // Hashed before the transaction: no await on anything but the database inside one.
      const digest = toHex(sha256(new Uint8Array(await blob.arrayBuffer())));
      const createdAt = now();
      const id = uuidv7(createdAt);
      await addPhoto(db, {
        id,
        blob,
        contentType,
        bytes: blob.size,
        sha256: digest,
        createdAt,
        state: 'pending',
        recordId: null,
      });
      return id;
    },

    remove: (id) => deleteDraftPhotos(db, [id]),

    async load(id) {
      const local = await getPhoto(db, id);
      if (local) return { status: 'shown', blob: local.blob, localState: local.state };
      const session = await getMeta(db, 'session');
      if (!session) return { status: 'unavailable' };
      try {
        return { status: 'shown', blob: await api.fetchPhoto(session.token, id), localState: null };
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return { status: 'not_received' };
        return { status: 'unavailable' };
      }
    },
  };
}
