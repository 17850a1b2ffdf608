import { describe, expect, it } from 'vitest';
import { parseAmount } from './parse-amount.ts';

const ok = (minor: number) => ({ ok: true, minor });
const refused = (problem: string) => ({ ok: false, problem });

describe('reading a typed amount as cents', () => {
  it('reads whole dollars, one and two decimal places', () => {
    expect(parseAmount('12.50')).toEqual(ok(1250));
    expect(parseAmount('12.5')).toEqual(ok(1250));
    expect(parseAmount('12')).toEqual(ok(1200));
    expect(parseAmount('12.')).toEqual(ok(1200));
    expect(parseAmount('.5')).toEqual(ok(50));
    expect(parseAmount('0.01')).toEqual(ok(1));
    expect(parseAmount('0')).toEqual(ok(0));
    expect(parseAmount('007.10')).toEqual(ok(710));
  });

  it('never meets a float: 0.29 and 1.005-like inputs stay exact', () => {
    expect(parseAmount('0.29')).toEqual(ok(29));
    expect(parseAmount('4.35')).toEqual(ok(435));
    expect(parseAmount('1.10')).toEqual(ok(110));
    expect(parseAmount('9999999.99')).toEqual(ok(999_999_999));
  });

  it('accepts what people paste or type on a Chinese keyboard', () => {
    expect(parseAmount(' HK$1,234.50 ')).toEqual(ok(123450));
    expect(parseAmount('$80')).toEqual(ok(8000));
    expect(parseAmount('１２．５０')).toEqual(ok(1250));
    expect(parseAmount('1 000')).toEqual(ok(100000));
  });

  it('allows trailing zeros past two places but refuses real fractions of a cent', () => {
    expect(parseAmount('12.500')).toEqual(ok(1250));
    expect(parseAmount('12.505')).toEqual(refused('too_many_decimals'));
    expect(parseAmount('0.001')).toEqual(refused('too_many_decimals'));
  });

  it('says why an amount is refused', () => {
    expect(parseAmount('')).toEqual(refused('empty'));
    expect(parseAmount('   ')).toEqual(refused('empty'));
    expect(parseAmount('.')).toEqual(refused('invalid'));
    expect(parseAmount('12a')).toEqual(refused('invalid'));
    expect(parseAmount('1.2.3')).toEqual(refused('invalid'));
    expect(parseAmount('1e3')).toEqual(refused('invalid'));
    expect(parseAmount('12,34')).toEqual(refused('invalid'));
    expect(parseAmount('0x10')).toEqual(refused('invalid'));
    expect(parseAmount('-5')).toEqual(refused('negative'));
    expect(parseAmount('−5.00')).toEqual(refused('negative'));
    expect(parseAmount('10000000.01')).toEqual(refused('too_large'));
    expect(parseAmount('99999999999999999999')).toEqual(refused('too_large'));
  });

  it('takes a lower ceiling when the form has one', () => {
    expect(parseAmount('100.01', 10_000)).toEqual(refused('too_large'));
    expect(parseAmount('100', 10_000)).toEqual(ok(10_000));
  });
});
