import { describe, expect, it } from 'vitest';
import { getMeta, setMeta } from '../../web/src/db/meta.ts';
import { pullAll } from '../../web/src/sync/pull.ts';
import { TEST_NOW, type TestServer } from '../support/harness.ts';
import { CHAN, device, incident, recovery, type Device, type Wire, useRig } from './helpers.ts';

// Pull (SY9–SY12) and what the device does with what it pulled: limits, tactics, the plan.

let s: TestServer;
let w: Wire;
let d: Device;

useRig({ isStarted: true }, (rig) => ({ s, w, d } = rig));

const HOUR = 3_600_000;

describe('pull', () => {
  it('[SY19] the server’s device settings reach the phone with its next pull, not only at sign-in', async () => {
    const session = await getMeta(d.db, 'session');
    if (!session) throw new Error('signed in above');
    // As if the server's limit staleness changed after this phone signed in.
    await setMeta(d.db, 'session', {
      ...session,
      settings: { ...session.settings, maxLimitsAgeMs: 1 },
    });
    await d.stores.sync.syncNow();
    const after = await getMeta(d.db, 'session');
    expect(after?.settings).toEqual({
      maxLimitsAgeMs: s.config.maxLimitsAgeMs,
      sessionLifetimeMs: s.config.sessionLifetimeMs,
    });
    expect(after?.token).toBe(session.token);
  });

  it('[SY12] pulls pages until hasMore is false; an interrupted pull resumes from the last page applied', async () => {
    const fresh = device(w);
    await fresh.stores.session.signIn(CHAN.username, CHAN.password); // the engine is not started
    const token = (await getMeta(fresh.db, 'session'))?.token ?? '';
    const total = await d.db.docs.count();
    expect(total).toBeGreaterThan(30);

    let page = 0;
    w.control.fault = (r) =>
      r.path === '/api/sync/pull' && ++page === 3 ? 'drop_request' : undefined;
    await expect(
      pullAll(fresh.db, fresh.api, token, {
        userId: s.user('frontline.chan').id,
        now: () => TEST_NOW,
        pageLimit: 10,
      }),
    ).rejects.toMatchObject({ code: 'network' });
    expect(await fresh.db.docs.count()).toBe(20);
    const cursorAfterTwoPages = await getMeta(fresh.db, 'cursor');
    expect(await getMeta(fresh.db, 'limitsCheckedAt')).toBeUndefined();

    const summary = await pullAll(fresh.db, fresh.api, token, {
      userId: s.user('frontline.chan').id,
      now: () => TEST_NOW + 5,
      pageLimit: 10,
    });
    const resumedWith = w.log.filter((l) => l.path === '/api/sync/pull').at(-summary.pages);
    expect(new URLSearchParams(resumedWith?.search).get('cursor')).toBe(cursorAfterTwoPages);
    expect(summary).toMatchObject({ isComplete: true, changes: total - 20 });
    expect(await fresh.db.docs.count()).toBe(total);
    expect(await getMeta(fresh.db, 'limitsCheckedAt')).toBe(TEST_NOW + 5);
    expect(await getMeta(fresh.db, 'cursor')).not.toBe(cursorAfterTwoPages);
    fresh.db.close();
  });

  it('[SY11] the device holds the plan, tactics, limits and lists for its user, readable through the stores', async () => {
    const plan = await d.stores.plan.current.read();
    expect(plan?.version).toBe(1);
    expect(plan?.strategies.every((st) => st.audience !== 'management')).toBe(true);
    expect(await d.stores.plan.unacknowledged.read()).toMatchObject({ id: plan?.id });

    const regions = await d.stores.reference.list('region').read();
    expect(regions.map((r) => r.code)).toContain('kowloon_west');
    const tactics = await d.stores.reference
      .tacticsFor('missed_appointment', {
        product: 'broadband',
        segment: 'consumer',
        region: 'kowloon_west',
      })
      .read();
    expect(tactics.length).toBeGreaterThan(0);
    expect(tactics.every((t) => t.category === 'missed_appointment' && t.active)).toBe(true);

    const limits = await d.stores.limits.mine.read();
    expect(limits).toMatchObject({ version: 1, isStale: false, limitsCheckedAt: TEST_NOW });
    expect(limits?.rules.every((r) => r.rule.role === 'frontline' || r.rule.role === '*')).toBe(
      true,
    );

    await d.stores.plan.acknowledgePlan(plan?.id ?? '');
    expect(await d.stores.plan.unacknowledged.read()).toBeNull();
    expect(await d.stores.plan.acknowledgePlan(plan?.id ?? '')).toMatchObject({ isNew: false });
    await d.engine.syncNow();
    expect(
      (await s.store.listDocs('acknowledgement')).map(
        (a) => (a.data as { planVersionId: string }).planVersionId,
      ),
    ).toEqual([plan?.id]);
  });
});

describe('the limit decision on the device (product.md §3)', () => {
  const broadband = { product: 'broadband', segment: 'consumer', region: 'kowloon_west' };

  it('[SY14] within the limits the recovery is given on the device, and the server agrees', async () => {
    const decision = await d.stores.limits.limitDecisionFor(
      { amount: 20_000, currency: 'HKD' },
      'bill_credit',
      broadband,
    );
    expect(decision.outcome).toBe('within_limit');

    const inc = await d.stores.records.recordIncident(incident());
    const given = await d.stores.records.recordRecovery(
      recovery({ incidentId: inc.id, amount: { amount: 20_000, currency: 'HKD' } }),
    );
    expect(given.status).toBe('given');
    // It counts toward the month's bill-credit use at once, before any sync.
    const mine = await d.stores.limits.mine.read();
    const billCredit = mine?.rules.find(
      (r) => r.rule.compensationType === 'bill_credit' && r.rule.product === '*',
    );
    expect(billCredit).toMatchObject({ used: 20_000, remaining: 280_000 });

    await d.engine.syncNow();
    const stored = (await s.store.getDocs('recovery', [given.id])).get(given.id)?.data as {
      status: string;
      limitExceptionId: string | null;
    };
    expect(stored).toMatchObject({ status: 'given', limitExceptionId: null });
    expect((await d.stores.records.mine.read()).find((r) => r.id === given.id)).toMatchObject({
      syncState: 'synced',
      doc: { status: 'given' },
    });
  });

  it('over the per-case limit it waits for approval, with the reason', async () => {
    const r = await d.stores.records.recordRecovery(
      recovery({ amount: { amount: 30_001, currency: 'HKD' } }),
    );
    expect(r.status).toBe('awaiting_approval');
    expect(
      r.decision.outcome === 'needs_approval' && r.decision.reasons.map((x) => x.code),
    ).toEqual(['over_per_case']);
    await d.engine.syncNow();
    const stored = (await s.store.getDocs('recovery', [r.id])).get(r.id)?.data as {
      status: string;
    };
    expect(stored.status).toBe('awaiting_approval');
  });

  it('limits older than the maximum staleness never allow on-device approval; a pull makes them current again', async () => {
    d.browser.setOnline(false);
    d.browser.timers.advance(25 * HOUR); // the server's default maximum is 24 h
    const stale = await d.stores.limits.limitDecisionFor(
      { amount: 1_000, currency: 'HKD' },
      'bill_credit',
      broadband,
    );
    expect(stale.outcome === 'needs_approval' && stale.reasons.map((x) => x.code)).toEqual([
      'limits_stale',
    ]);
    expect(await d.stores.limits.mine.read()).toMatchObject({ isStale: true });
    const r = await d.stores.records.recordRecovery(
      recovery({ amount: { amount: 1_000, currency: 'HKD' } }),
    );
    expect(r.status).toBe('awaiting_approval');

    s.clock.advance(25 * HOUR);
    d.browser.setOnline(true);
    await d.engine.whenIdle();
    expect(
      (
        await d.stores.limits.limitDecisionFor(
          { amount: 1_000, currency: 'HKD' },
          'bill_credit',
          broadband,
        )
      ).outcome,
    ).toBe('within_limit');
  });
});
