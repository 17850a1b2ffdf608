import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText, storableText } from './text.ts';

const HIGH = '\ud83d';
const LOW = '\ude80';

describe('text a text column stores (SY21)', () => {
  it('tells whole pairs from halves, and NUL from other control characters', () => {
    expect(isStorableText(`ok ${HIGH}${LOW} 👩🏽‍🔧 \u0001\u001f`)).toBe(true);
    for (const bad of [`${HIGH}`, `x${HIGH}y`, `${LOW}`, `${LOW}${HIGH}`, 'a\u0000b'])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('replaces each character it cannot hold with U+FFFD and keeps the rest', () => {
    expect(storableText(`a${HIGH}b\u0000${HIGH}${LOW}${LOW}`)).toBe(
      `a\ufffdb\ufffd${HIGH}${LOW}\ufffd`,
    );
    expect(storableText('fine 🚀')).toBe('fine 🚀');
  });

  it('always gives storable text, the same length, unchanged where it was storable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = storableText(text);
        expect(isStorableText(out)).toBe(true);
        expect(out.length).toBe(text.length);
        expect(
          isStorableText(text) ? out : text.toWellFormed().replaceAll('\u0000', '\ufffd'),
        ).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});
