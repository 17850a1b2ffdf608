import {
  decideLimit,
  type CompensationType,
  type DeviceDecision,
  type LimitDecision,
  type LimitSet,
  type Money,
  type Role,
  type Scope,
  type UsageEntry,
} from '../../../shared/index.ts';

/** Everything the device decides a recovery with, read from its own copy of the data. */
export interface LimitsSnapshot {
  readonly role: Role;
  /** The current (highest-version) limit set, trimmed by the server to this role. */
  readonly limitSet: LimitSet | null;
  /** This user's compensation that counts toward period limits. */
  readonly usage: readonly UsageEntry[];
  /** When the device last finished a pull; null if it never did. */
  readonly limitsCheckedAt: number | null;
  /** The server's maximum staleness for on-device approval (from sign-in). */
  readonly maxLimitsAgeMs: number;
}

/** How old the device's copy of the limits is; never-pulled limits are as old as can be. */
export function limitsAge(s: LimitsSnapshot, nowMs: number): number {
  return s.limitsCheckedAt === null
    ? Number.MAX_SAFE_INTEGER
    : Math.max(0, Math.round(nowMs - s.limitsCheckedAt));
}

export interface CompensationAsked {
  readonly amount: Money;
  readonly compensationType: CompensationType;
  readonly scope: Scope;
}

/**
 * The limit decision on the device: the shared `decideLimit` (the same function the server runs
 * at sync, SY14) with this device's rules, this user's use and the age of the copy of the limits.
 */
export function decideOnDevice(
  s: LimitsSnapshot,
  asked: CompensationAsked,
  nowMs: number,
): LimitDecision {
  return decideLimit({
    rules: s.limitSet?.rules ?? [],
    role: s.role,
    scope: asked.scope,
    compensationType: asked.compensationType,
    amount: asked.amount,
    usage: s.usage,
    nowMs,
    limitsAgeMs: limitsAge(s, nowMs),
    maxLimitsAgeMs: s.maxLimitsAgeMs,
  });
}

/** The decision as it travels with the recovery (`args.deviceDecision`). */
export function toDeviceDecision(
  s: LimitsSnapshot,
  decision: LimitDecision,
  nowMs: number,
): DeviceDecision {
  const reasons =
    decision.outcome === 'needs_approval' ? [...new Set(decision.reasons.map((r) => r.code))] : [];
  return {
    outcome: decision.outcome,
    ruleId: decision.rule?.id ?? null,
    reasons,
    limitsVersion: s.limitSet?.version ?? 0,
    limitsAgeMs: limitsAge(s, nowMs),
  };
}
