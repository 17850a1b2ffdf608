import {
  approvalCode,
  approvalCommandRefusal,
  ERROR_CODES,
  phoneCodeExpiresAtMs,
  phoneCodeWindow,
  requestCode,
  uuidv7,
  type ApprovalRefusal,
  type PhoneApproval,
  type PhoneCodeIssueRequest,
  type PhoneCodeIssueResponse,
  type PhoneCodeProblem,
  type RecoveryInput,
  type User,
} from '../../../../shared/index.ts';
import { AppError, errors } from '../../http/app-error.ts';
import type { PhoneApprovalRecord, Store } from '../../storage/store.ts';
import { audit } from '../audit.ts';
import type { Principal } from '../auth.ts';
import { publicUser } from '../auth.ts';
import { iso, type Clock } from '../clock.ts';
import { approverOf, currentLimitRules, type Subject } from './authority.ts';
import { approvalKeyOf } from './keys.ts';

// Phone approval codes on the server (docs/approvals.md, "Phone codes"): the supervisor's side,
// which issues and records a code, and the check when the requester's recovery syncs.

/** Whether `approver` may approve `subject` for `requester` now: the same rules as the inbox. */
async function mayApprove(
  store: Store,
  approver: User,
  requester: User,
  subject: Subject,
): Promise<ApprovalRefusal | null> {
  const actor = await approverOf(store, approver, await currentLimitRules(store), subject);
  const refusal = approvalCommandRefusal(
    {
      requesterId: requester.id,
      teamId: requester.teamId,
      state: 'pending',
      // A supervisor may give a code only within their own authority; above it, a manager.
      assignedRole: approver.role === 'manager' ? 'manager' : 'supervisor',
      amount: subject.amount,
    },
    'approve',
    actor,
    'pending',
  );
  return refusal;
}

/** The supervisor, online, turns the requester's request code and the amount into an approval code. */
export async function issuePhoneCode(
  store: Store,
  clock: Clock,
  p: Principal,
  body: PhoneCodeIssueRequest,
): Promise<PhoneCodeIssueResponse> {
  const requester = await store.getUser(body.requesterId);
  if (!requester || !requester.active) throw errors.notFound('No such person', 'requesterId');
  const refusal = await mayApprove(store, p.user, publicUser(requester), body);
  if (refusal !== null) {
    throw errors.forbidden(
      refusal.message,
      refusal.reason === 'above_authority' ? 'amount' : 'requesterId',
    );
  }
  const key = await approvalKeyOf(store, requester.id);
  if (!key) {
    throw new AppError(
      409,
      ERROR_CODES.conflict,
      'This person has no approval key yet: they must sign in online once',
      'requesterId',
    );
  }
  const nowMs = clock.now();
  const window = phoneCodeWindow(nowMs);
  const record: PhoneApprovalRecord = {
    id: uuidv7(nowMs),
    requesterId: requester.id,
    requestCode: body.requestCode,
    approverId: p.user.id,
    amount: body.amount.amount,
    currency: body.amount.currency,
    compensationType: body.compensationType,
    window,
    code: approvalCode(key.key, { requestCode: body.requestCode, amount: body.amount }, window),
    issuedMs: nowMs,
    expiresMs: phoneCodeExpiresAtMs(window),
    usedBy: null,
  };
  await store.transaction(async (tx) => {
    await tx.insertPhoneApproval(record);
    await audit(tx, clock, {
      action: 'approve',
      actorId: p.user.id,
      deviceId: p.session.deviceId,
      entityKind: 'phone_code',
      entityId: record.id,
      // Not the code itself: the trail is read by more people than the requester.
      detail: {
        outcome: 'issued',
        requesterId: requester.id,
        requestCode: body.requestCode,
        amount: body.amount.amount,
        currency: body.amount.currency,
        compensationType: body.compensationType,
        scope: body.scope,
        expiresAt: iso(record.expiresMs),
      },
    });
  });
  return {
    approvalCode: record.code,
    requestCode: record.requestCode,
    amount: body.amount,
    requesterId: requester.id,
    approverId: p.user.id,
    window,
    expiresAt: iso(record.expiresMs),
  };
}

export type PhoneCheck =
  | { readonly ok: true; readonly approver: User; readonly record: PhoneApprovalRecord }
  | { readonly ok: false; readonly problem: PhoneCodeProblem; readonly approverId: string | null };

/**
 * The server's check of an approval code that came with a recovery. Valid only if this server
 * issued exactly this code for this recovery's request code and amount, the device accepted it
 * before it expired, and the approver may still approve it (authority in the recovery's real
 * scope and type). Marks the code used on success.
 */
export async function checkPhoneApproval(
  tx: Store,
  recovery: Pick<RecoveryInput, 'id' | 'amount' | 'customerRef' | 'scope' | 'compensationType'>,
  requester: User,
  phone: PhoneApproval,
): Promise<PhoneCheck> {
  const fail = (problem: PhoneCodeProblem, approverId: string | null = null): PhoneCheck => ({
    ok: false,
    problem,
    approverId,
  });
  const key = await approvalKeyOf(tx, requester.id);
  if (!key) return fail('no_key');
  const code = requestCode({
    recoveryId: recovery.id,
    amount: recovery.amount,
    customerRef: recovery.customerRef,
    requesterId: requester.id,
  });
  const issued = await tx.findPhoneApprovals(requester.id, code);
  if (issued.length === 0) return fail('not_issued');
  const record = issued.find((r) => r.code === phone.code);
  if (!record) return fail('wrong_code');
  const isSameAmount =
    record.amount === recovery.amount.amount && record.currency === recovery.amount.currency;
  // The HMAC again, with this recovery's amount: what the device computed, recomputed here.
  const expected = approvalCode(
    key.key,
    { requestCode: code, amount: recovery.amount },
    record.window,
  );
  if (!isSameAmount || expected !== phone.code) return fail('other_amount', record.approverId);
  if (Date.parse(phone.enteredAt) > record.expiresMs) return fail('expired', record.approverId);
  const stored = await tx.getUser(record.approverId);
  if (!stored || !stored.active) return fail('no_authority', record.approverId);
  const approver = publicUser(stored);
  const refusal = await mayApprove(tx, approver, requester, recovery);
  if (refusal !== null) return fail('no_authority', record.approverId);
  if (!(await tx.usePhoneApproval(record.id, recovery.id))) {
    return fail('already_used', record.approverId);
  }
  return { ok: true, approver, record };
}
