// The size a photo is re-encoded to on the phone (docs/sync.md SY20): small enough to send over a
// field link and store for years, large enough to read a serial number or see a damaged cable.

/** The long side of a stored photo, in pixels. */
export const PHOTO_LONG_SIDE = 1600;
/** JPEG quality of the first try; lower ones follow while the photo is still too large. */
export const PHOTO_QUALITIES = [0.8, 0.65, 0.5] as const;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The size to draw an image at so that its long side is at most `longSide`, keeping its shape:
 * never enlarged, whole pixels, never below 1 px.
 */
export function fitWithin(source: Size, longSide: number = PHOTO_LONG_SIDE): Size {
  const width = Math.max(1, Math.round(source.width));
  const height = Math.max(1, Math.round(source.height));
  const scale = Math.min(1, longSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
