import {
  applicableTactics,
  governingPeriodUse,
  limitExcesses,
  matchingMostSpecificFirst,
  type ApprovalRequest,
  type Incident,
  type LimitDecision,
  type LimitRule,
  type PhoneCodeProblem,
  type Recovery,
  type RecoveryStatus,
  type Team,
  type UsageEntry,
} from '../../../../shared/index.ts';
import { iso } from '../clock.ts';
import type { Batch } from '../sync/batch.ts';
import { recordOwnership } from '../sync/visibility.ts';
import { assignmentFor } from './authority.ts';
import { checkPhoneApproval } from './phone-codes.ts';
import { approvalDeadlines } from './settings.ts';
import { approvalIndexEntry } from './transitions.ts';

export interface OpenRequestInput {
  /** The recovery as it will be stored (status and approval fields are filled in from here). */
  readonly recovery: Recovery;
  /** The server's limit decision for it. */
  readonly decision: LimitDecision;
  readonly rules: readonly LimitRule[];
  /** The requester's use before this recovery, on every device. */
  readonly usage: readonly UsageEntry[];
  readonly mutationId: string;
  readonly deviceAt: string;
}

export interface OpenedRequest {
  readonly request: ApprovalRequest;
  readonly recoveryStatus: RecoveryStatus;
  /** Set when an approval code came with the recovery and did not verify. */
  readonly phoneProblem: { problem: PhoneCodeProblem; approverId: string | null } | null;
}

/** The tactics an approver sees: the incident's own, else those for the scope offering this type. */
async function tacticIdsFor(batch: Batch, recovery: Recovery): Promise<string[]> {
  const tactics = await batch.activeTactics();
  if (recovery.incidentId) {
    const incident = (await batch.getDoc('incident', recovery.incidentId))?.data as
      Incident | undefined;
    if (incident && incident.tacticIdsShown.length > 0) return incident.tacticIdsShown.slice(0, 50);
    if (incident) {
      return applicableTactics(tactics, incident.category, incident.scope)
        .map((t) => t.id)
        .slice(0, 50);
    }
  }
  const offering = tactics.filter((t) => t.mayOffer.includes(recovery.compensationType));
  return matchingMostSpecificFirst(offering, recovery.scope, (t) => t.scope)
    .map((t) => t.id)
    .slice(0, 50);
}

/**
 * A recovery the device sent as needing approval becomes an approval request (docs/approvals.md
 * AP3): visible to the requester, their team's supervisors and management; waiting on the team
 * supervisor, or on a manager when it is above the supervisor's authority. With a valid phone
 * approval code it is approved at once, by the supervisor who gave the code.
 */
export async function openApprovalRequest(
  batch: Batch,
  input: OpenRequestInput,
): Promise<OpenedRequest> {
  const { recovery, decision } = input;
  const requester = batch.user;
  const team = requester.teamId
    ? ((await batch.getDoc('team', requester.teamId))?.data as Team | undefined)
    : undefined;
  const assignment = assignmentFor(input.rules, requester, team, recovery);
  const deadlines = approvalDeadlines(batch.approvalSettings, batch.nowMs, recovery.amount.amount);
  const id = recovery.id; // One request per recovery: the recovery's id, so a resend finds it.
  let request: ApprovalRequest = {
    id,
    recoveryId: recovery.id,
    requesterId: requester.id,
    teamId: requester.teamId,
    orgId: requester.orgId,
    amount: recovery.amount,
    state: assignment.assignedRole === 'manager' ? 'escalated' : 'pending',
    assignedRole: assignment.assignedRole,
    createdAt: batch.now,
    slaDueAt: iso(deadlines.slaDueMs),
    expiresAt: iso(deadlines.expiresMs),
    decidedBy: null,
    decidedAt: null,
    reason: null,
    compensationType: recovery.compensationType,
    scope: recovery.scope,
    customerRef: recovery.customerRef,
    incidentId: recovery.incidentId,
    exceeded: limitExcesses(decision),
    periodUse: governingPeriodUse({
      rules: input.rules,
      role: requester.role,
      scope: recovery.scope,
      compensationType: recovery.compensationType,
      currency: recovery.amount.currency,
      usage: input.usage,
      nowMs: batch.nowMs,
    }),
    tacticIds: await tacticIdsFor(batch, recovery),
    escalatedAt: assignment.assignedRole === 'manager' ? batch.now : null,
    escalationReason: assignment.escalationReason,
    decidedVia: null,
    updatedAt: batch.now,
  };
  batch.audit({
    action: 'create',
    entityKind: 'approval_request',
    entityId: id,
    deviceAt: input.deviceAt,
    detail: {
      recoveryId: recovery.id,
      amount: recovery.amount.amount,
      currency: recovery.amount.currency,
      assignedRole: request.assignedRole,
      slaDueAt: request.slaDueAt,
      expiresAt: request.expiresAt,
      mutationId: input.mutationId,
    },
  });
  if (request.state === 'escalated') {
    batch.auditAs(null, {
      action: 'escalate',
      entityKind: 'approval_request',
      entityId: id,
      detail: {
        outcome: 'applied',
        from: 'pending',
        to: 'escalated',
        recoveryId: recovery.id,
        assignedRole: 'manager',
        escalationReason: assignment.escalationReason,
      },
    });
  }

  let recoveryStatus: RecoveryStatus = 'awaiting_approval';
  let phoneProblem: OpenedRequest['phoneProblem'] = null;
  const phone = recovery.deviceDecision.phoneApproval;
  if (phone) {
    const check = await checkPhoneApproval(batch.tx, recovery, requester, phone);
    if (check.ok) {
      const from = request.state;
      request = {
        ...request,
        state: 'approved',
        decidedBy: check.approver.id,
        decidedByName: check.approver.displayName,
        decidedAt: batch.now,
        decidedVia: 'phone_code',
      };
      recoveryStatus = 'approved';
      batch.auditAs(check.approver.id, {
        action: 'approve',
        entityKind: 'approval_request',
        entityId: id,
        deviceAt: phone.enteredAt,
        detail: {
          outcome: 'applied',
          from,
          to: 'approved',
          recoveryId: recovery.id,
          amount: recovery.amount.amount,
          currency: recovery.amount.currency,
          via: 'phone_code',
          phoneCodeId: check.record.id,
          issuedAt: iso(check.record.issuedMs),
          mutationId: input.mutationId,
        },
      });
    } else {
      phoneProblem = { problem: check.problem, approverId: check.approverId };
    }
  }

  batch.putDoc({
    kind: 'approval_request',
    id,
    ...recordOwnership(requester),
    data: request,
    isNew: true,
  });
  await batch.tx.upsertApprovals([approvalIndexEntry(request)]);
  return { request, recoveryStatus, phoneProblem };
}
