import {
  approvalAuthority,
  approvalCommandRefusal,
  type ApprovalRequest,
  type ApprovalUserCommand,
  type LimitException,
  type MutationOf,
  type Recovery,
} from '../../../../shared/index.ts';
import type { StoredDoc } from '../../storage/store.ts';
import { applyApprovalTransition } from '../approvals/transitions.ts';
import type { Batch } from '../sync/batch.ts';
import { reject, Rejection } from '../sync/rejection.ts';

// The approval commands (docs/approvals.md AP4–AP9). The same handlers serve a device's push and
// an online supervisor's HTTP call, so both get one idempotency rule (SY4) and one audit trail.

/** Every attempt on a request is in the trail, including the refused ones (AP8). */
async function auditedAttempt(
  batch: Batch,
  m: { id: string; clientTime: string },
  command: ApprovalUserCommand,
  requestId: string,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof Rejection) {
      batch.audit({
        action: command,
        entityKind: 'approval_request',
        entityId: requestId,
        deviceAt: m.clientTime,
        detail: {
          outcome: 'refused',
          code: err.code,
          message: err.message,
          mutationId: m.id,
          via: batch.via,
        },
      });
    }
    throw err;
  }
}

/**
 * The request as it is now, held until the batch commits: a decision racing with another
 * decision or a timer waits here, then sees the winner (AP2).
 */
async function lockedRequest(
  batch: Batch,
  requestId: string,
  lockUsageFirst: boolean,
): Promise<{ doc: StoredDoc; request: ApprovalRequest }> {
  const seen = await batch.getDoc('approval_request', requestId);
  if (!seen) throw reject.notFound('args.requestId', 'No such approval request');
  // An approval makes the recovery count toward the requester's period use: take that lock
  // first, in the same order as a push of the requester's own recoveries does.
  if (lockUsageFirst) await batch.tx.lockUsage((seen.data as ApprovalRequest).requesterId);
  await batch.tx.lockApproval(requestId);
  const doc = (await batch.getDoc('approval_request', requestId)) ?? seen;
  return { doc, request: doc.data as ApprovalRequest };
}

function refuse(refusal: { code: 'forbidden' | 'conflict'; message: string; field: string }) {
  return new Rejection(refusal.code, refusal.message, `args.${refusal.field}`);
}

export async function decideApproval(
  batch: Batch,
  m: MutationOf<'approval.decide'>,
): Promise<void> {
  const { requestId, decision, reason, expectedState } = m.args;
  await auditedAttempt(batch, m, decision, requestId, async () => {
    const { doc, request } = await lockedRequest(batch, requestId, decision === 'approve');
    const rules = (await batch.currentLimitSet())?.rules ?? [];
    const refusal = approvalCommandRefusal(
      request,
      decision,
      {
        id: batch.user.id,
        role: batch.user.role,
        ledTeamIds: await batch.ledTeamIds(),
        authority: approvalAuthority(
          rules,
          batch.user.role,
          request.scope,
          request.compensationType,
          request.amount.currency,
        ),
      },
      expectedState,
    );
    if (refusal) throw refuse(refusal);
    await applyApprovalTransition(batch, doc, decision, {
      actor: batch.user,
      via: batch.via,
      reason: reason ?? null,
      mutationId: m.id,
      deviceAt: m.clientTime,
    });
  });
}

export async function withdrawApproval(
  batch: Batch,
  m: MutationOf<'approval.withdraw'>,
): Promise<void> {
  const { requestId, expectedState } = m.args;
  await auditedAttempt(batch, m, 'withdraw', requestId, async () => {
    const { doc, request } = await lockedRequest(batch, requestId, false);
    const actor = { id: batch.user.id, role: batch.user.role, ledTeamIds: [], authority: 0 };
    const refusal = approvalCommandRefusal(request, 'withdraw', actor, expectedState);
    if (refusal) throw refuse(refusal);
    await applyApprovalTransition(batch, doc, 'withdraw', {
      actor: batch.user,
      via: batch.via,
      mutationId: m.id,
      deviceAt: m.clientTime,
    });
  });
}

/** Compensation that needed approval is marked given only once approved (product.md §3). */
export async function markRecoveryGiven(
  batch: Batch,
  m: MutationOf<'recovery.markGiven'>,
): Promise<void> {
  const doc = await batch.getDoc('recovery', m.args.recoveryId);
  if (!doc) throw reject.notFound('args.recoveryId', 'No such recovery');
  const recovery = doc.data as Recovery;
  if (recovery.recordedBy !== batch.user.id) {
    throw reject.forbidden('args.recoveryId', 'Only the person who recorded it marks it given');
  }
  if (recovery.status !== 'approved') {
    throw reject.transition(
      'args.recoveryId',
      `Only an approved recovery can be marked given; this one is ${recovery.status}`,
    );
  }
  batch.putDoc({ ...doc, data: { ...recovery, status: 'given', updatedAt: batch.now } });
  batch.audit({
    action: 'update',
    entityKind: 'recovery',
    entityId: recovery.id,
    deviceAt: m.clientTime,
    detail: { from: 'approved', to: 'given', mutationId: m.id },
  });
}

/** The team's supervisor or a manager has seen a limit exception, and says what happens next. */
export async function acknowledgeLimitException(
  batch: Batch,
  m: MutationOf<'limitException.acknowledge'>,
): Promise<void> {
  const { exceptionId, comment } = m.args;
  const doc = await batch.getDoc('limit_exception', exceptionId);
  if (!doc) throw reject.notFound('args.exceptionId', 'No such limit exception');
  const exception = doc.data as LimitException;
  const { user } = batch;
  if (exception.userId === user.id) {
    throw reject.forbidden('args.exceptionId', 'Nobody acknowledges their own limit exception');
  }
  const mayAcknowledge =
    user.role === 'manager' ||
    (user.role === 'supervisor' && (await batch.supervises(exception.teamId)));
  if (!mayAcknowledge) {
    throw reject.forbidden(
      'args.exceptionId',
      'Only a supervisor of the team or a manager acknowledges a limit exception',
    );
  }
  if (exception.acknowledgement) {
    throw reject.conflict(
      'args.exceptionId',
      `Already acknowledged at ${exception.acknowledgement.at}`,
    );
  }
  batch.putDoc({
    ...doc,
    data: { ...exception, acknowledgement: { by: user.id, at: batch.now, comment } },
  });
  batch.audit({
    action: 'update',
    entityKind: 'limit_exception',
    entityId: exceptionId,
    deviceAt: m.clientTime,
    detail: { acknowledged: true, recoveryId: exception.recoveryId, comment, mutationId: m.id },
  });
}
