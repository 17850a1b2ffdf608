import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideLimit, periodUse, type LimitQuestion, type UsageEntry } from './limit-decision.ts';
import type { LimitRule } from './limits.ts';
import { ROLES, type Role } from './roles.ts';
import type { CompensationType } from './compensation.ts';
import type { Currency } from './money.ts';
import type { Scope } from './scope.ts';

// Small value domains, so that rules and questions collide often.
const PRODUCTS = ['broadband', 'mobile'] as const;
const SEGMENTS = ['consumer', 'sme'] as const;
const REGIONS = ['kowloon_east', 'hong_kong_island'] as const;
const TYPES = ['bill_credit', 'voucher', 'refund'] as const satisfies readonly CompensationType[];
const CURRENCIES = ['HKD', 'USD'] as const satisfies readonly Currency[];

const DAY = 86_400_000;
const HK_OFFSET = 8 * 3_600_000;
const RUNS = { numRuns: 300 };

const nowArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) });
const scopeArb: fc.Arbitrary<Scope> = fc.record({
  product: fc.constantFrom(...PRODUCTS),
  segment: fc.constantFrom(...SEGMENTS),
  region: fc.constantFrom(...REGIONS),
});
const roleArb: fc.Arbitrary<Role> = fc.constantFrom(...ROLES);
const typeArb: fc.Arbitrary<CompensationType> = fc.constantFrom(...TYPES);
const currencyArb: fc.Arbitrary<Currency> = fc.constantFrom(...CURRENCIES);
const amountArb = fc.integer({ min: 0, max: 20_000 });

const ruleArb: fc.Arbitrary<Omit<LimitRule, 'id'>> = fc.record({
  role: fc.constantFrom<Role | '*'>('*', '*', ...ROLES),
  product: fc.constantFrom('*', '*', ...PRODUCTS),
  segment: fc.constantFrom('*', '*', ...SEGMENTS),
  region: fc.constantFrom('*', '*', ...REGIONS),
  compensationType: fc.constantFrom<CompensationType | '*'>('*', '*', ...TYPES),
  currency: fc.constantFrom<Currency>('HKD', 'HKD', 'HKD', 'USD'),
  maxPerCase: fc.integer({ min: 0, max: 15_000 }),
  maxPerPeriod: fc.integer({ min: 0, max: 40_000 }),
  period: fc.constantFrom('day', 'week', 'month'),
});

function withIds(rules: readonly Omit<LimitRule, 'id'>[], prefix = 'r'): LimitRule[] {
  return rules.map((r, i) => ({ ...r, id: `${prefix}${i}` }));
}

/** Usage from 40 days before `now` to a day after it (the future must never count). */
const usageArb = (nowMs: number): fc.Arbitrary<UsageEntry[]> =>
  fc.array(
    fc.record({
      amount: fc.record({ amount: fc.integer({ min: 0, max: 10_000 }), currency: currencyArb }),
      compensationType: typeArb,
      scope: scopeArb,
      atMs: fc.integer({ min: nowMs - 40 * DAY, max: nowMs + DAY }),
    }),
    { maxLength: 12 },
  );

const questionArb = (rulesArb: fc.Arbitrary<LimitRule[]>): fc.Arbitrary<LimitQuestion> =>
  nowArb.chain((nowMs) =>
    fc.record({
      rules: rulesArb,
      role: roleArb,
      scope: scopeArb,
      compensationType: typeArb,
      amount: fc.record({
        amount: amountArb,
        currency: fc.constantFrom<Currency>('HKD', 'HKD', 'USD'),
      }),
      usage: usageArb(nowMs),
      nowMs: fc.constant(nowMs),
      limitsAgeMs: fc.integer({ min: 0, max: 3 * DAY }),
      maxLimitsAgeMs: fc.integer({ min: 0, max: 2 * DAY }),
    }),
  );

const manyRulesArb = fc.array(ruleArb, { maxLength: 8 }).map((rs) => withIds(rs));

// ---- The expectation, from first principles (independent of limit-decision.ts and time.ts). ----

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Start of the Hong Kong day / Monday-week / month containing `atMs`. */
function hkPeriodStart(period: LimitRule['period'], atMs: number): number {
  const localDay = floorDiv(atMs + HK_OFFSET, DAY); // days since 1970-01-01 in Hong Kong
  if (period === 'day') return localDay * DAY - HK_OFFSET;
  if (period === 'week') {
    const mondayBased = (((localDay + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    return (localDay - mondayBased) * DAY - HK_OFFSET;
  }
  const yearMonth = new Date(atMs + HK_OFFSET).toISOString().slice(0, 7);
  return Date.parse(`${yearMonth}-01T00:00:00+08:00`);
}

function dimensionMatches(pattern: string, value: string): boolean {
  return pattern === '*' || pattern === value;
}

function ruleMatchesFor(r: LimitRule, role: Role, scope: Scope, type: CompensationType): boolean {
  return (
    dimensionMatches(r.role, role) &&
    dimensionMatches(r.product, scope.product) &&
    dimensionMatches(r.segment, scope.segment) &&
    dimensionMatches(r.region, scope.region) &&
    dimensionMatches(r.compensationType, type)
  );
}

function expectedUse(r: LimitRule, q: LimitQuestion): number {
  const from = hkPeriodStart(r.period, q.nowMs);
  return q.usage
    .filter((u) => u.atMs >= from && u.atMs <= q.nowMs)
    .filter((u) => u.amount.currency === r.currency)
    .filter((u) => ruleMatchesFor(r, q.role, u.scope, u.compensationType))
    .reduce((sum, u) => sum + u.amount.amount, 0);
}

describe('decideLimit properties', () => {
  it('[LD-P1] single rule: within limit ⇔ rule matches ∧ fresh ∧ amount ≤ per case ∧ used + amount ≤ per period', () => {
    fc.assert(
      fc.property(questionArb(ruleArb.map((r) => withIds([r]))), (q) => {
        const r = q.rules[0] as LimitRule;
        const matches =
          r.currency === q.amount.currency &&
          ruleMatchesFor(r, q.role, q.scope, q.compensationType);
        const isStale = q.limitsAgeMs > q.maxLimitsAgeMs;
        const use = expectedUse(r, q);
        const overCase = q.amount.amount > r.maxPerCase;
        const overPeriod = use + q.amount.amount > r.maxPerPeriod;

        const expectedCodes = [
          ...(isStale ? ['limits_stale'] : []),
          ...(!matches ? ['no_rule'] : []),
          ...(matches && overCase ? ['over_per_case'] : []),
          ...(matches && overPeriod ? ['over_period'] : []),
        ];
        const d = decideLimit(q);
        if (expectedCodes.length === 0) {
          expect(d).toEqual({ outcome: 'within_limit', rule: r, used: use });
        } else {
          expect(d.outcome).toBe('needs_approval');
          if (d.outcome !== 'needs_approval') return;
          expect(d.reasons.map((x) => x.code)).toEqual(expectedCodes);
          expect(d.rule).toBe(matches ? r : null);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('[LD-P1] many rules: within limit ⇔ governing rules exist ∧ fresh ∧ every one of them allows', () => {
    fc.assert(
      fc.property(questionArb(manyRulesArb), (q) => {
        const spec = (r: LimitRule) =>
          [r.role, r.product, r.segment, r.region, r.compensationType].filter((v) => v !== '*')
            .length;
        const matching = q.rules.filter(
          (r) =>
            r.currency === q.amount.currency &&
            ruleMatchesFor(r, q.role, q.scope, q.compensationType),
        );
        const top = Math.max(-1, ...matching.map(spec));
        const governing = matching.filter((r) => spec(r) === top);
        const everyAllows = governing.every(
          (r) =>
            q.amount.amount <= r.maxPerCase &&
            expectedUse(r, q) + q.amount.amount <= r.maxPerPeriod,
        );
        const expectWithin =
          governing.length > 0 && q.limitsAgeMs <= q.maxLimitsAgeMs && everyAllows;
        const d = decideLimit(q);
        expect(d.outcome).toBe(expectWithin ? 'within_limit' : 'needs_approval');
        if (d.rule !== null) expect(governing).toContain(d.rule);
        else expect(governing).toEqual([]);
      }),
      RUNS,
    );
  });

  it('[LD-P2] stale limits never give within limit', () => {
    const staleArb = questionArb(manyRulesArb).chain((q) =>
      fc
        .integer({ min: 1, max: 10 * DAY })
        .map((extra) => ({ ...q, limitsAgeMs: q.maxLimitsAgeMs + extra })),
    );
    fc.assert(
      fc.property(staleArb, (q) => {
        const d = decideLimit(q);
        expect(d.outcome).toBe('needs_approval');
        expect(d.outcome === 'needs_approval' && d.reasons[0]).toEqual({
          code: 'limits_stale',
          ageMs: q.limitsAgeMs,
          maxAgeMs: q.maxLimitsAgeMs,
        });
      }),
      RUNS,
    );
  });

  it('[LD-P3] adding a rule changes nothing for a role/scope/type that the rule does not match (locality)', () => {
    fc.assert(
      fc.property(questionArb(manyRulesArb), ruleArb, (q, extra) => {
        const added: LimitRule = { ...extra, id: 'added' };
        fc.pre(!ruleMatchesFor(added, q.role, q.scope, q.compensationType));
        expect(decideLimit({ ...q, rules: [...q.rules, added] })).toEqual(decideLimit(q));
        expect(decideLimit({ ...q, rules: [added, ...q.rules] })).toEqual(decideLimit(q));
      }),
      RUNS,
    );
  });

  it('[LD-P3] adding a strictly more specific matching rule makes it the only governing rule', () => {
    fc.assert(
      fc.property(questionArb(manyRulesArb), ruleArb, (q, extra) => {
        // Pin every dimension to the question: specificity 5 beats anything already there.
        const added: LimitRule = {
          ...extra,
          id: 'added',
          role: q.role,
          ...q.scope,
          compensationType: q.compensationType,
          currency: q.amount.currency,
        };
        const others = q.rules.filter(
          (r) =>
            !(
              r.role !== '*' &&
              r.product !== '*' &&
              r.segment !== '*' &&
              r.region !== '*' &&
              r.compensationType !== '*'
            ),
        );
        const alone = decideLimit({ ...q, rules: [added] });
        const withOthers = decideLimit({ ...q, rules: [...others, added] });
        expect(withOthers).toEqual(alone);
      }),
      RUNS,
    );
  });

  it('[LD-P4] monotonic in the amount: if an amount needs approval, any larger amount does too', () => {
    fc.assert(
      fc.property(questionArb(manyRulesArb), fc.integer({ min: 0, max: 20_000 }), (q, more) => {
        fc.pre(decideLimit(q).outcome === 'needs_approval');
        const larger = { ...q, amount: { ...q.amount, amount: q.amount.amount + more } };
        expect(decideLimit(larger).outcome).toBe('needs_approval');
      }),
      RUNS,
    );
  });

  it('[LD-P4] monotonic in usage: adding usage never turns needs approval into within limit', () => {
    fc.assert(
      fc.property(
        questionArb(manyRulesArb).chain((q) => fc.tuple(fc.constant(q), usageArb(q.nowMs))),
        ([q, extraUsage]) => {
          fc.pre(decideLimit(q).outcome === 'needs_approval');
          expect(decideLimit({ ...q, usage: [...q.usage, ...extraUsage] }).outcome).toBe(
            'needs_approval',
          );
        },
      ),
      RUNS,
    );
  });

  it('[LD-P5] every needs approval lists a reason; excess figures are positive and add up', () => {
    fc.assert(
      fc.property(questionArb(manyRulesArb), (q) => {
        const d = decideLimit(q);
        if (d.outcome === 'within_limit') {
          expect(q.rules).toContain(d.rule);
          expect(q.amount.amount).toBeLessThanOrEqual(d.rule.maxPerCase);
          expect(d.used + q.amount.amount).toBeLessThanOrEqual(d.rule.maxPerPeriod);
          expect(d.used).toBe(expectedUse(d.rule, q));
          expect(d.used).toBe(periodUse(d.rule, q));
          return;
        }
        expect(d.reasons.length).toBeGreaterThan(0);
        const seen = new Set<string>();
        for (const reason of d.reasons) {
          const key = JSON.stringify([reason.code, 'ruleId' in reason ? reason.ruleId : null]);
          expect(seen.has(key), `duplicate reason ${key}`).toBe(false);
          seen.add(key);
          if (reason.code === 'over_per_case') {
            const r = q.rules.find((x) => x.id === reason.ruleId);
            expect(r?.maxPerCase).toBe(reason.limit);
            expect(reason.amount).toBe(q.amount.amount);
            expect(reason.excess).toBe(reason.amount - reason.limit);
            expect(reason.excess).toBeGreaterThan(0);
          }
          if (reason.code === 'over_period') {
            const r = q.rules.find((x) => x.id === reason.ruleId) as LimitRule;
            expect(r.maxPerPeriod).toBe(reason.limit);
            expect(r.period).toBe(reason.period);
            expect(reason.used).toBe(expectedUse(r, q));
            expect(reason.excess).toBe(reason.used + reason.amount - reason.limit);
            expect(reason.excess).toBeGreaterThan(0);
          }
          if (reason.code === 'limits_stale') expect(reason.ageMs).toBeGreaterThan(reason.maxAgeMs);
          if (reason.code === 'no_rule') expect(d.rule).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('[LD-P6] the outcome and the reasons do not depend on the order of the rules', () => {
    fc.assert(
      fc.property(
        questionArb(manyRulesArb).chain((q) =>
          fc.tuple(
            fc.constant(q),
            fc.shuffledSubarray([...q.rules], { minLength: q.rules.length }),
          ),
        ),
        ([q, shuffled]) => {
          const a = decideLimit(q);
          const b = decideLimit({ ...q, rules: shuffled });
          expect(b.outcome).toBe(a.outcome);
          const reasonSet = (d: typeof a) =>
            d.outcome === 'needs_approval' ? d.reasons.map((r) => JSON.stringify(r)).sort() : [];
          expect(reasonSet(b)).toEqual(reasonSet(a));
        },
      ),
      RUNS,
    );
  });
});
