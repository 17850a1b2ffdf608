import type { Currency } from '../../../shared/index.ts';
import { cached, type AppLocale } from './locale.ts';

/*
 * shared's DEFAULT_CURRENCY, written out: importing the value would pull shared/domain/money.ts
 * and with it zod's schemas (~35 KB gzip) into the first chunk, which only the data layer needs.
 * money.test.ts checks the two stay the same.
 */
const DEFAULT_CURRENCY: Currency = 'HKD';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Integer minor units as a decimal string with two places, by string arithmetic so that no float
 * ever stands between the stored cents and the screen: 1250 → "12.50", -5 → "-0.05".
 */
export function minorToDecimal(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a whole number of cents: ${minor}`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const sign = minor < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Money for people, e.g. "HK$1,234.50", in the locale's own conventions. Intl takes the exact
 * decimal string (Intl.NumberFormat v3); an older engine turns it into a number, which for two
 * decimal places still prints the same digits.
 */
export function formatMoney(
  minor: number,
  locale: AppLocale,
  currency: Currency = DEFAULT_CURRENCY,
): string {
  const formatter = cached(
    formatters,
    `${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  );
  return formatter.format(minorToDecimal(minor) as Intl.StringNumericLiteral);
}
