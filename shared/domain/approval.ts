import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';
import { moneySchema } from './money.ts';
import { canApprove, roleSchema, type Role } from './roles.ts';
import { compensationTypeSchema, type CompensationType } from './compensation.ts';
import { scopeSchema, type Scope } from './scope.ts';
import { customerRefSchema } from './records.ts';
import { limitReasonCodeSchema } from './recovery.ts';
import { periodSchema, type LimitRule } from './limits.ts';
import {
  governingRules,
  periodUse,
  type LimitDecision,
  type LimitQuestion,
} from './limit-decision.ts';

export const APPROVAL_STATES = [
  'pending',
  'escalated',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export const approvalStateSchema = z.enum(APPROVAL_STATES);
export type ApprovalState = z.infer<typeof approvalStateSchema>;

export const APPROVAL_COMMANDS = ['approve', 'reject', 'withdraw', 'escalate', 'expire'] as const;
export type ApprovalCommand = (typeof APPROVAL_COMMANDS)[number];

/** The limit a request went over, and by how much (minor units); numbers are null when unknown. */
export const limitExcessSchema = z.object({
  code: limitReasonCodeSchema,
  ruleId: idSchema.nullable(),
  period: periodSchema.nullable(),
  limit: z.number().int().min(0).nullable(),
  /** Period use before this amount (over_period only). */
  used: z.number().int().min(0).nullable(),
  excess: z.number().int().min(0).nullable(),
});
export type LimitExcess = z.infer<typeof limitExcessSchema>;

/** A person's use of their governing limit in its period (minor units). */
export const periodUseSchema = z.object({
  ruleId: idSchema,
  period: periodSchema,
  used: z.number().int().min(0),
  limit: z.number().int().min(0),
});
export type PeriodUse = z.infer<typeof periodUseSchema>;

/** Why a request waits on a manager rather than the team supervisor. */
export const ESCALATION_REASONS = [
  'sla',
  'above_supervisor_authority',
  'no_team_supervisor',
] as const;
export const escalationReasonSchema = z.enum(ESCALATION_REASONS);

/** How a decision reached the server. */
export const DECIDED_VIA = ['sync', 'http', 'phone_code', 'timer'] as const;
export const decidedViaSchema = z.enum(DECIDED_VIA);

/** An over-limit compensation waiting for (or past) a decision. */
export const approvalRequestSchema = z.object({
  id: idSchema,
  recoveryId: idSchema,
  requesterId: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  amount: moneySchema,
  state: approvalStateSchema,
  /** The authority the request currently waits on. */
  assignedRole: roleSchema,
  createdAt: instantSchema,
  slaDueAt: instantSchema,
  expiresAt: instantSchema,
  decidedBy: idSchema.nullable(),
  /**
   * The decider's display name, so the requester reads who decided: their device does not hold
   * other people's user documents. Absent on requests decided before it was added.
   */
  decidedByName: z.string().max(120).nullable().optional(),
  decidedAt: instantSchema.nullable(),
  reason: z.string().max(2000).nullable(),
  // What the approver needs to decide, copied from the recovery when the request was made.
  compensationType: compensationTypeSchema,
  scope: scopeSchema,
  customerRef: customerRefSchema,
  incidentId: idSchema.nullable(),
  /** Every limit the amount went over on the server, with the excess. */
  exceeded: z.array(limitExcessSchema).max(8),
  /** The requester's use of their governing limit when the request was made. */
  periodUse: periodUseSchema.nullable(),
  /** The tactics that apply (the incident's, or those for the scope that may offer this type). */
  tacticIds: z.array(idSchema).max(50),
  escalatedAt: instantSchema.nullable(),
  escalationReason: escalationReasonSchema.nullable(),
  decidedVia: decidedViaSchema.nullable(),
  updatedAt: instantSchema,
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

/** The states in which a request waits for a decision. */
export const OPEN_APPROVAL_STATES: readonly ApprovalState[] = ['pending', 'escalated'];
const OPEN = OPEN_APPROVAL_STATES;

export function isDecided(state: ApprovalState): boolean {
  return !OPEN.includes(state);
}

export function isOpen(state: ApprovalState): boolean {
  return OPEN.includes(state);
}

/**
 * The approval state machine: the state a command leads to, or null when the command is not
 * allowed from that state. Only open requests move; the first decision wins.
 */
export function nextApprovalState(
  state: ApprovalState,
  command: ApprovalCommand,
): ApprovalState | null {
  if (isDecided(state)) return null;
  switch (command) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'withdraw':
      return 'withdrawn';
    case 'expire':
      return 'expired';
    case 'escalate':
      return state === 'pending' ? 'escalated' : null;
  }
}

/** What each deciding state makes of the recovery behind the request. */
export const RECOVERY_STATUS_AFTER = {
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  expired: 'expired',
} as const satisfies Partial<Record<ApprovalState, string>>;

/**
 * An approver's authority in a scope: their own per-case limit there, from the rules of their
 * role (the most specific rules; a tie takes the lower limit; no rule means none).
 */
export function approvalAuthority(
  rules: readonly LimitRule[],
  role: Role,
  scope: Scope,
  compensationType: CompensationType,
  currency: LimitRule['currency'],
): number {
  const governing = governingRules(rules, role, scope, compensationType, currency);
  return governing[0]?.maxPerCase ?? 0;
}

/** The person deciding, as the approval rules see them. */
export interface ApprovalActor {
  readonly id: string;
  readonly role: Role;
  /** Teams the actor leads as supervisor (see the server's `ledTeams`). */
  readonly ledTeamIds: readonly string[];
  /** `approvalAuthority` of the actor in the request's scope and type. */
  readonly authority: number;
}

export type ApprovalUserCommand = 'approve' | 'reject' | 'withdraw';

/** Why a command is refused, as a stable code the device can turn into words. */
export const APPROVAL_REFUSAL_REASONS = [
  'not_requester',
  'not_approver_role',
  'own_request',
  'other_team',
  'already_decided',
  'state_moved',
  'assigned_elsewhere',
  'above_authority',
] as const;
export type ApprovalRefusalReason = (typeof APPROVAL_REFUSAL_REASONS)[number];

export interface ApprovalRefusal {
  readonly code: 'forbidden' | 'conflict';
  readonly reason: ApprovalRefusalReason;
  readonly message: string;
  /** The field at fault, relative to the command's arguments. */
  readonly field: 'requestId' | 'expectedState';
}

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

/**
 * Segregation of duties and the first-decision-wins rule for one command by one person
 * (product.md §2–3). Null means the command may run; otherwise why not. Checked in this order:
 * who may ever do this to this request (forbidden), whether it is still in the state the person
 * saw (conflict, naming the current state), then whether it waits on them with enough authority
 * (forbidden). The device uses it to offer only what will be accepted; the server decides.
 */
export function approvalCommandRefusal(
  request: Pick<ApprovalRequest, 'requesterId' | 'teamId' | 'state' | 'assignedRole' | 'amount'>,
  command: ApprovalUserCommand,
  actor: ApprovalActor,
  expectedState: ApprovalState,
): ApprovalRefusal | null {
  const forbidden = (reason: ApprovalRefusalReason, message: string): ApprovalRefusal => ({
    code: 'forbidden',
    reason,
    message,
    field: 'requestId',
  });
  if (command === 'withdraw') {
    if (actor.id !== request.requesterId) {
      return forbidden('not_requester', 'Only the requester can withdraw it');
    }
  } else {
    if (!canApprove(actor.role)) {
      return forbidden(
        'not_approver_role',
        'Only a supervisor or a manager decides approval requests',
      );
    }
    if (actor.id === request.requesterId) {
      return forbidden('own_request', 'Nobody decides their own request');
    }
    if (
      actor.role === 'supervisor' &&
      (request.teamId === null || !actor.ledTeamIds.includes(request.teamId))
    ) {
      return forbidden('other_team', 'A supervisor decides only the requests of teams they lead');
    }
  }
  if (isDecided(request.state)) {
    return {
      code: 'conflict',
      reason: 'already_decided',
      message: `This request is already ${request.state}: the first decision wins`,
      field: 'expectedState',
    };
  }
  if (request.state !== expectedState) {
    return {
      code: 'conflict',
      reason: 'state_moved',
      message: `This request is now ${request.state}, not ${expectedState}`,
      field: 'expectedState',
    };
  }
  if (command !== 'withdraw') {
    if (actor.role === 'supervisor' && request.assignedRole !== 'supervisor') {
      return forbidden('assigned_elsewhere', `This request waits on a ${request.assignedRole}`);
    }
    if (actor.authority < request.amount.amount) {
      const { amount, currency } = request.amount;
      return forbidden(
        'above_authority',
        `Your authority here is ${money(actor.authority, currency)} a case, below the ${money(amount, currency)} asked for`,
      );
    }
  }
  return null;
}

/** Every reason of a limit decision that asked for approval, as the request keeps them. */
export function limitExcesses(decision: LimitDecision): LimitExcess[] {
  if (decision.outcome === 'within_limit') return [];
  return decision.reasons.map((r): LimitExcess => {
    switch (r.code) {
      case 'over_per_case':
        return {
          code: r.code,
          ruleId: r.ruleId,
          period: null,
          limit: r.limit,
          used: null,
          excess: r.excess,
        };
      case 'over_period':
        return {
          code: r.code,
          ruleId: r.ruleId,
          period: r.period,
          limit: r.limit,
          used: r.used,
          excess: r.excess,
        };
      default:
        return { code: r.code, ruleId: null, period: null, limit: null, used: null, excess: null };
    }
  });
}

/**
 * The person's use of their governing limit for this scope and type: of the equally specific
 * rules, the one with the least left this period. Null when no rule governs.
 */
export function governingPeriodUse(
  q: Omit<LimitQuestion, 'amount' | 'limitsAgeMs' | 'maxLimitsAgeMs'> & {
    readonly currency: LimitRule['currency'];
  },
): PeriodUse | null {
  const question: LimitQuestion = {
    ...q,
    amount: { amount: 0, currency: q.currency },
    limitsAgeMs: 0,
    maxLimitsAgeMs: 0,
  };
  let best: PeriodUse | null = null;
  for (const rule of governingRules(q.rules, q.role, q.scope, q.compensationType, q.currency)) {
    const used = periodUse(rule, question);
    if (best === null || rule.maxPerPeriod - used < best.limit - best.used) {
      best = { ruleId: rule.id, period: rule.period, used, limit: rule.maxPerPeriod };
    }
  }
  return best;
}

/**
 * How long a request has waited, counted from when the server received it (AP3), and whether it
 * is past its SLA: the same figures in the server's inbox, the approver's and the requester's.
 */
export function approvalWait(
  request: Pick<ApprovalRequest, 'createdAt' | 'slaDueAt'>,
  nowMs: number,
): { readonly waitingMs: number; readonly isPastSla: boolean } {
  return {
    waitingMs: Math.max(0, nowMs - Date.parse(request.createdAt)),
    isPastSla: nowMs > Date.parse(request.slaDueAt),
  };
}
