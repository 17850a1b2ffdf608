import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest, LimitRule, Recovery, WireMutation } from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';
import {
  addSecondSupervisor,
  argsId,
  askFor,
  auditOf,
  decide,
  exceptionsOf,
  expectApplied,
  hasDoc,
  HKD,
  pullUntil,
  pushOne,
  recoveryOf,
  requestOf,
  withdraw,
} from './helpers.ts';

// The approval request lifecycle on the server (docs/approvals.md AP1–AP9).

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(databaseTargets())('approval lifecycle on $name', ({ name }) => {
  let s: TestServer;
  let chan: string;
  let wong: string;
  beforeEach(async () => {
    s = await createTestServer(name);
    chan = await s.login('frontline.chan');
    wong = await s.login('supervisor.wong');
  });
  afterEach(async () => {
    await s.close();
  });

  it('[AP3] an over-limit recovery becomes a pending request for the team supervisor, with what they need to decide', async () => {
    const asked = askFor(400);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    const recovery = await recoveryOf(s, id);
    expect(recovery).toMatchObject({ status: 'awaiting_approval', approvalRequestId: id });
    const chanUser = s.user('frontline.chan');
    const perCase = s.org.limitSet.rules.find(
      (r) => r.role === 'frontline' && r.compensationType === 'bill_credit',
    ) as LimitRule;
    expect(await requestOf(s, id)).toEqual({
      id,
      recoveryId: id,
      requesterId: chanUser.id,
      teamId: chanUser.teamId,
      orgId: null,
      amount: HKD(400),
      state: 'pending',
      assignedRole: 'supervisor',
      createdAt: iso(TEST_NOW),
      slaDueAt: iso(TEST_NOW + 15 * MINUTE),
      expiresAt: iso(TEST_NOW + 24 * 60 * MINUTE),
      decidedBy: null,
      decidedAt: null,
      reason: null,
      compensationType: 'bill_credit',
      scope: recovery.scope,
      customerRef: recovery.customerRef,
      incidentId: null,
      exceeded: [
        {
          code: 'over_per_case',
          ruleId: perCase.id,
          period: null,
          limit: 30_000,
          used: null,
          excess: 10_000,
        },
      ],
      periodUse: { ruleId: perCase.id, period: 'month', used: 0, limit: 300_000 },
      tacticIds: expect.any(Array),
      escalatedAt: null,
      escalationReason: null,
      decidedVia: null,
      updatedAt: iso(TEST_NOW),
    } satisfies ApprovalRequest);
    expect((await requestOf(s, id)).tacticIds.length).toBeGreaterThan(0);
    // Not given, so not counted (SY14) until approved.
    expect((await s.store.ledgerSince(chanUser.id, 0)).map((e) => e.counts)).toEqual([false]);
    expect((await auditOf(s, id)).map((e) => [e.action, e.entityKind, e.actorId])).toEqual([
      ['create', 'recovery', chanUser.id],
      ['create', 'approval_request', chanUser.id],
    ]);

    // Travels to the requester, their supervisor and management; not to another team's supervisor.
    for (const username of ['frontline.chan', 'supervisor.wong', 'manager.lee']) {
      const changes = await pullUntil(s, await s.login(username), hasDoc('approval_request', id));
      expect(hasDoc('approval_request', id)(changes), username).toBe(true);
    }
    const lam = await s.login('frontline.lam');
    const lams = askFor(400, {
      scope: { product: 'mobile', segment: 'consumer', region: 'hk_island' },
    });
    await expectApplied(s, lam, lams);
    const chow = await s.login('supervisor.chow');
    const chowSees = await pullUntil(s, chow, hasDoc('approval_request', argsId(lams)));
    expect(hasDoc('approval_request', argsId(lams))(chowSees)).toBe(true);
    expect(hasDoc('approval_request', id)(chowSees)).toBe(false);
  });

  it('[AP3] the SLA depends on the amount band; a request above the supervisor’s authority waits on a manager from the start', async () => {
    const small = askFor(500);
    const middle = askFor(2_000);
    const large = askFor(2_000.01);
    await expectApplied(s, chan, small, middle, large);
    expect(await requestOf(s, argsId(small))).toMatchObject({
      state: 'pending',
      slaDueAt: iso(TEST_NOW + 15 * MINUTE),
    });
    expect(await requestOf(s, argsId(middle))).toMatchObject({
      state: 'pending',
      assignedRole: 'supervisor',
      slaDueAt: iso(TEST_NOW + 60 * MINUTE),
    });
    expect(await requestOf(s, argsId(large))).toMatchObject({
      state: 'escalated',
      assignedRole: 'manager',
      escalationReason: 'above_supervisor_authority',
      escalatedAt: iso(TEST_NOW),
    });
    const audited = await auditOf(s, argsId(large));
    expect(audited.map((e) => [e.action, e.actorId, e.detail.escalationReason])).toContainEqual([
      'escalate',
      null,
      'above_supervisor_authority',
    ]);

    // The team supervisor cannot take it; a manager can, expecting it escalated.
    expect(await pushOne(s, wong, decide(argsId(large), 'approve', 'escalated'))).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      field: 'args.requestId',
    });
    const lee = await s.login('manager.lee');
    await expectApplied(s, lee, decide(argsId(large), 'approve', 'escalated'));
    expect(await requestOf(s, argsId(large))).toMatchObject({
      state: 'approved',
      decidedBy: s.user('manager.lee').id,
      decidedVia: 'sync',
    });
  });

  it('[AP3] a supervisor’s own request goes to a manager', async () => {
    const own = askFor(1_600, { compensationType: 'refund' });
    await expectApplied(s, wong, own);
    expect(await requestOf(s, argsId(own))).toMatchObject({
      state: 'escalated',
      assignedRole: 'manager',
      escalationReason: 'no_team_supervisor',
    });
    const kwok = await addSecondSupervisor(s);
    expect(await pushOne(s, kwok.token, decide(argsId(own), 'approve', 'escalated'))).toMatchObject(
      { status: 'rejected', code: 'forbidden' },
    );
  });

  it('[AP5] an approval makes the recovery approved and counted; only then the requester marks it given', async () => {
    const asked = askFor(2_000);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    const markGiven = () => mutation('recovery.markGiven', { recoveryId: id });
    expect(await pushOne(s, chan, markGiven())).toMatchObject({
      status: 'rejected',
      code: 'invalid_transition',
      field: 'args.recoveryId',
      message: expect.stringContaining('awaiting_approval'),
    });

    await expectApplied(s, wong, decide(id, 'approve', 'pending', 'Customer waited two hours'));
    expect(await requestOf(s, id)).toMatchObject({
      state: 'approved',
      decidedBy: s.user('supervisor.wong').id,
      decidedAt: iso(TEST_NOW),
      reason: 'Customer waited two hours',
      decidedVia: 'sync',
    });
    expect((await recoveryOf(s, id)).status).toBe('approved');
    const chanId = s.user('frontline.chan').id;
    expect((await s.store.ledgerSince(chanId, 0)).map((e) => e.counts)).toEqual([true]);

    // Approved compensation uses the period: HK$2,000 of the HK$3,000 a month is gone.
    const gifts = [300, 300, 300, 300].map((d) =>
      mutation('recovery.record', recoveryArgs({ amount: HKD(d) })),
    );
    await expectApplied(s, chan, ...gifts);
    const lastGiftId = argsId(gifts[3] as WireMutation);
    const lastGift = await recoveryOf(s, lastGiftId);
    expect(lastGift.serverDecision.reasons).toEqual(['over_period']);
    expect((await exceptionsOf(s)).map((e) => e.recoveryId)).toEqual([lastGiftId]);

    expect(await pushOne(s, wong, markGiven())).toMatchObject({ code: 'forbidden' });
    await expectApplied(s, chan, markGiven());
    expect((await recoveryOf(s, id)).status).toBe('given');
    expect(await pushOne(s, chan, markGiven())).toMatchObject({ code: 'invalid_transition' });
    expect((await auditOf(s, id)).map((e) => [e.action, e.entityKind])).toEqual([
      ['create', 'recovery'],
      ['create', 'approval_request'],
      ['approve', 'approval_request'],
      ['update', 'recovery'],
    ]);
  });

  it('[AP5] a rejection needs a reason, which the requester sees; the recovery is rejected', async () => {
    const asked = askFor(800);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    const noReason = mutation('approval.decide', {
      requestId: id,
      decision: 'reject',
      expectedState: 'pending',
    });
    expect(await pushOne(s, wong, noReason)).toMatchObject({
      status: 'rejected',
      code: 'validation',
      field: 'args.reason',
    });
    await expectApplied(s, wong, decide(id, 'reject', 'pending', 'Offer a voucher instead'));
    const changes = await pullUntil(s, chan, (c) =>
      c.some(
        (x) => x.id === id && x.kind === 'recovery' && (x.data as Recovery).status === 'rejected',
      ),
    );
    const pulled = changes.find((c) => c.kind === 'approval_request' && c.id === id);
    expect(pulled?.data).toMatchObject({ state: 'rejected', reason: 'Offer a voucher instead' });
    expect(
      await pushOne(s, chan, mutation('recovery.markGiven', { recoveryId: id })),
    ).toMatchObject({ code: 'invalid_transition' });
  });

  it('[AP2] the first decision wins: a later one is refused with the current state, and a resend gets the same answer', async () => {
    const kwok = await addSecondSupervisor(s);
    const asked = askFor(700);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    await expectApplied(s, wong, decide(id, 'approve'));
    const late = decide(id, 'reject', 'pending', 'Too much');
    const refused = await pushOne(s, kwok.token, late);
    expect(refused).toMatchObject({
      status: 'rejected',
      code: 'conflict',
      field: 'args.expectedState',
      message: expect.stringContaining('approved'),
    });
    expect(await pushOne(s, kwok.token, late)).toEqual({
      id: late.id,
      status: 'duplicate',
      original: {
        status: 'rejected',
        code: 'conflict',
        field: 'args.expectedState',
        message: (refused as { message: string }).message,
      },
    });
    expect((await requestOf(s, id)).state).toBe('approved');
    // Both attempts are in the trail: the decision, and the refused one.
    const attempts = (await auditOf(s, id)).filter((e) => e.entityKind === 'approval_request');
    expect(attempts.map((e) => [e.action, e.detail.outcome, e.actorId])).toEqual([
      ['create', undefined, s.user('frontline.chan').id],
      ['approve', 'applied', s.user('supervisor.wong').id],
      ['reject', 'refused', kwok.user.id],
    ]);
  });

  it('[AP2] a decision on a request that moved on is refused naming its state', async () => {
    const large = askFor(3_000);
    await expectApplied(s, chan, large);
    const lee = await s.login('manager.lee');
    expect(await pushOne(s, lee, decide(argsId(large), 'approve', 'pending'))).toMatchObject({
      code: 'conflict',
      message: 'This request is now escalated, not pending',
      field: 'args.expectedState',
    });
  });

  it('[AP7] the requester withdraws; a decision after that is refused', async () => {
    const asked = askFor(900);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    expect(await pushOne(s, wong, withdraw(id))).toMatchObject({ code: 'forbidden' });
    await expectApplied(s, chan, withdraw(id));
    expect(await requestOf(s, id)).toMatchObject({
      state: 'withdrawn',
      decidedBy: s.user('frontline.chan').id,
    });
    expect((await recoveryOf(s, id)).status).toBe('withdrawn');
    expect(await pushOne(s, wong, decide(id, 'approve'))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('withdrawn'),
    });
    expect(await pushOne(s, chan, withdraw(id))).toMatchObject({ code: 'conflict' });
  });

  it('[AP9] a limit exception is acknowledged with a comment by the team’s supervisor or a manager, once', async () => {
    const over = mutation('recovery.record', recoveryArgs({ amount: HKD(400) }));
    await expectApplied(s, chan, over);
    const [exception] = await exceptionsOf(s);
    const exceptionId = exception?.id as string;
    const ack = (comment: string) =>
      mutation('limitException.acknowledge', { exceptionId, comment });
    const chow = await s.login('supervisor.chow');
    expect(await pushOne(s, chow, ack('Seen'))).toMatchObject({ code: 'forbidden' });
    expect(await pushOne(s, chan, ack('Seen'))).toMatchObject({ code: 'forbidden' });
    expect(await pushOne(s, wong, ack('   '))).toMatchObject({
      code: 'validation',
      field: 'args.comment',
    });
    await expectApplied(s, wong, ack('Briefed Chan on the per-case limit'));
    expect((await exceptionsOf(s))[0]?.acknowledgement).toEqual({
      by: s.user('supervisor.wong').id,
      at: iso(TEST_NOW),
      comment: 'Briefed Chan on the per-case limit',
    });
    const lee = await s.login('manager.lee');
    expect(await pushOne(s, lee, ack('Again'))).toMatchObject({ code: 'conflict' });
    const audited = await auditOf(s, exceptionId);
    expect(audited.map((e) => [e.action, e.entityKind, e.actorId])).toEqual([
      ['update', 'limit_exception', s.user('supervisor.wong').id],
    ]);
  });

  it('[AP8] an auditor changes nothing', async () => {
    const asked = askFor(600);
    await expectApplied(s, chan, asked);
    const ho = await s.login('auditor.ho');
    const { results } = await s.push(ho, [
      decide(argsId(asked), 'approve'),
      withdraw(argsId(asked)),
      mutation('recovery.markGiven', { recoveryId: argsId(asked) }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
    ]);
    expect((await requestOf(s, argsId(asked))).state).toBe('pending');
  });
});
