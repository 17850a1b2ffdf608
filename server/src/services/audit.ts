import { uuidv7, type AuditAction } from '../../../shared/index.ts';
import type { AuditDraft, Store } from '../storage/store.ts';
import { iso, type Clock } from './clock.ts';

export interface AuditInput {
  readonly action: AuditAction;
  readonly actorId: string | null;
  readonly deviceId?: string | null;
  readonly deviceAt?: string | null;
  readonly entityKind?: string | null;
  readonly entityId?: string | null;
  readonly detail?: Record<string, unknown>;
}

/** `at` is `now` as an ISO string, when the caller already has it (a push writes many events). */
export function auditDraft(now: number, e: AuditInput, at: string = iso(now)): AuditDraft {
  return {
    id: uuidv7(now),
    at,
    deviceAt: e.deviceAt ?? null,
    actorId: e.actorId,
    deviceId: e.deviceId ?? null,
    action: e.action,
    entityKind: e.entityKind ?? null,
    entityId: e.entityId ?? null,
    detail: e.detail ?? {},
  };
}

/** Appends one event to the trail, in the caller's transaction when it has one. */
export async function audit(store: Store, clock: Clock, e: AuditInput): Promise<void> {
  await store.appendAudit([auditDraft(clock.now(), e)]);
}
