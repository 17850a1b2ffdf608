import {
  periodUse,
  type CompensationType,
  type LimitDecision,
  type LimitQuestion,
  type LimitRule,
  type Money,
  type Scope,
} from '../../../shared/index.ts';
import { liveRead } from '../db/live.ts';
import { getMeta } from '../db/meta.ts';
import { requireSession, type StoreContext } from './context.ts';
import { decideOnDevice, limitsAge } from './device-decision.ts';
import { loadLimitsSnapshot } from './limits-query.ts';
import type { Readable } from './readable.ts';

/** One of my limit rules with what I have used of it this period. */
export interface MyLimitRule {
  readonly rule: LimitRule;
  readonly used: number;
  readonly remaining: number;
}

export interface MyLimits {
  /** Version of the limit set on this device; null before the first pull. */
  readonly version: number | null;
  /** Rules for my role (the server sends no others), most general first. */
  readonly rules: readonly MyLimitRule[];
  readonly limitsCheckedAt: number | null;
  readonly maxLimitsAgeMs: number;
  /** As of when this value was emitted; re-check with `limitsCheckedAt` on a timer if shown long. */
  readonly isStale: boolean;
}

export interface LimitsStore {
  /** My current limits and period use; null when signed out. */
  readonly mine: Readable<MyLimits | null>;
  /**
   * The decision the recovery form shows as the user types: whether this amount may be given now
   * or needs approval, and every reason (product.md §5). The same decision `recordRecovery` makes.
   */
  limitDecisionFor(
    amount: Money,
    compensationType: CompensationType,
    scope: Scope,
  ): Promise<LimitDecision>;
}

const specificity = (r: LimitRule) =>
  [r.product, r.segment, r.region, r.compensationType].filter((v) => v !== '*').length;

export function createLimitsStore(ctx: StoreContext): LimitsStore {
  const { db, now } = ctx;
  return {
    mine: liveRead(async () => {
      const session = await getMeta(db, 'session');
      if (!session) return null;
      const nowMs = now();
      const snapshot = await loadLimitsSnapshot(db, session, nowMs);
      // periodUse reads only the role, the usage and the clock from the question.
      const question: LimitQuestion = {
        rules: [],
        role: snapshot.role,
        usage: snapshot.usage,
        nowMs,
        scope: { product: '-', segment: '-', region: '-' },
        compensationType: 'non_monetary',
        amount: { amount: 0, currency: 'HKD' },
        limitsAgeMs: 0,
        maxLimitsAgeMs: 0,
      };
      const rules = [...(snapshot.limitSet?.rules ?? [])]
        .filter((r) => r.role === '*' || r.role === snapshot.role)
        .sort((a, b) => specificity(a) - specificity(b))
        .map((rule) => {
          const used = periodUse(rule, question);
          return { rule, used, remaining: Math.max(0, rule.maxPerPeriod - used) };
        });
      return {
        version: snapshot.limitSet?.version ?? null,
        rules,
        limitsCheckedAt: snapshot.limitsCheckedAt,
        maxLimitsAgeMs: snapshot.maxLimitsAgeMs,
        isStale: limitsAge(snapshot, nowMs) > snapshot.maxLimitsAgeMs,
      };
    }),
    async limitDecisionFor(amount, compensationType, scope) {
      const session = await requireSession(db);
      const nowMs = now();
      const snapshot = await loadLimitsSnapshot(db, session, nowMs);
      return decideOnDevice(snapshot, { amount, compensationType, scope }, nowMs);
    },
  };
}
