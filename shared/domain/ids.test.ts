import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idSchema, uuidv7, uuidv7Time } from './ids.ts';

// Version nibble 7, variant bits 10xx (8, 9, a or b).
const UUIDV7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_48_BIT = 2 ** 48 - 1;

function isSortedStrictly(ids: readonly string[]): boolean {
  return ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id);
}

describe('uuidv7', () => {
  it('has the canonical lower-case form, version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUIDV7_RE);
      expect(idSchema.safeParse(id).success).toBe(true);
    }
  });

  it('keeps the format at the extremes of the 48-bit timestamp', () => {
    expect(uuidv7(0)).toMatch(/^00000000-0000-7[0-9a-f]{3}-[89ab]/);
    expect(uuidv7(MAX_48_BIT)).toMatch(/^ffffffff-ffff-7[0-9a-f]{3}-[89ab]/);
  });

  it('encodes the creation time, which uuidv7Time reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_48_BIT }), (ms) => {
        const id = uuidv7(ms);
        expect(id).toMatch(UUIDV7_RE);
        expect(uuidv7Time(id)).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the time of a known id', () => {
    // 2026-03-18T02:00:00.000Z = 0x019cfeabd500 ms.
    expect(uuidv7Time('019cfeab-d500-7000-8000-000000000000')).toBe(
      Date.parse('2026-03-18T02:00:00.000Z'),
    );
    expect(uuidv7(Date.parse('2026-03-18T02:00:00.000Z')).slice(0, 13)).toBe('019cfeab-d500');
  });

  it('never repeats over many ids', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(uuidv7());
    expect(ids.size).toBe(20_000);
  });

  it('ids made later sort later as strings, across milliseconds', () => {
    const base = Date.parse('2026-03-18T02:00:00.000Z');
    const ids = [0, 1, 2, 1000, 60_000, 86_400_000].map((dt) => uuidv7(base + dt));
    expect(isSortedStrictly(ids)).toBe(true);
  });

  it('ids made later sort later as strings, many within the same millisecond', () => {
    const ms = Date.parse('2026-03-18T03:00:00.000Z');
    const ids = Array.from({ length: 1_000 }, () => uuidv7(ms));
    expect(isSortedStrictly(ids)).toBe(true);
    expect(ids.every((id) => uuidv7Time(id) === ms)).toBe(true);
  });

  it('stay ordered past the 4,096 ids a 12-bit counter can number in one millisecond', () => {
    const ms = Date.parse('2026-03-18T04:00:00.000Z');
    const ids = Array.from({ length: 10_000 }, () => uuidv7(ms));
    expect(isSortedStrictly(ids)).toBe(true);
    // RFC 9562 §6.2: on counter overflow the next millisecond is borrowed rather than wrapping.
    expect(uuidv7Time(ids[4095] as string)).toBe(ms);
    expect(uuidv7Time(ids[4096] as string)).toBe(ms + 1);
    // The next real millisecond still sorts after everything made before it.
    const next = uuidv7(ms + 1);
    expect(next > (ids[ids.length - 1] as string)).toBe(true);
  });

  it('an explicitly earlier time is encoded as given, not bent to keep call order', () => {
    const t = Date.parse('2026-03-18T05:00:00.000Z');
    uuidv7(t);
    expect(uuidv7Time(uuidv7(t - 60_000))).toBe(t - 60_000);
  });

  it('ids made in a tight loop on the real clock are strictly ordered', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(isSortedStrictly(ids)).toBe(true);
  });

  it('ordering holds for any non-decreasing sequence of clock readings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }),
        (start, steps) => {
          let t = start;
          const ids = steps.map((dt) => uuidv7((t += dt)));
          expect(isSortedStrictly(ids)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('idSchema', () => {
  it('accepts a canonical lower-case UUID', () => {
    expect(idSchema.safeParse('019cfe2b-d680-7000-8000-000000000000').success).toBe(true);
  });

  it.each([
    ['upper case', '019CFE2B-D680-7000-8000-000000000000'],
    ['mixed case', '019cfe2b-D680-7000-8000-000000000000'],
    ['no dashes', '019cfe2bd680700080000000000000000'],
    ['braces', '{019cfe2b-d680-7000-8000-000000000000}'],
    ['a character short', '019cfe2b-d680-7000-8000-00000000000'],
    ['a character long', '019cfe2b-d680-7000-8000-0000000000000'],
    ['non-hex', '019cfe2b-d680-7000-8000-00000000000g'],
    ['surrounding spaces', ' 019cfe2b-d680-7000-8000-000000000000 '],
    ['empty', ''],
    ['junk', 'not-a-uuid'],
    ['SQL', "1' OR '1'='1"],
  ])('rejects %s', (_label, value) => {
    const result = idSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a UUID in lower-case canonical form');
  });

  it('rejects non-strings', () => {
    for (const value of [null, undefined, 42, {}, []])
      expect(idSchema.safeParse(value).success).toBe(false);
  });
});
