import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../db/database.ts';
import { applyPushResults } from '../db/outbox.ts';
import type { MyRecord } from './my-records.ts';
import type { StoreError } from './store-error.ts';
import {
  collect,
  HOUR,
  incidentInput,
  LIMIT_SET,
  NOW,
  recoveryInput,
  signedInDb,
  storesOver,
  user,
} from './test-support.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as StoreError,
  );
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('recording on the device', () => {
  it('refuses invalid input before it reaches the outbox, naming the field as the server would', async () => {
    db = await signedInDb();
    const { stores, calls } = storesOver(db);
    const e = await refusal(
      stores.records.recordIncident(incidentInput({ customerRef: 'A123456(7)' })),
    );
    expect(e).toMatchObject({ code: 'validation', field: 'args.customerRef' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.local.count()).toBe(0);
    expect(calls.notifyLocalWrite).toBe(0);
  });

  it('an auditor records nothing; nobody records signed out', async () => {
    db = await signedInDb({ user: user({ role: 'auditor' }) });
    expect(
      await refusal(storesOver(db).stores.records.recordIncident(incidentInput())),
    ).toMatchObject({ code: 'forbidden' });
    await db.meta.delete('session');
    expect(
      await refusal(storesOver(db).stores.records.recordIncident(incidentInput())),
    ).toMatchObject({ code: 'signed_out' });
  });

  it('[SY1] shows the new record at once as saved on this device, with UUIDv7 ids, and asks the engine to sync', async () => {
    db = await signedInDb();
    const { stores, calls } = storesOver(db);
    const live = collect<MyRecord[]>(stores.records.mine);
    await until(() => live.values.length > 0);
    expect(live.values.at(-1)).toEqual([]);

    const { id } = await stores.records.recordIncident(incidentInput());
    await until(() => (live.values.at(-1)?.length ?? 0) > 0);
    live.unsubscribe();

    expect(live.values.at(-1)).toMatchObject([
      { id, name: 'incident.record', syncState: 'saved_on_device', rejection: null, doc: null },
    ]);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const [mutation] = await db.outbox.toArray();
    expect(mutation?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(mutation?.id).not.toBe(id);
    expect(calls.notifyLocalWrite).toBe(1);
  });

  it('clears the form draft with the record, and keeps it when the record is refused', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    await stores.drafts.save('incident', { description: 'half typed' });
    await refusal(
      stores.records.recordIncident(incidentInput({ description: ' ' }), { draftKey: 'incident' }),
    );
    expect(await stores.drafts.load('incident')).toEqual({
      value: { description: 'half typed' },
      savedAt: NOW,
    });
    await stores.records.recordIncident(incidentInput(), { draftKey: 'incident' });
    expect(await stores.drafts.load('incident')).toBeNull();
  });

  it('fix and discard apply only to a refused record', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    const { id } = await stores.records.recordIncident(incidentInput());
    expect(
      await refusal(
        stores.records.fixAndResend({ id, name: 'incident.record' }, { description: 'x' }),
      ),
    ).toMatchObject({ code: 'not_needing_attention' });
    expect(await refusal(stores.records.discard(id))).toMatchObject({
      code: 'not_needing_attention',
    });

    const [m] = await db.outbox.toArray();
    await applyPushResults(db, [
      {
        id: m?.id ?? '',
        status: 'rejected',
        code: 'conflict',
        message: 'This incident is already recorded',
        field: 'args.id',
      },
    ]);
    // The id was refused as taken: the corrected record gets a new one.
    const fixed = await stores.records.fixAndResend(
      { id, name: 'incident.record' },
      { description: 'Second attempt' },
    );
    expect(fixed.id).not.toBe(id);
    expect(await db.local.get(id)).toBeUndefined();
    expect(await db.local.get(fixed.id)).toMatchObject({
      state: 'saved_on_device',
      args: { id: fixed.id, description: 'Second attempt' },
    });
    expect((await db.outbox.toArray()).map((r) => [r.recordId, r.state])).toEqual([
      [fixed.id, 'pending'],
    ]);
  });
});

describe('the limit decision on the device (product.md §3)', () => {
  const scope = { product: 'broadband', segment: 'consumer', region: 'kowloon_west' };

  it('within the limits: given, with the rule that allowed it, and the decision travels with the record', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    const r = await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 30_000, currency: 'HKD' } }),
    );
    expect(r).toMatchObject({
      status: 'given',
      decision: { outcome: 'within_limit', rule: { id: LIMIT_SET.rules[0]?.id } },
    });
    const row = await db.local.get(r.id);
    expect(row?.args).toMatchObject({
      deviceDecision: {
        outcome: 'within_limit',
        ruleId: LIMIT_SET.rules[0]?.id,
        reasons: [],
        limitsVersion: 3,
        limitsAgeMs: HOUR,
      },
    });
  });

  it('counts what was given this month: the next one goes over the period limit and waits for approval', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 30_000, currency: 'HKD' } }),
    );
    await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 25_000, currency: 'HKD' } }),
    );
    expect(await stores.limits.mine.read()).toMatchObject({
      version: 3,
      rules: [{ used: 30_000, remaining: 20_000 }],
    });

    const decision = await stores.limits.limitDecisionFor(
      { amount: 20_001, currency: 'HKD' },
      'bill_credit',
      scope,
    );
    expect(decision.outcome === 'needs_approval' && decision.reasons).toMatchObject([
      { code: 'over_period', used: 30_000, excess: 1 },
    ]);
    expect(
      (
        await stores.limits.limitDecisionFor(
          { amount: 20_000, currency: 'HKD' },
          'bill_credit',
          scope,
        )
      ).outcome,
    ).toBe('within_limit');
  });

  it('limits older than the maximum staleness, or never pulled, never allow on-device approval', async () => {
    db = await signedInDb({ limitsAgeMs: 25 * HOUR });
    const { stores } = storesOver(db);
    const r = await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 100, currency: 'HKD' } }),
    );
    expect(r.status).toBe('awaiting_approval');
    expect(
      r.decision.outcome === 'needs_approval' && r.decision.reasons.map((x) => x.code),
    ).toEqual(['limits_stale']);
    expect((await db.local.get(r.id))?.args).toMatchObject({
      deviceDecision: { reasons: ['limits_stale'], limitsAgeMs: 25 * HOUR },
    });
    expect(await stores.limits.mine.read()).toMatchObject({ isStale: true });

    await db.meta.delete('limitsCheckedAt');
    await db.docs.clear();
    const never = await stores.limits.limitDecisionFor(
      { amount: 100, currency: 'HKD' },
      'voucher',
      scope,
    );
    expect(never.outcome === 'needs_approval' && never.reasons.map((x) => x.code)).toEqual([
      'limits_stale',
      'no_rule',
    ]);
  });
});

describe('the plan', () => {
  it('acknowledging the current plan version once; it is then no longer unacknowledged', async () => {
    db = await signedInDb();
    const plan = {
      id: '019a0000-0000-7000-8000-0000000000a2',
      version: 2,
      title: 'Plan',
      changeNote: 'Urgent: new outage credit',
      isUrgent: true,
      effectiveDate: '2026-11-20',
      nextReviewDue: '2027-02-20',
      publishedAt: new Date(NOW - HOUR).toISOString(),
      publishedBy: '019a0000-0000-7000-8000-000000000009',
      strategies: [],
    };
    await db.docs.bulkPut([
      { kind: 'plan_version', id: plan.id, data: plan },
      {
        kind: 'plan_version',
        id: '019a0000-0000-7000-8000-0000000000a0',
        data: { ...plan, id: '019a0000-0000-7000-8000-0000000000a0', version: 1, isUrgent: false },
      },
    ]);
    const { stores } = storesOver(db);
    expect(await stores.plan.current.read()).toMatchObject({ version: 2 });
    expect(await stores.plan.unacknowledged.read()).toMatchObject({ id: plan.id, isUrgent: true });
    expect(await stores.plan.acknowledgePlan(plan.id)).toMatchObject({ isNew: true });
    expect(await stores.plan.unacknowledged.read()).toBeNull();
    expect(await stores.plan.acknowledgePlan(plan.id)).toMatchObject({ isNew: false });
    expect(await db.outbox.count()).toBe(1);
  });
});
