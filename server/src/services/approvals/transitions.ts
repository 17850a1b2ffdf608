import {
  isDecided,
  nextApprovalState,
  RECOVERY_STATUS_AFTER,
  type ApprovalCommand,
  type ApprovalRequest,
  type Recovery,
  type User,
} from '../../../../shared/index.ts';
import type {
  ApprovalIndexEntry,
  DocWrite,
  LedgerEntry,
  Store,
  StoredDoc,
} from '../../storage/store.ts';
import type { AuditInput } from '../audit.ts';

/**
 * Where an approval step is written: a push's `Batch` (a decision from a device or over HTTP) or
 * the timer job's own transaction. Documents and audit events are flushed when it commits.
 */
export interface ApprovalWriter {
  readonly tx: Store;
  readonly nowMs: number;
  readonly now: string;
  getDoc(kind: string, id: string): Promise<StoredDoc | undefined>;
  putDoc(doc: DocWrite): void;
  addLedger(entry: LedgerEntry): void;
  auditAs(actorId: string | null, input: Omit<AuditInput, 'actorId' | 'deviceId'>): void;
}

/** The typed side-table row of a request document. */
export function approvalIndexEntry(r: ApprovalRequest): ApprovalIndexEntry {
  return {
    id: r.id,
    state: r.state,
    assignedRole: r.assignedRole,
    teamId: r.teamId,
    requesterId: r.requesterId,
    recoveryId: r.recoveryId,
    amount: r.amount.amount,
    currency: r.amount.currency,
    createdMs: Date.parse(r.createdAt),
    slaDueMs: Date.parse(r.slaDueAt),
    expiresMs: Date.parse(r.expiresAt),
    updatedAt: r.updatedAt,
  };
}

/** The ledger row of a recovery: what makes it count toward the requester's period limits. */
export function ledgerEntryOf(r: Recovery, counts: boolean): LedgerEntry {
  return {
    recoveryId: r.id,
    userId: r.recordedBy,
    atMs: Date.parse(r.occurredAt),
    amount: r.amount.amount,
    currency: r.amount.currency,
    compensationType: r.compensationType,
    ...r.scope,
    counts,
  };
}

export interface TransitionBy {
  /** Who acted (a decision keeps their name); null for the server's own timers. */
  readonly actor: Pick<User, 'id' | 'displayName'> | null;
  readonly via: NonNullable<ApprovalRequest['decidedVia']>;
  readonly reason?: string | null;
  readonly mutationId?: string;
  readonly deviceAt?: string;
}

/**
 * Applies one transition the caller has already checked is allowed (state machine, authority,
 * expected state, under the request's lock): the request document and its side-table row, the
 * recovery's status (an approved recovery starts counting toward the period limits), and the
 * audit event.
 */
export async function applyApprovalTransition(
  w: ApprovalWriter,
  doc: StoredDoc,
  command: ApprovalCommand,
  by: TransitionBy,
): Promise<ApprovalRequest> {
  const request = doc.data as ApprovalRequest;
  const next = nextApprovalState(request.state, command);
  if (next === null) throw new Error(`approval ${request.id}: ${command} from ${request.state}`);
  const actorId = by.actor?.id ?? null;
  const updated: ApprovalRequest = {
    ...request,
    state: next,
    updatedAt: w.now,
    ...(command === 'escalate'
      ? { assignedRole: 'manager', escalatedAt: w.now, escalationReason: 'sla' }
      : {}),
    ...(isDecided(next)
      ? {
          decidedBy: actorId,
          decidedByName: by.actor?.displayName ?? null,
          decidedAt: w.now,
          reason: by.reason ?? null,
          decidedVia: by.via,
        }
      : {}),
  };
  w.putDoc({ ...doc, data: updated });
  await w.tx.upsertApprovals([approvalIndexEntry(updated)]);

  if (next !== 'escalated' && next !== 'pending') {
    const recoveryDoc = await w.getDoc('recovery', request.recoveryId);
    if (recoveryDoc) {
      const recovery = recoveryDoc.data as Recovery;
      const status = RECOVERY_STATUS_AFTER[next];
      w.putDoc({ ...recoveryDoc, data: { ...recovery, status, updatedAt: w.now } });
      if (status === 'approved') w.addLedger(ledgerEntryOf(recovery, true));
    }
  }
  w.auditAs(actorId, {
    action: command,
    entityKind: 'approval_request',
    entityId: request.id,
    ...(by.deviceAt !== undefined ? { deviceAt: by.deviceAt } : {}),
    detail: {
      outcome: 'applied',
      from: request.state,
      to: next,
      recoveryId: request.recoveryId,
      amount: request.amount.amount,
      currency: request.amount.currency,
      via: by.via,
      ...(by.reason ? { reason: by.reason } : {}),
      ...(by.mutationId !== undefined ? { mutationId: by.mutationId } : {}),
      ...(command === 'escalate' ? { assignedRole: 'manager', escalationReason: 'sla' } : {}),
    },
  });
  return updated;
}
