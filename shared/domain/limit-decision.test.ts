import { describe, expect, it } from 'vitest';
import {
  decideLimit,
  governingRules,
  type LimitQuestion,
  type UsageEntry,
} from './limit-decision.ts';
import type { LimitRule } from './limits.ts';
import { hkd, type Money } from './money.ts';
import type { Scope } from './scope.ts';

// Wednesday 18 March 2026, 10:00 in Hong Kong (02:00 UTC).
const NOW = Date.parse('2026-03-18T10:00:00+08:00');
const HOUR = 3_600_000;
const MINUTE = 60_000;
const MAX_AGE = 24 * HOUR;

const SCOPE: Scope = { product: 'broadband', segment: 'consumer', region: 'kowloon_east' };

let ruleSeq = 0;
function rule(overrides: Partial<LimitRule> = {}): LimitRule {
  ruleSeq += 1;
  return {
    id: `00000000-0000-7000-8000-${String(ruleSeq).padStart(12, '0')}`,
    role: '*',
    product: '*',
    segment: '*',
    region: '*',
    compensationType: '*',
    currency: 'HKD',
    maxPerCase: 50_000,
    maxPerPeriod: 200_000,
    period: 'day',
    ...overrides,
  };
}

function ask(overrides: Partial<LimitQuestion> = {}): LimitQuestion {
  return {
    rules: [],
    role: 'frontline',
    scope: SCOPE,
    compensationType: 'bill_credit',
    amount: hkd(10_000),
    usage: [],
    nowMs: NOW,
    limitsAgeMs: 0,
    maxLimitsAgeMs: MAX_AGE,
    ...overrides,
  };
}

function used(
  amount: number | Money,
  atMs: number,
  overrides: Partial<UsageEntry> = {},
): UsageEntry {
  return {
    amount: typeof amount === 'number' ? hkd(amount) : amount,
    compensationType: 'bill_credit',
    scope: SCOPE,
    atMs,
    ...overrides,
  };
}

function codes(q: LimitQuestion): string[] {
  const d = decideLimit(q);
  return d.outcome === 'needs_approval' ? d.reasons.map((r) => r.code) : [];
}

describe('decideLimit: basic outcomes', () => {
  it('[LD1] no matching rule means limit zero: approval always needed', () => {
    expect(decideLimit(ask())).toEqual({
      outcome: 'needs_approval',
      reasons: [{ code: 'no_rule' }],
      rule: null,
    });
  });

  it('[LD1] even a zero amount needs approval when no rule matches', () => {
    expect(decideLimit(ask({ amount: hkd(0) })).outcome).toBe('needs_approval');
  });

  it('[LD1] rules that exist but do not match the scope count as no rule', () => {
    const q = ask({ rules: [rule({ product: 'mobile' }), rule({ region: 'hong_kong_island' })] });
    expect(codes(q)).toEqual(['no_rule']);
  });

  it('[LD2] an amount within the per-case and period limits is within limit, naming the rule', () => {
    const r = rule({ maxPerCase: 50_000, maxPerPeriod: 200_000 });
    const d = decideLimit(
      ask({ rules: [r], amount: hkd(20_000), usage: [used(30_000, NOW - HOUR)] }),
    );
    expect(d).toEqual({ outcome: 'within_limit', rule: r, used: 30_000 });
  });

  it('[LD2] exactly the per-case limit is within (≤)', () => {
    const r = rule({ maxPerCase: 50_000 });
    expect(decideLimit(ask({ rules: [r], amount: hkd(50_000) })).outcome).toBe('within_limit');
  });

  it('[LD3] one cent over the per-case limit needs approval with the excess', () => {
    const r = rule({ maxPerCase: 50_000 });
    const d = decideLimit(ask({ rules: [r], amount: hkd(50_001) }));
    expect(d).toEqual({
      outcome: 'needs_approval',
      reasons: [{ code: 'over_per_case', ruleId: r.id, limit: 50_000, amount: 50_001, excess: 1 }],
      rule: r,
    });
  });

  it('[LD2] exactly reaching the period limit is within (used + amount = max)', () => {
    const r = rule({ maxPerCase: 50_000, maxPerPeriod: 100_000 });
    const d = decideLimit(
      ask({ rules: [r], amount: hkd(40_000), usage: [used(60_000, NOW - HOUR)] }),
    );
    expect(d).toEqual({ outcome: 'within_limit', rule: r, used: 60_000 });
  });

  it('[LD4] going over the period limit needs approval with used, amount and excess', () => {
    const r = rule({ maxPerCase: 50_000, maxPerPeriod: 100_000, period: 'week' });
    const d = decideLimit(
      ask({
        rules: [r],
        amount: hkd(40_000),
        usage: [used(35_000, NOW - HOUR), used(25_001, NOW - 2 * HOUR)],
      }),
    );
    expect(d).toEqual({
      outcome: 'needs_approval',
      reasons: [
        {
          code: 'over_period',
          ruleId: r.id,
          period: 'week',
          limit: 100_000,
          used: 60_001,
          amount: 40_000,
          excess: 1,
        },
      ],
      rule: r,
    });
  });

  it('[LD4] a period already over its limit needs approval even for a zero amount', () => {
    const r = rule({ maxPerPeriod: 10_000 });
    const d = decideLimit(ask({ rules: [r], amount: hkd(0), usage: [used(10_001, NOW - HOUR)] }));
    expect(d.outcome).toBe('needs_approval');
    expect(codes(ask({ rules: [r], amount: hkd(0), usage: [used(10_001, NOW - HOUR)] }))).toEqual([
      'over_period',
    ]);
  });

  it('[LD5] over per case and over period at once lists both reasons', () => {
    const r = rule({ maxPerCase: 10_000, maxPerPeriod: 30_000 });
    const d = decideLimit(
      ask({ rules: [r], amount: hkd(15_000), usage: [used(20_000, NOW - HOUR)] }),
    );
    expect(d.outcome).toBe('needs_approval');
    if (d.outcome !== 'needs_approval') return;
    expect(d.reasons).toEqual([
      { code: 'over_per_case', ruleId: r.id, limit: 10_000, amount: 15_000, excess: 5_000 },
      {
        code: 'over_period',
        ruleId: r.id,
        period: 'day',
        limit: 30_000,
        used: 20_000,
        amount: 15_000,
        excess: 5_000,
      },
    ]);
    expect(d.rule).toBe(r);
  });
});

describe('decideLimit: stale limits', () => {
  const r = rule({ maxPerCase: 50_000, maxPerPeriod: 200_000 });

  it('[LD6] limits older than the maximum age never allow on-device approval', () => {
    const d = decideLimit(ask({ rules: [r], amount: hkd(1), limitsAgeMs: MAX_AGE + 1 }));
    expect(d).toEqual({
      outcome: 'needs_approval',
      reasons: [{ code: 'limits_stale', ageMs: MAX_AGE + 1, maxAgeMs: MAX_AGE }],
      rule: r,
    });
  });

  it('[LD6] limits exactly at the maximum age are still fresh', () => {
    expect(decideLimit(ask({ rules: [r], limitsAgeMs: MAX_AGE })).outcome).toBe('within_limit');
  });

  it('[LD6] stale limits are reported together with over per case and over period', () => {
    const q = ask({
      rules: [r],
      amount: hkd(60_000),
      usage: [used(150_000, NOW - HOUR)],
      limitsAgeMs: MAX_AGE * 3,
    });
    expect(codes(q)).toEqual(['limits_stale', 'over_per_case', 'over_period']);
  });

  it('[LD6] stale limits are reported together with no rule', () => {
    expect(codes(ask({ limitsAgeMs: MAX_AGE + 1 }))).toEqual(['limits_stale', 'no_rule']);
  });

  it("[LD6] the server's own copy (age 0) with a zero maximum age is fresh", () => {
    expect(decideLimit(ask({ rules: [r], limitsAgeMs: 0, maxLimitsAgeMs: 0 })).outcome).toBe(
      'within_limit',
    );
  });
});

describe('decideLimit: which usage counts toward a period', () => {
  const dayRule = rule({ maxPerCase: 50_000, maxPerPeriod: 100_000, period: 'day' });

  it('[LD7] usage after now (a device clock ahead, a future entry) does not count', () => {
    const q = ask({ rules: [dayRule], amount: hkd(50_000), usage: [used(90_000, NOW + 1)] });
    expect(decideLimit(q)).toMatchObject({ outcome: 'within_limit', used: 0 });
  });

  it('[LD7] usage at exactly now counts', () => {
    const q = ask({ rules: [dayRule], amount: hkd(50_000), usage: [used(90_000, NOW)] });
    expect(codes(q)).toEqual(['over_period']);
  });

  it('[LD7] usage in another currency does not count against an HKD rule', () => {
    const q = ask({
      rules: [dayRule],
      amount: hkd(50_000),
      usage: [used({ amount: 90_000, currency: 'USD' }, NOW - HOUR)],
    });
    expect(decideLimit(q)).toMatchObject({ outcome: 'within_limit', used: 0 });
  });

  it("[LD7] usage outside a specific rule's scope does not count", () => {
    const broadbandRule = rule({ product: 'broadband', maxPerPeriod: 100_000 });
    const q = ask({
      rules: [broadbandRule],
      amount: hkd(50_000),
      usage: [
        used(90_000, NOW - HOUR, { scope: { ...SCOPE, product: 'mobile' } }),
        used(10_000, NOW - HOUR),
      ],
    });
    expect(decideLimit(q)).toMatchObject({ outcome: 'within_limit', used: 10_000 });
  });

  it('[LD7] usage of another compensation type does not count against a type-specific rule', () => {
    const voucherRule = rule({ compensationType: 'voucher', maxPerPeriod: 100_000 });
    const q = ask({
      rules: [voucherRule],
      compensationType: 'voucher',
      amount: hkd(50_000),
      usage: [
        used(90_000, NOW - HOUR, { compensationType: 'refund' }),
        used(5_000, NOW - HOUR, { compensationType: 'voucher' }),
      ],
    });
    expect(decideLimit(q)).toMatchObject({ outcome: 'within_limit', used: 5_000 });
  });

  it('[LD7] a wildcard rule counts usage of every scope and type', () => {
    const q = ask({
      rules: [dayRule],
      amount: hkd(20_000),
      usage: [
        used(30_000, NOW - HOUR, {
          scope: { product: 'mobile', segment: 'sme', region: 'hong_kong_island' },
        }),
        used(30_000, NOW - HOUR, { compensationType: 'refund' }),
        used(30_000, NOW - HOUR),
      ],
    });
    expect(decideLimit(q)).toMatchObject({
      outcome: 'needs_approval',
      reasons: [{ code: 'over_period', used: 90_000 }],
    });
  });
});

describe('decideLimit: periods reset at Hong Kong midnight', () => {
  const todayHk = Date.parse('2026-03-18T00:00:00+08:00');
  const mondayHk = Date.parse('2026-03-16T00:00:00+08:00');
  const firstOfMonthHk = Date.parse('2026-03-01T00:00:00+08:00');

  function usedUnder(period: LimitRule['period'], atMs: number): number {
    const r = rule({ period, maxPerCase: 1_000_000, maxPerPeriod: 1_000_000 });
    const d = decideLimit(ask({ rules: [r], amount: hkd(0), usage: [used(1_000, atMs)] }));
    if (d.outcome !== 'within_limit') throw new Error('expected within limit');
    return d.used;
  }

  it('the fixed "now" is a Wednesday in Hong Kong', () => {
    expect(new Date(NOW + 8 * HOUR).getUTCDay()).toBe(3);
  });

  it("[LD8] 'day': 23:59 HK yesterday does not count, 00:01 HK today does", () => {
    expect(usedUnder('day', todayHk - MINUTE)).toBe(0);
    expect(usedUnder('day', todayHk + MINUTE)).toBe(1_000);
    expect(usedUnder('day', todayHk)).toBe(1_000);
    expect(usedUnder('day', todayHk - 1)).toBe(0);
  });

  it("[LD8] 'day' follows Hong Kong, not UTC: 04:00 HK today (20:00 UTC yesterday) counts", () => {
    const fourAmHk = Date.parse('2026-03-17T20:00:00Z');
    expect(usedUnder('day', fourAmHk)).toBe(1_000);
    // 23:00 HK yesterday is 15:00 UTC yesterday: not today in either zone, and must not count.
    expect(usedUnder('day', Date.parse('2026-03-17T15:00:00Z'))).toBe(0);
  });

  it("[LD8] 'week' starts Monday 00:00 HK: Sunday 23:59 HK does not count, Monday 00:01 HK does", () => {
    expect(usedUnder('week', mondayHk - MINUTE)).toBe(0);
    expect(usedUnder('week', mondayHk + MINUTE)).toBe(1_000);
  });

  it("[LD8] 'month' starts on the 1st at 00:00 HK", () => {
    expect(usedUnder('month', firstOfMonthHk - MINUTE)).toBe(0);
    expect(usedUnder('month', firstOfMonthHk + MINUTE)).toBe(1_000);
    expect(usedUnder('month', mondayHk - MINUTE)).toBe(1_000);
  });

  it('[LD8] a different fixed offset moves the reset (UTC midnight with offset 0)', () => {
    const r = rule({ period: 'day', maxPerCase: 1_000_000, maxPerPeriod: 1_000_000 });
    const fourAmHk = Date.parse('2026-03-17T20:00:00Z');
    const d = decideLimit(
      ask({ rules: [r], amount: hkd(0), usage: [used(1_000, fourAmHk)], utcOffsetMinutes: 0 }),
    );
    expect(d).toMatchObject({ outcome: 'within_limit', used: 0 });
  });
});

describe('decideLimit: the most specific rule wins', () => {
  it('[LD9] a stricter specific rule wins over a more generous wildcard rule', () => {
    const wildcard = rule({ maxPerCase: 100_000 });
    const specific = rule({ product: 'broadband', region: 'kowloon_east', maxPerCase: 5_000 });
    const d = decideLimit(ask({ rules: [wildcard, specific], amount: hkd(10_000) }));
    expect(d).toMatchObject({ outcome: 'needs_approval', rule: specific });
    expect(d.outcome === 'needs_approval' && d.reasons).toEqual([
      { code: 'over_per_case', ruleId: specific.id, limit: 5_000, amount: 10_000, excess: 5_000 },
    ]);
  });

  it('[LD9] a more generous specific rule wins over a stricter wildcard rule', () => {
    const wildcard = rule({ maxPerCase: 1_000 });
    const specific = rule({ segment: 'consumer', maxPerCase: 100_000 });
    const d = decideLimit(ask({ rules: [specific, wildcard], amount: hkd(10_000) }));
    expect(d).toMatchObject({ outcome: 'within_limit', rule: specific });
  });

  it('[LD9] a more specific rule that does not match leaves the wildcard in charge', () => {
    const wildcard = rule({ maxPerCase: 20_000 });
    const otherRegion = rule({
      product: 'broadband',
      region: 'new_territories_west',
      maxPerCase: 1_000,
    });
    expect(decideLimit(ask({ rules: [otherRegion, wildcard] }))).toMatchObject({
      outcome: 'within_limit',
      rule: wildcard,
    });
  });

  it('[LD9] role counts as a dimension of specificity', () => {
    const wildcard = rule({ maxPerCase: 100_000 });
    const forFrontline = rule({ role: 'frontline', maxPerCase: 1_000 });
    expect(decideLimit(ask({ rules: [wildcard, forFrontline] }))).toMatchObject({
      outcome: 'needs_approval',
      rule: forFrontline,
    });
    expect(decideLimit(ask({ rules: [wildcard, forFrontline], role: 'supervisor' }))).toMatchObject(
      {
        outcome: 'within_limit',
        rule: wildcard,
      },
    );
  });

  it('[LD9] compensation type counts as a dimension of specificity', () => {
    const wildcard = rule({ maxPerCase: 100_000 });
    const vouchers = rule({ compensationType: 'voucher', maxPerCase: 1_000 });
    expect(
      decideLimit(ask({ rules: [wildcard, vouchers], compensationType: 'voucher' })),
    ).toMatchObject({
      outcome: 'needs_approval',
      rule: vouchers,
    });
    expect(
      decideLimit(ask({ rules: [wildcard, vouchers], compensationType: 'refund' })),
    ).toMatchObject({
      outcome: 'within_limit',
      rule: wildcard,
    });
  });

  it('[LD9] a rule for another role does not match; `*` matches every role', () => {
    const supervisorsOnly = rule({ role: 'supervisor' });
    expect(codes(ask({ rules: [supervisorsOnly], role: 'frontline' }))).toEqual(['no_rule']);
    expect(decideLimit(ask({ rules: [supervisorsOnly], role: 'supervisor' })).outcome).toBe(
      'within_limit',
    );
    const anyone = rule({ role: '*' });
    for (const role of ['frontline', 'outsourcer', 'supervisor', 'manager', 'auditor'] as const) {
      expect(decideLimit(ask({ rules: [anyone], role })).outcome).toBe('within_limit');
    }
  });

  it('[LD9] a rule in another currency does not match', () => {
    const usdRule = rule({ currency: 'USD', maxPerCase: 1_000_000 });
    expect(codes(ask({ rules: [usdRule] }))).toEqual(['no_rule']);
    // …and an HKD rule does not govern a USD amount.
    expect(codes(ask({ rules: [rule()], amount: { amount: 1, currency: 'USD' } }))).toEqual([
      'no_rule',
    ]);
    expect(
      decideLimit(ask({ rules: [usdRule], amount: { amount: 1, currency: 'USD' } })).outcome,
    ).toBe('within_limit');
  });

  it('[LD9] a more specific rule in another currency does not shadow the HKD wildcard', () => {
    const wildcard = rule({ maxPerCase: 50_000 });
    const usdSpecific = rule({ product: 'broadband', currency: 'USD', maxPerCase: 1 });
    expect(decideLimit(ask({ rules: [usdSpecific, wildcard] }))).toMatchObject({
      outcome: 'within_limit',
      rule: wildcard,
    });
  });
});

describe('decideLimit: ties at equal specificity take the lower limit', () => {
  // Both pin exactly one dimension: equally specific.
  const byProduct = rule({ product: 'broadband', maxPerCase: 30_000, maxPerPeriod: 40_000 });
  const byRegion = rule({ region: 'kowloon_east', maxPerCase: 10_000, maxPerPeriod: 100_000 });

  it('[LD10] the lower per-case limit of tied rules governs', () => {
    const d = decideLimit(ask({ rules: [byProduct, byRegion], amount: hkd(20_000) }));
    expect(d.outcome === 'needs_approval' && d.reasons).toEqual([
      { code: 'over_per_case', ruleId: byRegion.id, limit: 10_000, amount: 20_000, excess: 10_000 },
    ]);
  });

  it('[LD10] the lower period limit of tied rules governs, even from the more generous per-case rule', () => {
    const d = decideLimit(
      ask({ rules: [byRegion, byProduct], amount: hkd(5_000), usage: [used(36_000, NOW - HOUR)] }),
    );
    expect(d.outcome === 'needs_approval' && d.reasons).toEqual([
      {
        code: 'over_period',
        ruleId: byProduct.id,
        period: 'day',
        limit: 40_000,
        used: 36_000,
        amount: 5_000,
        excess: 1_000,
      },
    ]);
  });

  it('[LD10] every tied rule must allow; the reported rule is the one with least room left', () => {
    const d = decideLimit(
      ask({ rules: [byRegion, byProduct], amount: hkd(5_000), usage: [used(30_000, NOW - HOUR)] }),
    );
    expect(d).toEqual({ outcome: 'within_limit', rule: byProduct, used: 30_000 });
  });

  it('[LD10] tied rules with different periods each count their own period', () => {
    const daily = rule({
      product: 'broadband',
      period: 'day',
      maxPerCase: 50_000,
      maxPerPeriod: 50_000,
    });
    const monthly = rule({
      region: 'kowloon_east',
      period: 'month',
      maxPerCase: 50_000,
      maxPerPeriod: 60_000,
    });
    const lastWeek = Date.parse('2026-03-10T12:00:00+08:00');
    const d = decideLimit(
      ask({ rules: [daily, monthly], amount: hkd(20_000), usage: [used(45_000, lastWeek)] }),
    );
    expect(d.outcome === 'needs_approval' && d.reasons).toEqual([
      {
        code: 'over_period',
        ruleId: monthly.id,
        period: 'month',
        limit: 60_000,
        used: 45_000,
        amount: 20_000,
        excess: 5_000,
      },
    ]);
  });

  it('[LD10] a tie of two failing rules lists a reason for each', () => {
    const d = decideLimit(ask({ rules: [byProduct, byRegion], amount: hkd(45_000) }));
    expect(
      d.outcome === 'needs_approval' &&
        d.reasons.map((r) => [r.code, 'ruleId' in r ? r.ruleId : null]),
    ).toEqual(
      expect.arrayContaining([
        ['over_per_case', byRegion.id],
        ['over_per_case', byProduct.id],
        ['over_period', byProduct.id],
      ]),
    );
  });

  it('[LD10] governingRules returns only the top specificity, lowest per-case limit first', () => {
    const wildcard = rule();
    expect(
      governingRules([wildcard, byProduct, byRegion], 'frontline', SCOPE, 'bill_credit', 'HKD'),
    ).toEqual([byRegion, byProduct]);
    expect(
      governingRules(
        [wildcard, byProduct],
        'frontline',
        { ...SCOPE, product: 'mobile' },
        'bill_credit',
        'HKD',
      ),
    ).toEqual([wildcard]);
    expect(governingRules([wildcard], 'frontline', SCOPE, 'bill_credit', 'USD')).toEqual([]);
  });
});
