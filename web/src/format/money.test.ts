import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CURRENCY } from '../../../shared/index.ts';
import { formatMoney, minorToDecimal } from './money.ts';
import { parseAmount } from './parse-amount.ts';

describe('money on screen', () => {
  it('writes integer cents as a two-place decimal without float arithmetic', () => {
    expect(minorToDecimal(0)).toBe('0.00');
    expect(minorToDecimal(5)).toBe('0.05');
    expect(minorToDecimal(1250)).toBe('12.50');
    expect(minorToDecimal(-5)).toBe('-0.05');
    expect(minorToDecimal(1_000_000_000)).toBe('10000000.00');
    expect(() => minorToDecimal(12.5)).toThrow(RangeError);
  });

  it('shows HKD with the dollar sign, grouping and two decimals in both languages', () => {
    expect(formatMoney(123456750, 'en-HK')).toBe('HK$1,234,567.50');
    expect(formatMoney(123456750, 'zh-HK')).toBe('HK$1,234,567.50');
    expect(formatMoney(0, 'en-HK')).toBe('HK$0.00');
    expect(formatMoney(1, 'zh-HK')).toBe('HK$0.01');
  });

  it("defaults to shared's default currency", () => {
    expect(formatMoney(1250, 'en-HK')).toBe(formatMoney(1250, 'en-HK', DEFAULT_CURRENCY));
  });

  it('shows other currencies by their own code', () => {
    expect(formatMoney(1000, 'en-HK', 'USD')).toContain('10.00');
    expect(formatMoney(1000, 'en-HK', 'USD')).not.toContain('HK$');
  });

  it('formats every amount back to the digits it was typed as', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (minor) => {
        const parsed = parseAmount(minorToDecimal(minor));
        expect(parsed).toEqual({ ok: true, minor });
      }),
    );
  });
});
