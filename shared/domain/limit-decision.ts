import type { CompensationType } from './compensation.ts';
import type { LimitRule } from './limits.ts';
import type { Money } from './money.ts';
import type { Role } from './roles.ts';
import { ANY, type Scope } from './scope.ts';
import { periodStart, HONG_KONG_OFFSET_MINUTES } from './time.ts';

/** A compensation the person already gave (within limit or approved); counts toward period use. */
export interface UsageEntry {
  readonly amount: Money;
  readonly compensationType: CompensationType;
  readonly scope: Scope;
  /** When it was given, Unix ms. */
  readonly atMs: number;
}

export interface LimitQuestion {
  readonly rules: readonly LimitRule[];
  readonly role: Role;
  readonly scope: Scope;
  readonly compensationType: CompensationType;
  readonly amount: Money;
  /** The person's earlier compensation; entries outside a rule's period or scope are ignored. */
  readonly usage: readonly UsageEntry[];
  /** When the decision is made, Unix ms. */
  readonly nowMs: number;
  /** How old this copy of the limits is, ms. The server's own copy is always 0. */
  readonly limitsAgeMs: number;
  readonly maxLimitsAgeMs: number;
  readonly utcOffsetMinutes?: number;
}

export type NeedsApprovalReason =
  | { readonly code: 'no_rule' }
  | { readonly code: 'limits_stale'; readonly ageMs: number; readonly maxAgeMs: number }
  | {
      readonly code: 'over_per_case';
      readonly ruleId: string;
      readonly limit: number;
      readonly amount: number;
      readonly excess: number;
    }
  | {
      readonly code: 'over_period';
      readonly ruleId: string;
      readonly period: LimitRule['period'];
      readonly limit: number;
      readonly used: number;
      readonly amount: number;
      readonly excess: number;
    };

export type LimitDecision =
  | {
      readonly outcome: 'within_limit';
      /** The rule that allowed it (the most restrictive of equally specific matches). */
      readonly rule: LimitRule;
      /** Period use before this amount, per the rule's period. */
      readonly used: number;
    }
  | {
      readonly outcome: 'needs_approval';
      readonly reasons: readonly NeedsApprovalReason[];
      /** The governing rule, when one matched. */
      readonly rule: LimitRule | null;
    };

const DIMENSIONS = ['role', 'product', 'segment', 'region', 'compensationType'] as const;

// Written out, not looped over DIMENSIONS: it runs for every rule × every past compensation.
function ruleMatches(rule: LimitRule, role: Role, scope: Scope, type: CompensationType): boolean {
  return (
    (rule.role === ANY || rule.role === role) &&
    (rule.product === ANY || rule.product === scope.product) &&
    (rule.segment === ANY || rule.segment === scope.segment) &&
    (rule.region === ANY || rule.region === scope.region) &&
    (rule.compensationType === ANY || rule.compensationType === type)
  );
}

function ruleSpecificity(rule: LimitRule): number {
  return DIMENSIONS.filter((d) => rule[d] !== ANY).length;
}

/**
 * The rules that govern a role × scope × type: the matching rules of the highest specificity.
 * More than one means a tie; a tie takes the lower limit, so every tied rule must allow.
 */
export function governingRules(
  rules: readonly LimitRule[],
  role: Role,
  scope: Scope,
  type: CompensationType,
  currency: Money['currency'],
): LimitRule[] {
  const matching = rules.filter(
    (r) => r.currency === currency && ruleMatches(r, role, scope, type),
  );
  const top = Math.max(-1, ...matching.map(ruleSpecificity));
  return matching
    .filter((r) => ruleSpecificity(r) === top)
    .sort((a, b) => a.maxPerCase - b.maxPerCase || a.maxPerPeriod - b.maxPerPeriod);
}

/** Period use that counts against a rule: same currency, inside the rule's scope, this period. */
export function periodUse(rule: LimitRule, q: LimitQuestion): number {
  const from = periodStart(rule.period, q.nowMs, q.utcOffsetMinutes ?? HONG_KONG_OFFSET_MINUTES);
  let used = 0;
  for (const u of q.usage) {
    if (u.atMs < from || u.atMs > q.nowMs) continue;
    if (u.amount.currency !== rule.currency) continue;
    if (!ruleMatches(rule, q.role, u.scope, u.compensationType)) continue;
    used += u.amount.amount;
  }
  return used;
}

/**
 * The limit decision (product.md §3). Pure: the device runs it offline as the amount is typed and
 * the server runs it again at sync. Within limit only if a rule matches, the copy of the limits is
 * fresh enough, and for every equally specific matching rule the amount fits both the per-case
 * maximum and what is left of the period maximum. Otherwise every reason is listed.
 */
export function decideLimit(q: LimitQuestion): LimitDecision {
  const reasons: NeedsApprovalReason[] = [];
  if (q.limitsAgeMs > q.maxLimitsAgeMs) {
    reasons.push({ code: 'limits_stale', ageMs: q.limitsAgeMs, maxAgeMs: q.maxLimitsAgeMs });
  }
  const governing = governingRules(q.rules, q.role, q.scope, q.compensationType, q.amount.currency);
  if (governing.length === 0) {
    reasons.push({ code: 'no_rule' });
    return { outcome: 'needs_approval', reasons, rule: null };
  }
  const amount = q.amount.amount;
  let mostRestrictive = governing[0] as LimitRule;
  let usedUnderIt = periodUse(mostRestrictive, q);
  for (const rule of governing) {
    const used = periodUse(rule, q);
    if (amount > rule.maxPerCase) {
      reasons.push({
        code: 'over_per_case',
        ruleId: rule.id,
        limit: rule.maxPerCase,
        amount,
        excess: amount - rule.maxPerCase,
      });
    }
    if (used + amount > rule.maxPerPeriod) {
      reasons.push({
        code: 'over_period',
        ruleId: rule.id,
        period: rule.period,
        limit: rule.maxPerPeriod,
        used,
        amount,
        excess: used + amount - rule.maxPerPeriod,
      });
    }
    if (rule.maxPerPeriod - used < mostRestrictive.maxPerPeriod - usedUnderIt) {
      mostRestrictive = rule;
      usedUnderIt = used;
    }
  }
  if (reasons.length > 0) return { outcome: 'needs_approval', reasons, rule: mostRestrictive };
  return { outcome: 'within_limit', rule: mostRestrictive, used: usedUnderIt };
}
