import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';
import { moneySchema } from './money.ts';
import { scopeSchema } from './scope.ts';
import { compensationTypeSchema } from './compensation.ts';
import { ratingSchema } from './risk.ts';
import { customerRefSchema } from './records.ts';

const reasonCodeSchema = z.enum(['no_rule', 'limits_stale', 'over_per_case', 'over_period']);

/** What the device's limit decision said, as sent with the recovery. */
export const deviceDecisionSchema = z.object({
  outcome: z.enum(['within_limit', 'needs_approval']),
  ruleId: idSchema.nullable(),
  reasons: z.array(reasonCodeSchema).max(8),
  /** Version of the limit set the device decided with. */
  limitsVersion: z.number().int().min(0),
  limitsAgeMs: z.number().int().min(0),
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

/**
 * Raised when the device gave compensation within its limits but the server, with the current
 * limits and every device's use, disagrees. The record stands; the supervisor acknowledges.
 */
export const limitExceptionSchema = z.object({
  id: idSchema,
  recoveryId: idSchema,
  userId: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  amount: moneySchema,
  reasons: z.array(reasonCodeSchema).min(1),
  raisedAt: instantSchema,
  acknowledgement: z
    .object({ by: idSchema, at: instantSchema, comment: z.string().min(1) })
    .nullable(),
});
export type LimitException = z.infer<typeof limitExceptionSchema>;
