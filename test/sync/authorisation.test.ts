import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  uuidv7,
  type ErrorBody,
  type ExecutionTask,
  type Incident,
  type MutationResult,
  type WireMutation,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';

// Every mutation is authorised (docs/sync.md SY13), and a signed-out device can neither push nor
// pull (SY16).

const argsId = (m: WireMutation) => (m.args as { id: string }).id;
const HK_ISLAND = { product: 'mobile', segment: 'consumer', region: 'hk_island' };
const KOWLOON_EAST = { product: 'mobile', segment: 'consumer', region: 'kowloon_east' };

/** The one result of a push of one mutation. */
async function pushOne(s: TestServer, token: string, m: WireMutation): Promise<MutationResult> {
  const [result] = (await s.push(token, [m])).results;
  return result as MutationResult;
}

describe.each(databaseTargets())('authorisation on $name', ({ name }) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer(name);
  });
  afterEach(async () => {
    await s.close();
  });

  const incident = async (id: string) => (await s.store.getDocs('incident', [id])).get(id);

  it('[SY13] records are created as the signed-in user, whatever the args claim', async () => {
    const chan = await s.login('frontline.chan');
    const lam = s.user('frontline.lam');
    const claim = { ...incidentArgs(), recordedBy: lam.id, teamId: lam.teamId, status: 'closed' };
    expect(await pushOne(s, chan, mutation('incident.record', claim))).toMatchObject({
      status: 'applied',
    });
    const stored = await incident(claim.id);
    expect(stored).toMatchObject({
      ownerId: s.user('frontline.chan').id,
      teamId: s.user('frontline.chan').teamId,
    });
    expect(stored?.data).toMatchObject({ recordedBy: s.user('frontline.chan').id, status: 'open' });
  });

  it('[SY13] an outsourcer records only for their own organisation', async () => {
    const cheung = await s.login('outsourcer.cheung');
    const [own, other] = s.org.outsourcingParties;
    expect(s.user('outsourcer.cheung').orgId).toBe(own?.id);
    const forOther = mutation(
      'incident.record',
      incidentArgs({ outsourcingPartyId: other?.id as string }),
    );
    expect(await pushOne(s, cheung, forOther)).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      field: 'args.outsourcingPartyId',
    });
    expect(await incident(argsId(forOther))).toBeUndefined();

    const forOwn = mutation(
      'incident.record',
      incidentArgs({ outsourcingPartyId: own?.id as string }),
    );
    expect(await pushOne(s, cheung, forOwn)).toMatchObject({ status: 'applied' });
    expect((await incident(argsId(forOwn)))?.orgId).toBe(own?.id);
  });

  it('[SY13] a user with regions records only in those regions', async () => {
    const chan = await s.login('frontline.chan');
    const outside = [
      mutation('incident.record', incidentArgs({ scope: HK_ISLAND })),
      mutation('recovery.record', recoveryArgs({ scope: HK_ISLAND })),
      mutation('competitorAction.record', {
        id: uuidv7(),
        competitor: 'Rival Mobile',
        actionType: 'price_cut',
        description: 'Half-price SIM plans at the Causeway Bay shop.',
        region: 'hk_island',
        products: ['mobile'],
        segments: ['consumer'],
        seenAt: new Date(TEST_NOW).toISOString(),
        predictedImpact: 'medium',
        customersAtRisk: null,
      }),
    ];
    const res = await s.push(chan, outside);
    expect(
      res.results.map((r) => (r.status === 'rejected' ? [r.code, r.field] : r.status)),
    ).toEqual([
      ['forbidden', 'args.scope.region'],
      ['forbidden', 'args.scope.region'],
      ['forbidden', 'args.region'],
    ]);
    expect(await s.store.listDocs('incident')).toEqual([]);
    expect(await s.store.listDocs('recovery')).toEqual([]);
    expect(await s.store.ledgerSince(s.user('frontline.chan').id, 0)).toEqual([]);

    expect(
      await pushOne(s, chan, mutation('incident.record', incidentArgs({ scope: KOWLOON_EAST }))),
    ).toMatchObject({
      status: 'applied',
    });
    // No regions means every region.
    expect(s.user('frontline.tsang').regions).toEqual([]);
    const tsang = await s.login('frontline.tsang');
    expect(
      await pushOne(s, tsang, mutation('incident.record', incidentArgs({ scope: HK_ISLAND }))),
    ).toMatchObject({
      status: 'applied',
    });
  });

  it('[SY13] an execution task is updated only by its owner or a manager', async () => {
    const tasks = s.org.plan.strategies.flatMap((st) => st.subStrategies.flatMap((ss) => ss.tasks));
    const wongs = tasks.find((t) => t.ownerId === s.user('supervisor.wong').id) as ExecutionTask;
    expect(wongs).toBeDefined();
    const update = () =>
      mutation('task.update', {
        id: uuidv7(),
        planVersionId: s.org.plan.id,
        taskId: wongs.id,
        status: 'in_progress',
        note: 'Two shops left to brief.',
        kpiActual: 80,
        updatedAt: new Date(TEST_NOW).toISOString(),
      });
    for (const username of ['frontline.chan', 'supervisor.chow', 'outsourcer.cheung']) {
      const m = update();
      expect(await pushOne(s, await s.login(username), m), username).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
        field: 'args.taskId',
      });
    }
    expect(await s.store.listDocs('task_update')).toEqual([]);
    for (const username of ['supervisor.wong', 'manager.yuen']) {
      expect(await pushOne(s, await s.login(username), update()), username).toMatchObject({
        status: 'applied',
      });
    }
    expect(await s.store.listDocs('task_update')).toHaveLength(2);
  });

  it('[SY13] incident status moves only forward, by its author, their supervisor or a manager', async () => {
    const chan = await s.login('frontline.chan');
    const args = incidentArgs();
    await s.push(chan, [mutation('incident.record', args)]);
    const move = (status: string) =>
      mutation('incident.setStatus', { incidentId: args.id, status });
    const status = async () => ((await incident(args.id))?.data as Incident).status;

    for (const username of ['frontline.lam', 'supervisor.chow', 'outsourcer.cheung']) {
      expect(
        await pushOne(s, await s.login(username), move('in_recovery')),
        username,
      ).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
        field: 'args.incidentId',
      });
    }
    expect(await status()).toBe('open');
    expect(await pushOne(s, await s.login('supervisor.wong'), move('in_recovery'))).toMatchObject({
      status: 'applied',
    });
    expect(await pushOne(s, chan, move('open'))).toMatchObject({
      status: 'rejected',
      code: 'invalid_transition',
      field: 'args.status',
    });
    expect(await pushOne(s, await s.login('manager.lee'), move('resolved'))).toMatchObject({
      status: 'applied',
    });
    expect(await pushOne(s, chan, move('closed'))).toMatchObject({ status: 'applied' });
    expect(await status()).toBe('closed');
  });

  it('[SY13] an auditor writes nothing: every mutation is rejected forbidden', async () => {
    const ho = await s.login('auditor.ho');
    const batch = [
      mutation('incident.record', incidentArgs()),
      mutation('recovery.record', recoveryArgs()),
      mutation('feedback.send', {
        id: uuidv7(),
        subject: { kind: 'general' },
        kind: 'concern',
        text: 'Audit sample looks thin.',
        sentAt: new Date(TEST_NOW).toISOString(),
      }),
      mutation('plan.acknowledge', {
        id: uuidv7(),
        planVersionId: s.org.plan.id,
        acknowledgedAt: new Date(TEST_NOW).toISOString(),
      }),
    ];
    const res = await s.push(ho, batch);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
    ]);
    for (const kind of ['incident', 'recovery', 'feedback', 'acknowledgement']) {
      expect(await s.store.listDocs(kind), kind).toEqual([]);
    }
    const written = await s.store.readAudit({ limit: 100, actorId: s.user('auditor.ho').id });
    expect(written.map((e) => e.action).sort()).toEqual(['sign_in', 'sync_batch']);
  });
});

describe.each(databaseTargets())('signed-out devices on $name', ({ name }) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer(name);
  });
  afterEach(async () => {
    await s.close();
  });

  async function expect401(res: Response, code: string): Promise<void> {
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  }
  const pushRaw = (token: string, m: WireMutation) =>
    s.request('/api/sync/push', {
      method: 'POST',
      token,
      json: { protocolVersion: 1, mutations: [m] },
    });
  const pullRaw = (token: string) => s.request('/api/sync/pull', { token });

  it('[SY16] a revoked device can neither push nor pull; the user’s other device still can', async () => {
    const lostPhone = await s.login('frontline.chan', 'chan-lost-phone');
    const tablet = await s.login('frontline.chan', 'chan-shop-tablet');
    const me = await s.request('/api/auth/me', { token: lostPhone });
    const { sessionId } = (await me.json()) as { sessionId: string };

    // Only a manager may revoke.
    const wong = await s.login('supervisor.wong');
    expect(
      (await s.request(`/api/sessions/${sessionId}/revoke`, { method: 'POST', token: wong }))
        .status,
    ).toBe(403);
    expect((await pullRaw(lostPhone)).status).toBe(200);

    const lee = await s.login('manager.lee');
    const revoked = await s.request(`/api/sessions/${sessionId}/revoke`, {
      method: 'POST',
      token: lee,
    });
    expect(revoked.status).toBe(200);

    const m = mutation('incident.record', incidentArgs());
    await expect401(await pushRaw(lostPhone, m), 'session_revoked');
    await expect401(await pullRaw(lostPhone), 'session_revoked');
    expect((await s.store.getMutations([m.id])).size).toBe(0);
    expect(await s.store.listDocs('incident')).toEqual([]);

    // The outbox kept on the phone is pushed from the tablet instead.
    expect((await s.push(tablet, [m])).results[0]?.status).toBe('applied');
    expect((await pullRaw(tablet)).status).toBe(200);
  });

  it('[SY16] an expired session can neither push nor pull; signing in again can', async () => {
    const token = await s.login('frontline.chan');
    const lifetime = s.services.config.sessionLifetimeMs;
    s.clock.advance(lifetime - 1_000);
    expect((await pullRaw(token)).status).toBe(200);

    s.clock.advance(1_000);
    const m = mutation('incident.record', incidentArgs());
    await expect401(await pushRaw(token, m), 'session_expired');
    await expect401(await pullRaw(token), 'session_expired');
    expect((await s.store.getMutations([m.id])).size).toBe(0);

    const again = await s.login('frontline.chan');
    expect((await s.push(again, [m])).results[0]?.status).toBe('applied');
  });
});
