import {
  canWrite,
  ERROR_CODES,
  idSchema,
  isPhotoContentType,
  MAX_PHOTO_BYTES,
  PHOTO_CONTENT_TYPES,
  PHOTO_SHA256_HEADER,
  sha256HexSchema,
  sniffPhotoType,
  type PhotoContentType,
  type PhotoReceipt,
} from '../../../shared/index.ts';
import { sha256Hex } from '../hash.ts';
import { AppError, errors } from '../http/app-error.ts';
import type { PhotoRecord, Store } from '../storage/store.ts';
import type { Principal } from './auth.ts';
import { auditDraft } from './audit.ts';
import { iso, type Clock } from './clock.ts';
import {
  ledTeams,
  mayPull,
  RECORD_AUDIENCE,
  recordOwnership,
  visibilityFor,
} from './sync/visibility.ts';

/** A photo as it arrived: the raw body and the headers that describe it. */
export interface PhotoUpload {
  readonly id: string;
  readonly contentType: string | undefined;
  readonly sha256: string | undefined;
  readonly bytes: Uint8Array;
}

function checkPhotoId(id: string): string {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success)
    throw new AppError(
      400,
      ERROR_CODES.validation,
      `id: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'id',
    );
  return parsed.data;
}

/** The media type without parameters (`image/jpeg; q=1` → `image/jpeg`), lower-cased. */
const mediaType = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase() ?? '';

function checkUpload(u: PhotoUpload): { contentType: PhotoContentType; sha256: string } {
  const contentType = mediaType(u.contentType);
  if (!isPhotoContentType(contentType)) {
    throw new AppError(
      415,
      ERROR_CODES.validation,
      `content-type: must be one of ${PHOTO_CONTENT_TYPES.join(', ')}`,
      'content-type',
    );
  }
  if (u.bytes.byteLength > MAX_PHOTO_BYTES) {
    throw new AppError(
      413,
      ERROR_CODES.payloadTooLarge,
      `body: a photo may be at most ${MAX_PHOTO_BYTES} bytes`,
      'body',
    );
  }
  if (sniffPhotoType(u.bytes) !== contentType) {
    throw new AppError(415, ERROR_CODES.validation, `body: is not a ${contentType} image`, 'body');
  }
  const declared = sha256HexSchema.safeParse(u.sha256?.trim().toLowerCase());
  if (!declared.success) {
    throw new AppError(
      400,
      ERROR_CODES.validation,
      `${PHOTO_SHA256_HEADER}: ${declared.error.issues[0]?.message ?? 'is required'}`,
      PHOTO_SHA256_HEADER,
    );
  }
  const actual = sha256Hex(u.bytes);
  if (actual !== declared.data) {
    // Damaged on the way: storing it would keep a photo its device will never match.
    throw new AppError(
      400,
      ERROR_CODES.validation,
      `${PHOTO_SHA256_HEADER}: does not match the body (SHA-256 ${actual})`,
      PHOTO_SHA256_HEADER,
    );
  }
  return { contentType, sha256: actual };
}

const receiptOf = (p: PhotoRecord): PhotoReceipt => ({
  id: p.id,
  contentType: p.contentType as PhotoContentType,
  size: p.size,
  sha256: p.sha256,
  receivedAt: p.createdAt,
});

/**
 * Stores a photo the signed-in user took (docs/sync.md SY20). Idempotent: the same id with the
 * same bytes answers the first receipt again; the same id with other bytes, or someone else's,
 * is refused with `idempotency_conflict` and changes nothing. A new photo and its `create` audit
 * event are written in one transaction.
 */
export async function storePhoto(
  store: Store,
  clock: Clock,
  principal: Principal,
  upload: PhotoUpload,
): Promise<PhotoReceipt> {
  const { user, session } = principal;
  if (!canWrite(user.role)) throw errors.forbidden('An auditor cannot add photos');
  const id = checkPhotoId(upload.id);
  const { contentType, sha256 } = checkUpload(upload);
  const now = clock.now();
  const keys = recordOwnership(user);
  const photo: PhotoRecord = {
    id,
    ownerId: user.id,
    teamId: keys.teamId,
    orgId: keys.orgId,
    contentType,
    bytes: upload.bytes,
    size: upload.bytes.byteLength,
    sha256,
    createdAt: iso(now),
  };
  return store.transaction(async (tx) => {
    if (await tx.putPhoto(photo)) {
      await tx.appendAudit([
        auditDraft(now, {
          action: 'create',
          actorId: user.id,
          deviceId: session.deviceId,
          entityKind: 'photo',
          entityId: id,
          detail: { contentType, size: photo.size, sha256 },
        }),
      ]);
      return receiptOf(photo);
    }
    const stored = await tx.getPhoto(id);
    if (!stored) throw new Error(`photo ${id} neither stored nor found`);
    if (stored.sha256 !== sha256 || stored.ownerId !== user.id) {
      throw new AppError(
        409,
        ERROR_CODES.idempotencyConflict,
        'id: a different photo was already sent with this id',
        'id',
      );
    }
    return receiptOf(stored);
  });
}

/**
 * A photo for someone who may see the records of its uploader (SY11): the uploader, the
 * supervisor of their team, managers and auditors. Anyone else is told it does not exist, as a
 * pull would not show them the incident that names it.
 */
export async function readPhoto(
  store: Store,
  principal: Principal,
  rawId: string,
): Promise<PhotoRecord> {
  const id = checkPhotoId(rawId);
  const photo = await store.getPhoto(id);
  const { user } = principal;
  if (photo) {
    const visibility = visibilityFor(user, await ledTeams(store, user));
    if (mayPull(visibility, { ...photo, audience: RECORD_AUDIENCE })) return photo;
  }
  throw errors.notFound('id: no photo with this id has been received', 'id');
}
