import { z } from 'zod';
import { idSchema } from '../domain/ids.ts';
import { instantSchema } from '../domain/time.ts';
import { moneySchema } from '../domain/money.ts';
import { scopeSchema } from '../domain/scope.ts';
import { compensationTypeSchema } from '../domain/compensation.ts';
import { incidentSchema } from '../domain/records.ts';
import { limitExceptionSchema, recoverySchema } from '../domain/recovery.ts';
import { roleSchema } from '../domain/roles.ts';
import { approvalRequestSchema, approvalStateSchema, periodUseSchema } from '../domain/approval.ts';
import { normalisePhoneCode, phoneCodeSchema } from '../domain/phone-code.ts';

// The approval commands (docs/approvals.md): as sync mutations from devices, and as HTTP bodies
// for an online supervisor. Both carry the state the person saw; the first decision wins.

/** A decision is taken on what the person saw: a request still waiting. */
const expectedStateSchema = z.enum(['pending', 'escalated'], 'must be pending or escalated');
const reasonSchema = z.string().trim().max(2000, 'is too long');

const decideFields = {
  decision: z.enum(['approve', 'reject']),
  /** Required to reject (the requester reads it); optional to approve. */
  reason: reasonSchema.optional(),
  expectedState: expectedStateSchema,
};

function requireReasonToReject(
  a: { decision: 'approve' | 'reject'; reason?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (a.decision === 'reject' && !a.reason) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject' });
  }
}

/** `approval.decide`: a supervisor or manager approves or rejects. */
export const approvalDecideArgsSchema = z
  .object({ requestId: idSchema, ...decideFields })
  .superRefine(requireReasonToReject);
export type ApprovalDecideArgs = z.infer<typeof approvalDecideArgsSchema>;

/** `approval.withdraw`: the requester takes the request back. */
export const approvalWithdrawArgsSchema = z.object({
  requestId: idSchema,
  expectedState: expectedStateSchema,
});

/** `recovery.markGiven`: the requester gave the approved compensation to the customer. */
export const recoveryMarkGivenArgsSchema = z.object({ recoveryId: idSchema });

/** `limitException.acknowledge`: the team's supervisor or a manager has seen it, and says what next. */
export const limitExceptionAcknowledgeArgsSchema = z.object({
  exceptionId: idSchema,
  comment: z.string().trim().min(1, 'is required').max(2000, 'is too long'),
});

/** `POST /api/approvals/{id}/decide` (send an `Idempotency-Key` header: a UUID per decision). */
export const approvalDecideBodySchema = z.object(decideFields).superRefine(requireReasonToReject);

/** `POST /api/approvals/{id}/withdraw`. */
export const approvalWithdrawBodySchema = z.object({ expectedState: expectedStateSchema });

/** A decision applied (or the stored result of a resend with the same idempotency key). */
export const approvalDecisionResponseSchema = z.object({
  request: approvalRequestSchema,
  duplicate: z.boolean(),
});

/** The body of a `409` when a decision lost the race: the state that won, and the request. */
export const approvalConflictBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  currentState: approvalStateSchema,
  request: approvalRequestSchema,
});

const personSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: idSchema.nullable(),
});

/** One open request in an approver's inbox, with everything needed to decide it. */
export const approvalInboxItemSchema = z.object({
  request: approvalRequestSchema,
  requester: personSchema,
  recovery: recoverySchema,
  incident: incidentSchema.nullable(),
  /** The requester's use of their governing limit now, on every device. */
  periodUse: periodUseSchema.nullable(),
  waitingMs: z.number().int().min(0),
  isPastSla: z.boolean(),
});
export type ApprovalInboxItem = z.infer<typeof approvalInboxItemSchema>;

/** An unacknowledged limit exception the caller should look at. */
export const exceptionInboxItemSchema = z.object({
  exception: limitExceptionSchema,
  requester: personSchema,
  recovery: recoverySchema.nullable(),
});

/** `GET /api/approvals/inbox`: oldest first. */
export const approvalInboxResponseSchema = z.object({
  approvals: z.array(approvalInboxItemSchema),
  exceptions: z.array(exceptionInboxItemSchema),
  serverTime: instantSchema,
});
export type ApprovalInboxResponse = z.infer<typeof approvalInboxResponseSchema>;

/** `POST /api/approvals/phone-code`: the supervisor gives an approval code over the phone. */
export const phoneCodeIssueRequestSchema = z.object({
  requesterId: idSchema,
  /** As the requester read it out; spaces and dashes are ignored. */
  requestCode: z.preprocess(
    (v) => (typeof v === 'string' ? normalisePhoneCode(v) : v),
    phoneCodeSchema,
  ),
  amount: moneySchema,
  /** What the compensation is and where: the approver's authority depends on both. */
  compensationType: compensationTypeSchema,
  scope: scopeSchema,
});
export type PhoneCodeIssueRequest = z.infer<typeof phoneCodeIssueRequestSchema>;

export const phoneCodeIssueResponseSchema = z.object({
  approvalCode: phoneCodeSchema,
  requestCode: phoneCodeSchema,
  amount: moneySchema,
  requesterId: idSchema,
  approverId: idSchema,
  window: z.number().int(),
  expiresAt: instantSchema,
});
export type PhoneCodeIssueResponse = z.infer<typeof phoneCodeIssueResponseSchema>;
