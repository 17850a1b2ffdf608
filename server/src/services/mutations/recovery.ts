import {
  countsTowardLimits,
  decideLimit,
  uuidv7,
  type ExceptionReason,
  type Incident,
  type LimitException,
  type MutationOf,
  type Recovery,
} from '../../../../shared/index.ts';
import type { Batch } from '../sync/batch.ts';
import { reject } from '../sync/rejection.ts';
import { recordOwnership } from '../sync/visibility.ts';
import { openApprovalRequest, type OpenedRequest } from '../approvals/open-request.ts';
import { checkNew, checkScope } from './checks.ts';

/**
 * A service recovery. The server runs the same limit decision as the device, with the current
 * limits and the person's use on every device. Offline facts are facts (product.md §3): what the
 * device gave within its limits stays given; if the server disagrees, a limit exception is raised.
 * What the device sent as needing approval becomes an approval request (docs/approvals.md); an
 * approval code given by phone that does not verify raises a limit exception too.
 */
export async function recordRecovery(
  batch: Batch,
  m: MutationOf<'recovery.record'>,
): Promise<void> {
  const a = m.args;
  const { user } = batch;
  await checkNew(batch, 'recovery', a.id);
  await checkScope(batch, a.scope);
  if (a.deviceDecision.outcome === 'within_limit' && a.deviceDecision.reasons.length > 0) {
    throw reject.validation(
      'args.deviceDecision.reasons',
      'A within-limit decision has no reasons',
    );
  }
  if (a.deviceDecision.outcome === 'within_limit' && a.deviceDecision.phoneApproval) {
    throw reject.validation(
      'args.deviceDecision.phoneApproval',
      'Only a recovery that needs approval carries an approval code',
    );
  }
  if (a.incidentId) {
    const incident = await batch.getDoc('incident', a.incidentId);
    const visible =
      incident &&
      ((incident.data as Incident).recordedBy === user.id ||
        user.role === 'manager' ||
        (await batch.supervises(incident.teamId)));
    if (!visible) throw reject.notFound('args.incidentId', 'No such incident');
  }

  const limits = await batch.currentLimitSet();
  const usage = await batch.usage(user.id);
  const decision = decideLimit({
    rules: limits?.rules ?? [],
    role: user.role,
    scope: a.scope,
    compensationType: a.compensationType,
    amount: a.amount,
    usage,
    nowMs: batch.nowMs,
    limitsAgeMs: 0,
    maxLimitsAgeMs: 0,
  });
  const serverDecision = {
    outcome: decision.outcome,
    ruleId: decision.rule?.id ?? null,
    reasons: decision.outcome === 'needs_approval' ? decision.reasons.map((r) => r.code) : [],
    limitsVersion: limits?.version ?? 0,
  };
  const isGiven = a.deviceDecision.outcome === 'within_limit';

  const recovery: Recovery = {
    ...a,
    recordedBy: user.id,
    teamId: user.teamId,
    orgId: user.orgId,
    receivedAt: batch.now,
    status: isGiven ? 'given' : 'awaiting_approval',
    serverDecision,
    limitExceptionId: null,
    approvalRequestId: null,
    updatedAt: batch.now,
  };
  batch.audit({
    action: 'create',
    entityKind: 'recovery',
    entityId: a.id,
    deviceAt: m.clientTime,
    detail: {
      amount: a.amount.amount,
      currency: a.amount.currency,
      type: a.compensationType,
      device: a.deviceDecision.outcome,
      server: decision.outcome,
    },
  });
  // Asked for approval: the request is opened (and, with a valid phone code, approved) here.
  let opened: OpenedRequest | null = null;
  if (!isGiven) {
    opened = await openApprovalRequest(batch, {
      recovery,
      decision,
      rules: limits?.rules ?? [],
      usage,
      mutationId: m.id,
      deviceAt: m.clientTime,
    });
  }
  const exceptionReasons: ExceptionReason[] = [];
  if (isGiven && decision.outcome === 'needs_approval')
    exceptionReasons.push(...serverDecision.reasons);
  if (opened?.phoneProblem) exceptionReasons.push(...serverDecision.reasons, 'phone_code_invalid');
  const exceptionId = exceptionReasons.length > 0 ? uuidv7(batch.nowMs) : null;
  const status = opened?.recoveryStatus ?? recovery.status;
  const stored: Recovery = {
    ...recovery,
    status,
    limitExceptionId: exceptionId,
    approvalRequestId: opened?.request.id ?? null,
  };

  batch.putDoc({ kind: 'recovery', id: a.id, ...recordOwnership(user), data: stored });
  batch.addLedger({
    recoveryId: a.id,
    userId: user.id,
    atMs: Date.parse(a.occurredAt),
    amount: a.amount.amount,
    currency: a.amount.currency,
    compensationType: a.compensationType,
    ...a.scope,
    counts: countsTowardLimits(status),
    isNew: true,
  });

  if (exceptionId !== null) {
    const exception: LimitException = {
      id: exceptionId,
      recoveryId: a.id,
      userId: user.id,
      teamId: user.teamId,
      orgId: user.orgId,
      amount: a.amount,
      reasons: [...new Set(exceptionReasons)],
      ...(opened?.phoneProblem ? { phoneCode: opened.phoneProblem } : {}),
      raisedAt: batch.now,
      acknowledgement: null,
    };
    batch.putDoc({
      kind: 'limit_exception',
      id: exceptionId,
      ...recordOwnership(user),
      data: exception,
      isNew: true,
    });
    batch.audit({
      action: 'limit_exception',
      entityKind: 'recovery',
      entityId: a.id,
      detail: {
        exceptionId,
        reasons: exception.reasons,
        limitsVersion: serverDecision.limitsVersion,
        ...(opened?.phoneProblem ? { phoneCode: opened.phoneProblem } : {}),
      },
    });
  }
}
