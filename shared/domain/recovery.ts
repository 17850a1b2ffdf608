import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';
import { moneySchema } from './money.ts';
import { scopeSchema } from './scope.ts';
import { compensationTypeSchema } from './compensation.ts';
import { ratingSchema } from './risk.ts';
import { customerRefSchema } from './records.ts';
import { phoneCodeSchema } from './phone-code.ts';

const reasonCodeSchema = z.enum(['no_rule', 'limits_stale', 'over_per_case', 'over_period']);
/** Why a limit decision asked for approval, as a stable code. */
export const limitReasonCodeSchema = reasonCodeSchema;
export type LimitReasonCode = z.infer<typeof reasonCodeSchema>;

/**
 * An approval code the requester typed in while offline (docs/approvals.md, "Phone codes"). The
 * device checked it with its own key; the server checks it again, and that it issued it.
 */
export const phoneApprovalSchema = z.object({
  /** The 8-digit approval code as typed (normalised). */
  code: phoneCodeSchema,
  /** The time window the device matched the code in (see `verifyApprovalCode`). */
  window: z.number().int().min(0),
  /** The approver, when the device knows who gave the code (e.g. the team supervisor). */
  approverId: idSchema.nullable(),
  /** Device clock when the code was accepted. */
  enteredAt: instantSchema,
});
export type PhoneApproval = z.infer<typeof phoneApprovalSchema>;

/** What the device's limit decision said, as sent with the recovery. */
export const deviceDecisionSchema = z.object({
  outcome: z.enum(['within_limit', 'needs_approval']),
  ruleId: idSchema.nullable(),
  reasons: z.array(reasonCodeSchema).max(8),
  /** Version of the limit set the device decided with. */
  limitsVersion: z.number().int().min(0),
  limitsAgeMs: z.number().int().min(0),
  /** Over-limit compensation the supervisor approved by phone while the device was offline. */
  phoneApproval: phoneApprovalSchema.optional(),
});
export type DeviceDecision = z.infer<typeof deviceDecisionSchema>;

export const RECOVERY_STATUSES = [
  'given',
  'awaiting_approval',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export const recoveryStatusSchema = z.enum(RECOVERY_STATUSES);
export type RecoveryStatus = z.infer<typeof recoveryStatusSchema>;

/** A service recovery as recorded on the device. */
export const recoveryInputSchema = z.object({
  id: idSchema,
  incidentId: idSchema.nullable(),
  customerRef: customerRefSchema,
  compensationType: compensationTypeSchema,
  amount: moneySchema,
  scope: scopeSchema,
  reason: z.string().trim().min(1, 'is required').max(2000, 'is too long'),
  occurredAt: instantSchema,
  deviceDecision: deviceDecisionSchema,
  /** Customer satisfaction afterwards, 1–5, when known. */
  satisfaction: ratingSchema.nullable(),
});
export type RecoveryInput = z.infer<typeof recoveryInputSchema>;

export const recoverySchema = recoveryInputSchema.extend({
  recordedBy: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  receivedAt: instantSchema,
  status: recoveryStatusSchema,
  /** The server's own evaluation at sync: within limit or not, with reason codes. */
  serverDecision: z.object({
    outcome: z.enum(['within_limit', 'needs_approval']),
    ruleId: idSchema.nullable(),
    reasons: z.array(reasonCodeSchema),
    limitsVersion: z.number().int().min(0),
  }),
  limitExceptionId: idSchema.nullable(),
  approvalRequestId: idSchema.nullable(),
  updatedAt: instantSchema,
});
export type Recovery = z.infer<typeof recoverySchema>;

/** Compensation that has reached the customer counts toward the period limits. */
export function countsTowardLimits(status: RecoveryStatus): boolean {
  return status === 'given' || status === 'approved';
}

/** Why an approval code sent with a recovery did not verify on the server. */
export const PHONE_CODE_PROBLEMS = [
  'no_key',
  'not_issued',
  'wrong_code',
  'other_amount',
  'expired',
  'no_authority',
  'already_used',
] as const;
export const phoneCodeProblemSchema = z.enum(PHONE_CODE_PROBLEMS);
export type PhoneCodeProblem = z.infer<typeof phoneCodeProblemSchema>;

/** A limit exception's reasons: the limit reasons, or an approval code that did not verify. */
export const exceptionReasonSchema = z.enum([...reasonCodeSchema.options, 'phone_code_invalid']);
export type ExceptionReason = z.infer<typeof exceptionReasonSchema>;

/**
 * Raised when the device gave compensation within its limits but the server, with the current
 * limits and every device's use, disagrees; or when an approval code given by phone does not
 * verify on the server. The record stands; the supervisor acknowledges.
 */
export const limitExceptionSchema = z.object({
  id: idSchema,
  recoveryId: idSchema,
  userId: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  amount: moneySchema,
  reasons: z.array(exceptionReasonSchema).min(1),
  /** Set when the exception is an approval code that did not verify. */
  phoneCode: z
    .object({ problem: phoneCodeProblemSchema, approverId: idSchema.nullable() })
    .optional(),
  raisedAt: instantSchema,
  acknowledgement: z
    .object({ by: idSchema, at: instantSchema, comment: z.string().min(1) })
    .nullable(),
});
export type LimitException = z.infer<typeof limitExceptionSchema>;
