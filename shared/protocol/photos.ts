import { z } from 'zod';
import { idSchema } from '../domain/ids.ts';
import { instantSchema } from '../domain/time.ts';

// Photos of a risk incident travel on their own, before the incident that names them
// (docs/sync.md SY20): `PUT /api/photos/{id}` with the raw bytes, idempotent by id and content.

/** The largest photo the server stores. The device re-encodes to well under it (≤ 1600 px, JPEG). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The image types a photo may have; anything else is refused with 415. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export function isPhotoContentType(value: string): value is PhotoContentType {
  return (PHOTO_CONTENT_TYPES as readonly string[]).includes(value);
}

/** The request header carrying the SHA-256 (lower-case hex) of the body. */
export const PHOTO_SHA256_HEADER = 'x-content-sha256';

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** The answer to a stored (or already stored, same content) photo. */
export const photoReceiptSchema = z.object({
  id: idSchema,
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  size: z.number().int().nonnegative(),
  sha256: sha256HexSchema,
  receivedAt: instantSchema,
});
export type PhotoReceipt = z.infer<typeof photoReceiptSchema>;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

/**
 * The image type the bytes themselves say (their signature), or null: a body labelled
 * `image/jpeg` that is not a JPEG is refused, so what is served back as an image is one.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}
