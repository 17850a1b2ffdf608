import { describe, expect, it } from 'vitest';
import { decideLimit, type LimitRule } from '../../../../shared/index.ts';
import { createI18n } from '../../i18n/index.ts';
import { describeLimitDecision } from './limit-decision-text.ts';

const rule: LimitRule = {
  id: '01936b2e-0000-7000-8000-000000000001',
  role: 'frontline',
  product: '*',
  segment: '*',
  region: '*',
  compensationType: '*',
  currency: 'HKD',
  maxPerCase: 20_000,
  maxPerPeriod: 50_000,
  period: 'week',
};
const now = Date.parse('2026-03-18T04:00:00Z');
const decide = (amount: number, limitsAgeMs = 0, rules = [rule]) =>
  decideLimit({
    rules,
    role: 'frontline',
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_east' },
    compensationType: 'voucher',
    amount: { amount, currency: 'HKD' },
    usage: [
      {
        amount: { amount: 35_000, currency: 'HKD' },
        compensationType: 'voucher',
        scope: { product: 'mobile', segment: 'sme', region: 'kowloon_west' },
        atMs: now - 60_000,
      },
    ],
    nowMs: now,
    limitsAgeMs,
    maxLimitsAgeMs: 86_400_000,
  });

describe('the limit decision panel says', () => {
  const en = createI18n('en');

  it('"You may give this now", with the per-case limit and what is left after this amount', () => {
    expect(describeLimitDecision(decide(10_000), 10_000, en)).toEqual({
      tone: 'success',
      verdict: 'You may give this now',
      lines: ['Up to HK$200.00 per case.', 'HK$50.00 left this week.'],
      advice: null,
      isWithinLimit: true,
    });
  });

  it('"Needs approval" with every reason, then what to do', () => {
    const text = describeLimitDecision(decide(25_000, 2 * 86_400_000), 25_000, en);
    expect(text.tone).toBe('warning');
    expect(text.verdict).toBe('Needs approval');
    expect(text.lines).toEqual([
      'The limits on this phone are 2 days old (the most allowed is 24 hours). Sync to update them.',
      'HK$250.00 is HK$50.00 over your per-case limit of HK$200.00.',
      'With HK$350.00 already given this week, HK$250.00 is HK$100.00 over your weekly limit of HK$500.00.',
    ]);
    expect(text.advice).toBe('Send it for approval. Do not give it until it is approved.');
  });

  it('why, when no rule applies', () => {
    expect(describeLimitDecision(decide(100, 0, []), 100, en).lines).toEqual([
      'You have no limit for this type of compensation here, so any amount needs approval.',
    ]);
  });

  it('what to do before an amount is typed', () => {
    const text = describeLimitDecision(null, null, createI18n('zh-HK'));
    expect(text).toMatchObject({ tone: 'neutral', isWithinLimit: null });
    expect(text.lines).toEqual(['輸入金額，即可知道你現在能否給予。']);
  });
});
