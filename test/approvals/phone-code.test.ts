import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvalCode,
  requestCode,
  verifyApprovalCode,
  type ApprovalKey,
  type ErrorBody,
  type PhoneApproval,
  type PhoneCodeIssueResponse,
  type RecoveryInput,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';
import {
  auditOf,
  exceptionsOf,
  expectApplied,
  hasDoc,
  HKD,
  NEEDS_APPROVAL,
  pullUntil,
  recoveryOf,
  requestOf,
} from './helpers.ts';

// Approval by phone for an offline requester, end to end (docs/approvals.md AP12–AP15): the
// device makes a request code, the supervisor online turns it into an approval code, the device
// checks it offline with its own key, and the server checks it again when the recovery syncs.

const MINUTE = 60_000;

describe.each(databaseTargets())('phone approval codes on $name', ({ name }) => {
  let s: TestServer;
  let chan: string;
  let wong: string;
  let key: string;
  beforeEach(async () => {
    s = await createTestServer(name);
    chan = await s.login('frontline.chan');
    wong = await s.login('supervisor.wong');
    // The device got its key in its pull while it was online.
    const chanId = s.user('frontline.chan').id;
    const changes = await pullUntil(s, chan, hasDoc('approval_key', chanId));
    key = (changes.find((c) => c.kind === 'approval_key')?.data as ApprovalKey).key;
  });
  afterEach(async () => {
    await s.close();
  });

  /** The recovery as the offline device is about to record it (over its HK$300 per case). */
  const draft = (dollars: number, overrides: Partial<RecoveryInput> = {}) =>
    recoveryArgs({ compensationType: 'bill_credit', amount: HKD(dollars), ...overrides });

  const codeOf = (r: RecoveryInput) =>
    requestCode({
      recoveryId: r.id,
      amount: r.amount,
      customerRef: r.customerRef,
      requesterId: s.user('frontline.chan').id,
    });

  /** The supervisor, online, enters the request code and the amount. */
  async function issue(
    requestCodeText: string,
    dollars: number,
    overrides: Record<string, unknown> = {},
    token = wong,
  ): Promise<Response> {
    return s.request('/api/approvals/phone-code', {
      method: 'POST',
      token,
      json: {
        requesterId: s.user('frontline.chan').id,
        requestCode: requestCodeText,
        amount: HKD(dollars),
        compensationType: 'bill_credit',
        scope: draft(0).scope,
        ...overrides,
      },
    });
  }

  async function issued(r: RecoveryInput, dollars = r.amount.amount / 100) {
    const res = await issue(codeOf(r), dollars);
    expect(res.status).toBe(200);
    return (await res.json()) as PhoneCodeIssueResponse;
  }

  /** The device records the recovery with the approval code the requester typed. */
  async function recordWith(r: RecoveryInput, phone: Omit<PhoneApproval, 'enteredAt'>) {
    const withCode: RecoveryInput = {
      ...r,
      deviceDecision: {
        ...NEEDS_APPROVAL,
        phoneApproval: { ...phone, enteredAt: new Date(s.clock.now()).toISOString() },
      },
    };
    await expectApplied(s, chan, mutation('recovery.record', withCode));
  }

  async function expectException(id: string, problem: string) {
    expect(await recoveryOf(s, id)).toMatchObject({
      status: 'awaiting_approval',
      approvalRequestId: id,
      limitExceptionId: expect.any(String),
    });
    expect((await requestOf(s, id)).state).toBe('pending');
    const exception = (await exceptionsOf(s)).find((e) => e.recoveryId === id);
    expect(exception).toMatchObject({
      reasons: ['over_per_case', 'phone_code_invalid'],
      phoneCode: { problem },
    });
    // Not approved, so not counted.
    const ledger = await s.store.ledgerSince(s.user('frontline.chan').id, 0);
    expect(ledger.find((e) => e.recoveryId === id)?.counts).toBe(false);
  }

  it('[AP13] a correct code approves the recovery at sync, by the supervisor who gave it', async () => {
    const r = draft(800);
    const given = await issued(r);
    expect(given).toMatchObject({
      approvalCode: expect.stringMatching(/^\d{8}$/),
      requestCode: codeOf(r),
      amount: HKD(800),
      approverId: s.user('supervisor.wong').id,
    });
    expect(Date.parse(given.expiresAt) - TEST_NOW).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(Date.parse(given.expiresAt) - TEST_NOW).toBeLessThanOrEqual(20 * MINUTE);

    // Offline: the device accepts it for this request and amount only.
    const typed = `${given.approvalCode.slice(0, 4)} ${given.approvalCode.slice(4)}`;
    const check = verifyApprovalCode(
      key,
      { requestCode: codeOf(r), amount: r.amount },
      typed,
      s.clock.now(),
    );
    expect(check.ok).toBe(true);
    expect(
      verifyApprovalCode(key, { requestCode: codeOf(r), amount: HKD(801) }, typed, s.clock.now())
        .ok,
    ).toBe(false);
    s.clock.advance(3 * MINUTE);
    await recordWith(r, {
      code: given.approvalCode,
      window: check.ok ? check.window : -1,
      approverId: null,
    });

    expect(await recoveryOf(s, r.id)).toMatchObject({
      status: 'approved',
      approvalRequestId: r.id,
      limitExceptionId: null,
    });
    expect(await requestOf(s, r.id)).toMatchObject({
      state: 'approved',
      decidedBy: s.user('supervisor.wong').id,
      decidedVia: 'phone_code',
    });
    expect(await exceptionsOf(s)).toEqual([]);
    const ledger = await s.store.ledgerSince(s.user('frontline.chan').id, 0);
    expect(ledger.map((e) => e.counts)).toEqual([true]);
    const trail = await auditOf(s, r.id);
    expect(trail.map((e) => [e.action, e.entityKind, e.actorId])).toEqual([
      ['create', 'recovery', s.user('frontline.chan').id],
      ['create', 'approval_request', s.user('frontline.chan').id],
      ['approve', 'approval_request', s.user('supervisor.wong').id],
    ]);
    expect(trail[2]?.detail).toMatchObject({ via: 'phone_code', outcome: 'applied' });
    const issuance = await s.store.readAudit({ limit: 10, action: 'approve' });
    expect(issuance[0]).toMatchObject({
      entityKind: 'phone_code',
      actorId: s.user('supervisor.wong').id,
      detail: { outcome: 'issued', requestCode: codeOf(r), amount: 80_000 },
    });
    expect(JSON.stringify(issuance[0]?.detail)).not.toContain(given.approvalCode);

    // Approved, so the requester may now mark it given.
    await expectApplied(s, chan, mutation('recovery.markGiven', { recoveryId: r.id }));
  });

  it('[AP14] a wrong code leaves the recovery awaiting approval with a limit exception', async () => {
    const r = draft(800);
    const given = await issued(r);
    const wrong = given.approvalCode === '12345678' ? '87654321' : '12345678';
    expect(
      verifyApprovalCode(key, { requestCode: codeOf(r), amount: r.amount }, wrong, s.clock.now())
        .ok,
    ).toBe(false);
    await recordWith(r, { code: wrong, window: 0, approverId: null });
    await expectException(r.id, 'wrong_code');
  });

  it('[AP14] a code given for another amount does not verify, offline or at sync', async () => {
    const r = draft(900);
    const given = await issued(r, 800);
    expect(
      verifyApprovalCode(
        key,
        { requestCode: codeOf(r), amount: r.amount },
        given.approvalCode,
        s.clock.now(),
      ).ok,
    ).toBe(false);
    // A device that records it anyway (tampered, or the amount changed after the call).
    await recordWith(r, { code: given.approvalCode, window: given.window, approverId: null });
    await expectException(r.id, 'other_amount');
  });

  it('[AP14] an expired code does not verify, offline or at sync', async () => {
    const r = draft(800);
    const given = await issued(r);
    s.clock.set(Date.parse(given.expiresAt) + 1);
    expect(
      verifyApprovalCode(
        key,
        { requestCode: codeOf(r), amount: r.amount },
        given.approvalCode,
        s.clock.now(),
      ).ok,
    ).toBe(false);
    await recordWith(r, { code: given.approvalCode, window: given.window, approverId: null });
    await expectException(r.id, 'expired');
  });

  it('[AP15] a code the device made itself with its key verifies offline but is never approved', async () => {
    const r = draft(1_500);
    const window = Math.floor(s.clock.now() / (10 * MINUTE));
    const minted = approvalCode(key, { requestCode: codeOf(r), amount: r.amount }, window);
    expect(
      verifyApprovalCode(key, { requestCode: codeOf(r), amount: r.amount }, minted, s.clock.now())
        .ok,
    ).toBe(true);
    await recordWith(r, { code: minted, window, approverId: s.user('supervisor.wong').id });
    await expectException(r.id, 'not_issued');
  });

  it('[AP15] a code is bound to one recovery: another recovery cannot reuse it', async () => {
    const first = draft(800);
    const given = await issued(first);
    await recordWith(first, { code: given.approvalCode, window: given.window, approverId: null });
    expect((await recoveryOf(s, first.id)).status).toBe('approved');
    const second = draft(800);
    await recordWith(second, { code: given.approvalCode, window: given.window, approverId: null });
    await expectException(second.id, 'not_issued');
  });

  it('[AP14] a code from an approver without authority for the real compensation is an exception', async () => {
    // Given as a bill credit (supervisor: HK$2,000 a case); recorded as a refund (HK$1,500).
    const r = draft(1_800, { compensationType: 'refund' });
    const given = await issued(r);
    await recordWith(r, { code: given.approvalCode, window: given.window, approverId: null });
    expect(await recoveryOf(s, r.id)).toMatchObject({ status: 'awaiting_approval' });
    const exception = (await exceptionsOf(s)).find((e) => e.recoveryId === r.id);
    expect(exception?.phoneCode).toEqual({
      problem: 'no_authority',
      approverId: s.user('supervisor.wong').id,
    });
    expect(exception?.reasons).toContain('phone_code_invalid');
  });

  it('[AP12] only a supervisor of the requester’s team or a manager, within their authority, gives a code', async () => {
    const code = codeOf(draft(800));
    const statusOf = async (res: Response) => [
      res.status,
      ((await res.json()) as ErrorBody).error?.field,
    ];
    expect(await statusOf(await issue(code, 800, {}, chan))).toEqual([403, 'requesterId']);
    expect(await statusOf(await issue(code, 800, {}, await s.login('supervisor.chow')))).toEqual([
      403,
      'requesterId',
    ]);
    expect(await statusOf(await issue(code, 800, {}, await s.login('auditor.ho')))).toEqual([
      403,
      'requesterId',
    ]);
    expect(await statusOf(await issue(code, 2_500))).toEqual([403, 'amount']);
    expect(
      await statusOf(await issue(code, 800, { requesterId: s.user('supervisor.wong').id }, wong)),
    ).toEqual([403, 'requesterId']);
    expect(await statusOf(await issue('1234', 800))).toEqual([400, 'requestCode']);
    expect(
      await statusOf(
        await issue(code, 800, { requesterId: '019a0000-0000-7000-8000-000000000000' }),
      ),
    ).toEqual([404, 'requesterId']);
    // Never signed in, so no device holds a key to check the code with.
    const chow = await s.login('supervisor.chow');
    expect(
      await statusOf(await issue(code, 800, { requesterId: s.user('frontline.tsang').id }, chow)),
    ).toEqual([409, 'requesterId']);
    // A manager may give one above the supervisor's authority.
    const lee = await s.login('manager.lee');
    expect((await issue(code, 2_500, {}, lee)).status).toBe(200);
  });

  it('[AP12] the key travels only to its own user’s devices', async () => {
    const chanId = s.user('frontline.chan').id;
    const marker = mutation('recovery.record', recoveryArgs());
    await expectApplied(s, chan, marker);
    const markerId = (marker.args as { id: string }).id;
    for (const username of ['supervisor.wong', 'manager.lee', 'auditor.ho']) {
      const changes = await pullUntil(s, await s.login(username), hasDoc('recovery', markerId));
      expect(hasDoc('recovery', markerId)(changes), username).toBe(true);
      const keys = changes.filter((c) => c.kind === 'approval_key').map((c) => c.id);
      expect(keys, username).not.toContain(chanId);
    }
    // A manager has no key of their own; a supervisor does.
    const leeKeys = (await pullUntil(s, await s.login('manager.lee'), () => true)).filter(
      (c) => c.kind === 'approval_key',
    );
    expect(leeKeys).toEqual([]);
    const signIns = await s.store.readAudit({ limit: 100, action: 'key_issued' });
    expect(signIns.map((e) => e.entityId).sort()).toEqual(
      [chanId, s.user('supervisor.wong').id].sort(),
    );
  });
});
