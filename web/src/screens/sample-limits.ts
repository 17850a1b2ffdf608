import { decideLimit, type LimitDecision, type LimitRule } from '../../../shared/index.ts';

/**
 * An example limit for the placeholder home screen and the component kit: HK$200 per case,
 * HK$500 per day, HK$350 already given today. Decided by the real shared `decideLimit`.
 * Goes away when the screens read the user's own limits from the stores.
 */
const SAMPLE_RULE: LimitRule = {
  id: '01936b2e-0000-7000-8000-000000000001',
  role: 'frontline',
  product: '*',
  segment: '*',
  region: '*',
  compensationType: '*',
  currency: 'HKD',
  maxPerCase: 20_000,
  maxPerPeriod: 50_000,
  period: 'day',
};

export function sampleDecision(amount: number, nowMs: number, limitsAgeMs = 0): LimitDecision {
  return decideLimit({
    rules: [SAMPLE_RULE],
    role: 'frontline',
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_east' },
    compensationType: 'bill_credit',
    amount: { amount, currency: 'HKD' },
    usage: [
      {
        amount: { amount: 35_000, currency: 'HKD' },
        compensationType: 'voucher',
        scope: { product: 'mobile', segment: 'consumer', region: 'kowloon_east' },
        atMs: nowMs,
      },
    ],
    nowMs,
    limitsAgeMs,
    maxLimitsAgeMs: 24 * 3_600_000,
  });
}
