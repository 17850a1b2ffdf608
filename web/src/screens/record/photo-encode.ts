import { MAX_PHOTO_BYTES } from '../../../../shared/protocol/photos.ts';
import { fitWithin, PHOTO_QUALITIES } from '../../format/photo-size.ts';

/** The picture could not be read (not an image, or a format this browser cannot decode). */
export class PhotoDecodeError extends Error {
  override readonly name = 'PhotoDecodeError';
}

/**
 * A camera photo re-encoded as a JPEG of at most 1600 px on its long side (docs/sync.md SY20).
 * Drawing it onto a canvas keeps only the pixels: EXIF — the GPS position, the phone's serial and
 * owner — is not carried over (docs/decisions/0009-photos.md). The orientation the camera wrote
 * is applied first, so the picture stands the right way up.
 */
export async function encodePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (err) {
    throw new PhotoDecodeError(err instanceof Error ? err.message : String(err));
  }
  try {
    let size = fitWithin(bitmap);
    // A rare huge, noisy picture may still be too large: lower the quality, then the size.
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const quality of PHOTO_QUALITIES) {
        const blob = await drawJpeg(bitmap, size, quality);
        if (blob.size <= MAX_PHOTO_BYTES) return blob;
      }
      size = fitWithin(size, Math.round(Math.max(size.width, size.height) * 0.7));
    }
    throw new PhotoDecodeError('The photo stays too large after re-encoding');
  } finally {
    bitmap.close();
  }
}

async function drawJpeg(
  bitmap: ImageBitmap,
  size: { width: number; height: number },
  quality: number,
): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoDecodeError('No 2D canvas in this browser');
  // JPEG has no transparency: a PNG with some is laid on white, not black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', quality),
  );
  canvas.width = canvas.height = 0;
  if (!blob) throw new PhotoDecodeError('The browser could not encode the photo');
  return blob;
}
