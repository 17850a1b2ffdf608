import { describe, expect, it } from 'vitest';
import { fitWithin, PHOTO_LONG_SIDE } from './photo-size.ts';

describe('fitWithin: the size a photo is re-encoded to', () => {
  it('brings a 12 MP landscape photo to 1600 px on its long side, keeping its shape', () => {
    expect(fitWithin({ width: 4032, height: 3024 })).toEqual({ width: 1600, height: 1200 });
  });

  it('does the same for a portrait photo', () => {
    expect(fitWithin({ width: 3024, height: 4032 })).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small image', () => {
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: PHOTO_LONG_SIDE, height: 10 })).toEqual({
      width: PHOTO_LONG_SIDE,
      height: 10,
    });
  });

  it('rounds to whole pixels and never goes below one', () => {
    expect(fitWithin({ width: 4000, height: 3 })).toEqual({ width: 1600, height: 1 });
    expect(fitWithin({ width: 3001, height: 2001 }, 1000)).toEqual({ width: 1000, height: 667 });
    expect(fitWithin({ width: 0, height: 0 })).toEqual({ width: 1, height: 1 });
  });

  it('keeps the long side within the limit for any shape', () => {
    for (let w = 1; w < 9000; w += 997) {
      for (let h = 1; h < 9000; h += 1301) {
        const out = fitWithin({ width: w, height: h });
        expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(PHOTO_LONG_SIDE);
        if (Math.max(w, h) > PHOTO_LONG_SIDE) expect(Math.max(out.width, out.height)).toBe(1600);
      }
    }
  });
});
