import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  uuidv7,
  PROTOCOL_VERSION,
  type Incident,
  type MutationResult,
  type WireMutation,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { FEED_START, SEES_EVERYTHING } from '../support/store-fixtures.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';

// Push: order, at-most-once, idempotency keys, one bad mutation alone, protocol version
// (docs/sync.md SY2–SY6, SY17). Effects are read from the store, which no feed rule holds back.

const argsId = (m: WireMutation) => (m.args as { id: string }).id;
const statuses = (results: readonly MutationResult[]) => results.map((r) => r.status);

describe.each(databaseTargets())('push on $name', ({ name }) => {
  let s: TestServer;
  let chan: string;
  beforeEach(async () => {
    s = await createTestServer(name);
    chan = await s.login('frontline.chan');
  });
  afterEach(async () => {
    await s.close();
  });

  const incident = async (id: string) =>
    (await s.store.getDocs('incident', [id])).get(id)?.data as Incident | undefined;
  /** Audit entries of the records themselves: every push also appends a `sync_batch` entry. */
  const recordAudit = async () =>
    (await s.store.readAudit({ limit: 10_000 })).filter((e) => e.action !== 'sync_batch');
  const syncBatches = async (deviceId: string) =>
    (await s.store.readAudit({ limit: 10_000, action: 'sync_batch' })).filter(
      (e) => e.deviceId === deviceId,
    );
  /** Everything a push may have changed, apart from the trail's `sync_batch` entries. */
  const snapshot = async () => ({
    incidents: await s.store.listDocs('incident'),
    recoveries: await s.store.listDocs('recovery'),
    ledger: await s.store.ledgerSince(s.user('frontline.chan').id, 0),
    audit: await recordAudit(),
  });

  it('[SY2] a batch applies in order: a later mutation sees an earlier one', async () => {
    const inc = incidentArgs();
    const res = await s.push(chan, [
      mutation('incident.record', inc),
      mutation('incident.setStatus', { incidentId: inc.id, status: 'in_recovery' }),
      mutation('incident.setStatus', { incidentId: inc.id, status: 'resolved' }),
      mutation('recovery.record', recoveryArgs({ incidentId: inc.id })),
    ]);
    expect(statuses(res.results)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect((await incident(inc.id))?.status).toBe('resolved');
    expect(await s.store.listDocs('incident')).toHaveLength(1);

    // The same mutations the other way round: the status change finds no incident yet.
    const later = incidentArgs();
    const reversed = await s.push(chan, [
      mutation('incident.setStatus', { incidentId: later.id, status: 'in_recovery' }),
      mutation('incident.record', later),
    ]);
    expect(reversed.results[0]).toMatchObject({
      status: 'rejected',
      code: 'not_found',
      field: 'args.incidentId',
    });
    expect(reversed.results[1]?.status).toBe('applied');
    expect((await incident(later.id))?.status).toBe('open');
  });

  it('[SY4] a resent batch applies nothing twice and answers the original outcomes', async () => {
    const batch = [
      mutation('incident.record', incidentArgs()),
      mutation('recovery.record', recoveryArgs()),
    ];
    expect(statuses((await s.push(chan, batch)).results)).toEqual(['applied', 'applied']);
    const before = await snapshot();

    const again = await s.push(chan, batch);
    expect(again.results).toEqual(
      batch.map((m) => ({ id: m.id, status: 'duplicate', original: { status: 'applied' } })),
    );
    expect(await snapshot()).toEqual(before);
    expect(before.incidents).toHaveLength(1);
    expect(before.recoveries).toHaveLength(1);
    expect(before.ledger).toHaveLength(1);
    expect(before.audit.filter((e) => e.action === 'create')).toHaveLength(2);
    expect((await s.store.getMutations(batch.map((m) => m.id))).size).toBe(2);
    expect(await syncBatches('device-frontline-chan')).toHaveLength(2);
  });

  it('[SY4] a resent rejection answers the original rejection, even once its cause is gone', async () => {
    const inc = incidentArgs();
    const early = mutation('incident.setStatus', { incidentId: inc.id, status: 'in_recovery' });
    const [rejected] = (await s.push(chan, [early])).results;
    expect(rejected).toEqual({
      id: early.id,
      status: 'rejected',
      code: 'not_found',
      message: expect.any(String),
      field: 'args.incidentId',
    });
    expect(statuses((await s.push(chan, [mutation('incident.record', inc)])).results)).toEqual([
      'applied',
    ]);

    // The incident exists now, but a rejection is final for that id (SY7): a fix is a new mutation.
    const {
      id: _id,
      status: _status,
      ...original
    } = rejected as Extract<MutationResult, { status: 'rejected' }>;
    const [resent] = (await s.push(chan, [early])).results;
    expect(resent).toEqual({
      id: early.id,
      status: 'duplicate',
      original: { status: 'rejected', ...original },
    });
    expect((await incident(inc.id))?.status).toBe('open');
  });

  it('[SY4] two concurrent pushes of one batch apply each mutation exactly once', async () => {
    const inc = incidentArgs();
    const batch = [
      mutation('incident.record', inc),
      mutation('incident.setStatus', { incidentId: inc.id, status: 'in_recovery' }),
      mutation('recovery.record', recoveryArgs({ incidentId: inc.id })),
      mutation(
        'incident.record',
        incidentArgs({ scope: { product: 'mobile', segment: 'consumer', region: 'hk_island' } }),
      ),
    ];
    const [a, b] = await Promise.all([s.push(chan, batch), s.push(chan, batch)]);

    batch.forEach((m, i) => {
      const pair = [a.results[i], b.results[i]] as [MutationResult, MutationResult];
      const [first, dup] = pair[0].status === 'duplicate' ? [pair[1], pair[0]] : pair;
      expect(dup.status, `mutation ${i}`).toBe('duplicate');
      const { id: _id, ...outcome } = first;
      expect(dup).toEqual({ id: m.id, status: 'duplicate', original: outcome });
    });
    const winner = a.results[0]?.status === 'applied' ? a : b;
    expect(statuses(winner.results)).toEqual(['applied', 'applied', 'applied', 'rejected']);

    const after = await snapshot();
    expect(after.incidents.map((d) => d.id)).toEqual([inc.id]);
    expect((after.incidents[0]?.data as Incident).status).toBe('in_recovery');
    expect(after.recoveries).toHaveLength(1);
    expect(after.ledger).toHaveLength(1);
    expect(
      after.audit
        .filter((e) => e.entityId === inc.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['create', 'update']);
    expect(after.audit.filter((e) => e.action === 'create')).toHaveLength(2);
    expect((await s.store.getMutations(batch.map((m) => m.id))).size).toBe(4);
    expect(await syncBatches('device-frontline-chan')).toHaveLength(2);
  });

  it('[SY5] the same id with other args or another name is an idempotency conflict and changes nothing', async () => {
    const inc = incidentArgs();
    const original = mutation('incident.record', inc);
    await s.push(chan, [original]);
    const before = await snapshot();
    const stored = await s.store.getMutations([original.id]);

    const otherArgs = { ...original, args: { ...inc, description: 'Rewritten after the fact.' } };
    const otherName = { ...original, name: 'competitorAction.record' };
    const res = await s.push(chan, [otherArgs, otherName]);
    for (const r of res.results) {
      expect(r).toEqual({
        id: original.id,
        status: 'rejected',
        code: 'idempotency_conflict',
        message: expect.any(String),
        field: 'id',
      });
    }
    expect(await snapshot()).toEqual(before);
    expect((await incident(inc.id))?.description).toBe(inc.description);
    expect(await s.store.getMutations([original.id])).toEqual(stored);
    // The original is still answered as it was.
    expect((await s.push(chan, [original])).results[0]).toMatchObject({
      status: 'duplicate',
      original: { status: 'applied' },
    });
  });

  it('[SY5] the same id from another user is an idempotency conflict and changes nothing', async () => {
    const wong = await s.login('supervisor.wong');
    const original = mutation('incident.record', incidentArgs());
    await s.push(chan, [original]);
    const before = await snapshot();
    const stored = await s.store.getMutations([original.id]);

    const [res] = (await s.push(wong, [original])).results;
    expect(res).toMatchObject({ status: 'rejected', code: 'idempotency_conflict', field: 'id' });
    expect(await snapshot()).toEqual(before);
    expect(await s.store.getMutations([original.id])).toEqual(stored);
    expect(stored.get(original.id)?.userId).toBe(s.user('frontline.chan').id);
  });

  it('[SY6] bad mutations are rejected alone, with the field at fault; the rest apply', async () => {
    const good = mutation('incident.record', incidentArgs());
    const floatAmount = mutation(
      'recovery.record',
      recoveryArgs({ amount: { amount: 250.5, currency: 'HKD' } }),
    );
    const unknownName = mutation('incident.delete', { id: argsId(good) });
    const hkid = mutation('incident.record', incidentArgs({ customerRef: 'A1234567' }));
    const atlantis = mutation(
      'incident.record',
      incidentArgs({ scope: { product: 'mobile', segment: 'consumer', region: 'atlantis' } }),
    );
    const alsoGood = mutation('recovery.record', recoveryArgs());
    const batch = [good, floatAmount, unknownName, hkid, atlantis, alsoGood];

    const res = await s.push(chan, batch);
    const summary = res.results.map((r) =>
      r.status === 'rejected' ? [r.id, r.code, r.field] : [r.id, r.status],
    );
    expect(summary).toEqual([
      [good.id, 'applied'],
      [floatAmount.id, 'validation', 'args.amount.amount'],
      [unknownName.id, 'validation', 'name'],
      [hkid.id, 'validation', 'args.customerRef'],
      [atlantis.id, 'validation', 'args.scope.region'],
      [alsoGood.id, 'applied'],
    ]);
    expect((await s.store.listDocs('incident')).map((d) => d.id)).toEqual([argsId(good)]);
    expect((await s.store.listDocs('recovery')).map((d) => d.id)).toEqual([argsId(alsoGood)]);

    // Rejections are stored like outcomes: the queue moves on, and a resend gets the same answer.
    const stored = await s.store.getMutations(batch.map((m) => m.id));
    expect(stored.size).toBe(6);
    expect(stored.get(hkid.id)?.outcome).toMatchObject({
      status: 'rejected',
      code: 'validation',
      field: 'args.customerRef',
    });
    const [resent] = (await s.push(chan, [atlantis])).results;
    expect(resent).toMatchObject({
      status: 'duplicate',
      original: { status: 'rejected', field: 'args.scope.region' },
    });
  });

  it('[SY21] text is stored exactly as sent; a name a text column cannot hold is replaced in the record', async () => {
    const cutEmoji = '🚀'.slice(0, 1); // the first half of a surrogate pair, as a cut by length leaves
    const text = `Waited ${cutEmoji} 👩🏽‍🔧 \u0000 \u0001 and a literal \\u0000`;
    const odd = mutation('incident.record', incidentArgs({ description: text }));
    const badName = mutation(`incident.\u0000${cutEmoji}`, { id: uuidv7() });

    const res = await s.push(chan, [odd, badName]);
    expect(
      res.results.map((r) => (r.status === 'rejected' ? [r.code, r.field] : r.status)),
    ).toEqual(['applied', ['validation', 'name']]);
    expect((await incident(argsId(odd)))?.description).toBe(text);
    const pulled = await s.store.pullDocs(FEED_START, SEES_EVERYTHING, 1_000);
    expect((pulled.find((d) => d.id === argsId(odd))?.data as Incident).description).toBe(text);
    const stored = await s.store.getMutations([odd.id, badName.id]);
    expect(stored.get(badName.id)?.name).toBe('incident.\ufffd\ufffd');
    // The record was written: a resend gets the stored answers.
    const resent = (await s.push(chan, [odd, badName])).results;
    expect(resent.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('[SY17] a push with another protocol version is refused and applies nothing', async () => {
    const batch = [
      mutation('incident.record', incidentArgs()),
      mutation('recovery.record', recoveryArgs()),
    ];
    const auditBefore = await s.store.readAudit({ limit: 10_000 });
    for (const protocolVersion of [PROTOCOL_VERSION + 1, PROTOCOL_VERSION - 1]) {
      const res = await s.request('/api/sync/push', {
        method: 'POST',
        token: chan,
        json: { protocolVersion, mutations: batch },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          code: 'unsupported_protocol',
          message: expect.any(String),
          field: 'protocolVersion',
        },
      });
    }
    expect((await s.store.getMutations(batch.map((m) => m.id))).size).toBe(0);
    expect(await s.store.listDocs('incident')).toEqual([]);
    expect(await s.store.listDocs('recovery')).toEqual([]);
    expect(await s.store.readAudit({ limit: 10_000 })).toEqual(auditBefore);
    // The same outbox, once the app speaks the server's version, applies.
    expect(statuses((await s.push(chan, batch)).results)).toEqual(['applied', 'applied']);
  });

  it('[SY15] an applied mutation is audited with who, which device, device time and server time', async () => {
    const deviceTime = TEST_NOW - 86_400_000;
    const m = mutation('incident.record', incidentArgs(), deviceTime);
    const bad = mutation(
      'recovery.record',
      recoveryArgs({ amount: { amount: -1, currency: 'HKD' } }),
    );
    s.clock.advance(5_000);
    await s.push(chan, [m, bad]);
    const [created, ...others] = await s.store.readAudit({ limit: 10, entityId: argsId(m) });
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      action: 'create',
      actorId: s.user('frontline.chan').id,
      deviceId: 'device-frontline-chan',
      deviceAt: new Date(deviceTime).toISOString(),
      at: new Date(TEST_NOW + 5_000).toISOString(),
      entityKind: 'incident',
    });
    const [batch] = await syncBatches('device-frontline-chan');
    expect(batch?.detail).toMatchObject({ mutations: 2, applied: 1, rejected: 1, duplicate: 0 });
    expect((await recordAudit()).filter((e) => e.entityId === argsId(bad))).toEqual([]);
  });
});
