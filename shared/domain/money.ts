import { z } from 'zod';

export const CURRENCIES = ['HKD', 'USD', 'CNY', 'MOP'] as const;
export const currencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof currencySchema>;
export const DEFAULT_CURRENCY: Currency = 'HKD';

/** Upper bound for one amount: HKD 10 million in cents. Anything bigger is a typo, not a refund. */
export const MAX_MINOR_UNITS = 1_000_000_000;

/** An amount in integer minor units (cents). Never a float. */
export const minorUnitsSchema = z
  .number()
  .int('must be a whole number of cents')
  .min(0, 'must not be negative')
  .max(MAX_MINOR_UNITS, 'is too large');

export const moneySchema = z.object({
  amount: minorUnitsSchema,
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

/** Money in HKD (the default currency). */
export function hkd(minorUnits: number): Money {
  return { amount: minorUnits, currency: 'HKD' };
}
