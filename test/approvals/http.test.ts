import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvalConflictBodySchema,
  approvalDecisionResponseSchema,
  approvalInboxResponseSchema,
  uuidv7,
  type ApprovalInboxResponse,
  type ErrorBody,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';
import {
  addSecondSupervisor,
  argsId,
  askFor,
  auditOf,
  exceptionsOf,
  expectApplied,
  HKD,
  requestOf,
} from './helpers.ts';

// The online supervisor's API (docs/approvals.md AP6): the inbox, and decisions over HTTP that
// run as the same mutations devices push.

const MINUTE = 60_000;
const HK_ISLAND = { product: 'mobile', segment: 'consumer', region: 'hk_island' };

describe.each(databaseTargets())('approvals over HTTP on $name', ({ name }) => {
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

  async function inbox(token: string): Promise<ApprovalInboxResponse> {
    const res = await s.request('/api/approvals/inbox', { token });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(approvalInboxResponseSchema.safeParse(body).success).toBe(true);
    return body as ApprovalInboxResponse;
  }

  const decideOverHttp = (
    id: string,
    token: string,
    body: Record<string, unknown>,
    key: string | undefined = uuidv7(),
  ) =>
    s.request(`/api/approvals/${id}/decide`, {
      method: 'POST',
      token,
      json: body,
      ...(key !== undefined ? { headers: { 'Idempotency-Key': key } } : {}),
    });

  it('[AP4] the inbox holds what the caller may decide, oldest first, with everything needed to decide it', async () => {
    const incident = mutation('incident.record', incidentArgs());
    const first = askFor(400, { incidentId: argsId(incident) });
    await expectApplied(s, chan, incident, first);
    s.clock.advance(5 * MINUTE);
    const given = mutation('recovery.record', recoveryArgs({ amount: HKD(350) }));
    const second = askFor(700);
    const forManager = askFor(2_500);
    await expectApplied(s, chan, given, second, forManager);
    const lam = await s.login('frontline.lam');
    const lams = askFor(600, { scope: HK_ISLAND });
    await expectApplied(s, lam, lams);
    s.clock.advance(20 * MINUTE);

    const wongs = await inbox(wong);
    expect(wongs.approvals.map((a) => a.request.id)).toEqual([argsId(first), argsId(second)]);
    const [oldest, newer] = wongs.approvals;
    expect(oldest).toMatchObject({
      requester: {
        id: s.user('frontline.chan').id,
        username: 'frontline.chan',
        displayName: s.user('frontline.chan').displayName,
      },
      recovery: { id: argsId(first), customerRef: 'ACC-00012345', status: 'awaiting_approval' },
      incident: { id: argsId(incident), category: 'missed_appointment' },
      request: {
        amount: HKD(400),
        customerRef: 'ACC-00012345',
        exceeded: [{ code: 'over_per_case', limit: 30_000, excess: 10_000 }],
        tacticIds: expect.arrayContaining([expect.any(String)]),
      },
      // Chan's use of the month's bill-credit limit now, the HK$350 given since included.
      periodUse: { period: 'month', used: 35_000, limit: 300_000 },
      waitingMs: 25 * MINUTE,
      isPastSla: true,
    });
    expect(newer).toMatchObject({ incident: null, waitingMs: 20 * MINUTE, isPastSla: false });
    expect(wongs.exceptions.map((e) => [e.exception.recoveryId, e.requester.username])).toEqual([
      [argsId(given), 'frontline.chan'],
    ]);

    const lees = await inbox(await s.login('manager.lee'));
    expect(lees.approvals.map((a) => a.request.id)).toEqual([
      argsId(first),
      argsId(second),
      argsId(forManager),
      argsId(lams),
    ]);
    const chows = await inbox(await s.login('supervisor.chow'));
    expect(chows.approvals.map((a) => a.request.id)).toEqual([argsId(lams)]);
    expect(chows.exceptions).toEqual([]);

    for (const username of ['frontline.chan', 'outsourcer.cheung', 'auditor.ho']) {
      const res = await s.request('/api/approvals/inbox', { token: await s.login(username) });
      expect(res.status, username).toBe(403);
    }

    // Decided and acknowledged items leave it.
    expect(
      (await decideOverHttp(argsId(first), wong, { decision: 'approve', expectedState: 'pending' }))
        .status,
    ).toBe(200);
    const exceptionId = (await exceptionsOf(s))[0]?.id;
    await expectApplied(
      s,
      wong,
      mutation('limitException.acknowledge', { exceptionId, comment: 'Talked to Chan' }),
    );
    const after = await inbox(wong);
    expect(after.approvals.map((a) => a.request.id)).toEqual([argsId(second)]);
    expect(after.exceptions).toEqual([]);
  });

  it('[AP6] a decision over HTTP is applied once per Idempotency-Key; a lost race is a 409 with the current state', async () => {
    const asked = askFor(900);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    const key = uuidv7();
    const approve = { decision: 'approve', expectedState: 'pending', reason: 'Fair' };
    const first = await decideOverHttp(id, wong, approve, key);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(approvalDecisionResponseSchema.parse(body)).toMatchObject({
      duplicate: false,
      request: {
        id,
        state: 'approved',
        decidedBy: s.user('supervisor.wong').id,
        decidedVia: 'http',
      },
    });
    // A retry (lost response) answers the same, and does nothing again.
    const again = await decideOverHttp(id, wong, approve, key);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, request: { state: 'approved' } });
    const sameKeyOtherBody = await decideOverHttp(id, wong, { ...approve, reason: 'x' }, key);
    expect(sameKeyOtherBody.status).toBe(409);
    expect(((await sameKeyOtherBody.json()) as ErrorBody).error).toMatchObject({
      code: 'idempotency_conflict',
      field: 'Idempotency-Key',
    });

    const kwok = await addSecondSupervisor(s);
    const late = await decideOverHttp(id, kwok.token, {
      decision: 'reject',
      expectedState: 'pending',
      reason: 'Too much',
    });
    expect(late.status).toBe(409);
    const conflict = approvalConflictBodySchema.parse(await late.json());
    expect(conflict).toMatchObject({
      error: { code: 'conflict', field: 'expectedState' },
      currentState: 'approved',
      request: { id, state: 'approved', decidedBy: s.user('supervisor.wong').id },
    });
    expect(conflict.error.message).toContain('approved');

    const decisions = (await auditOf(s, id)).filter((e) => e.entityKind === 'approval_request');
    expect(decisions.map((e) => [e.action, e.detail.outcome, e.detail.via])).toEqual([
      ['create', undefined, undefined],
      ['approve', 'applied', 'http'],
      ['reject', 'refused', 'http'],
    ]);
    const batches = await s.store.readAudit({
      limit: 100,
      action: 'sync_batch',
      actorId: s.user('supervisor.wong').id,
    });
    // One per call (the retry and the refused one included), each marked as coming over HTTP.
    expect(batches.map((e) => e.detail.via)).toEqual(['http', 'http', 'http']);
  });

  it('[AP6] the decide and withdraw endpoints refuse what a device would be refused, naming the field', async () => {
    const asked = askFor(900);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    const codeAndField = async (res: Response) => {
      const { error } = (await res.json()) as ErrorBody;
      return [res.status, error.code, error.field];
    };
    expect(
      await codeAndField(
        await decideOverHttp(id, wong, { decision: 'reject', expectedState: 'pending' }),
      ),
    ).toEqual([400, 'validation', 'reason']);
    expect(
      await codeAndField(
        await decideOverHttp(id, wong, { decision: 'approve', expectedState: 'approved' }),
      ),
    ).toEqual([400, 'validation', 'expectedState']);
    expect(
      await codeAndField(
        await decideOverHttp(
          id,
          wong,
          { decision: 'approve', expectedState: 'pending' },
          'not-a-uuid',
        ),
      ),
    ).toEqual([400, 'validation', 'Idempotency-Key']);
    expect(
      await codeAndField(
        await decideOverHttp(uuidv7(), wong, { decision: 'approve', expectedState: 'pending' }),
      ),
    ).toEqual([404, 'not_found', 'id']);
    expect(
      await codeAndField(
        await decideOverHttp('nope', wong, { decision: 'approve', expectedState: 'pending' }),
      ),
    ).toEqual([404, 'not_found', 'id']);
    expect(
      await codeAndField(
        await decideOverHttp(id, chan, { decision: 'approve', expectedState: 'pending' }),
      ),
    ).toEqual([403, 'forbidden', 'id']);
    const ho = await s.login('auditor.ho');
    expect(
      (await decideOverHttp(id, ho, { decision: 'approve', expectedState: 'pending' })).status,
    ).toBe(403);
    const unauthenticated = await s.request(`/api/approvals/${id}/decide`, {
      method: 'POST',
      json: { decision: 'approve', expectedState: 'pending' },
    });
    expect(unauthenticated.status).toBe(401);

    const withdrawOverHttp = (token: string) =>
      s.request(`/api/approvals/${id}/withdraw`, {
        method: 'POST',
        token,
        json: { expectedState: 'pending' },
        headers: { 'Idempotency-Key': uuidv7() },
      });
    expect(await codeAndField(await withdrawOverHttp(wong))).toEqual([403, 'forbidden', 'id']);
    const withdrawn = await withdrawOverHttp(chan);
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ request: { state: 'withdrawn' } });
    expect((await requestOf(s, id)).decidedVia).toBe('http');
    const tooLate = await decideOverHttp(id, wong, {
      decision: 'approve',
      expectedState: 'pending',
    });
    expect(tooLate.status).toBe(409);
    expect(await tooLate.json()).toMatchObject({ currentState: 'withdrawn' });
  });
});
