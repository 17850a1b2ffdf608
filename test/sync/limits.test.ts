import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  LimitException,
  PullResponse,
  Recovery,
  RecoveryInput,
  SyncChange,
  WireMutation,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';

// The server decides every recovery again (docs/sync.md SY14). Amounts are HKD cents against the
// demo matrix (server/src/seed/demo-data.ts), frontline rows:
//   bill_credit  HK$300 per case, HK$3,000 a month
//   fee_waiver   HK$500 per case, HK$2,000 a week

const HKD = (dollars: number) => ({ amount: dollars * 100, currency: 'HKD' as const });
const billCredit = (dollars: number, overrides: Partial<RecoveryInput> = {}) =>
  mutation(
    'recovery.record',
    recoveryArgs({ compensationType: 'bill_credit', amount: HKD(dollars), ...overrides }),
  );
const feeWaiver = (dollars: number, overrides: Partial<RecoveryInput> = {}) =>
  mutation(
    'recovery.record',
    recoveryArgs({ compensationType: 'fee_waiver', amount: HKD(dollars), ...overrides }),
  );
const NEEDS_APPROVAL: RecoveryInput['deviceDecision'] = {
  outcome: 'needs_approval',
  ruleId: null,
  reasons: ['over_per_case'],
  limitsVersion: 1,
  limitsAgeMs: 60_000,
};
const argsId = (m: WireMutation) => (m.args as { id: string }).id;

/**
 * Pulls until `id` arrives (or 5 s pass). A PostgreSQL pull holds back rows newer than the oldest
 * transaction running anywhere on the server (SY9), and other test files share that server.
 */
async function pullUntilHas(s: TestServer, token: string, id: string): Promise<SyncChange[]> {
  const deadline = Date.now() + 5_000;
  const changes: SyncChange[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page: PullResponse = await s.pull(token, cursor);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (page.hasMore) continue;
    if (changes.some((c) => c.id === id) || Date.now() > deadline) return changes;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databaseTargets())('limits on $name', ({ name }) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer(name);
  });
  afterEach(async () => {
    await s.close();
  });

  const recovery = async (m: WireMutation) =>
    (await s.store.getDocs('recovery', [argsId(m)])).get(argsId(m))?.data as Recovery;
  const exceptions = async () =>
    (await s.store.listDocs('limit_exception')).map((d) => d.data as LimitException);
  const allApplied = (res: { results: { status: string }[] }) =>
    res.results.every((r) => r.status === 'applied');

  it('[SY14] a within-limit gift the server finds over the per-case limit stays given and raises a limit exception', async () => {
    const chan = await s.login('frontline.chan');
    const atLimit = billCredit(300);
    const over = billCredit(400);
    expect(allApplied(await s.push(chan, [atLimit, over]))).toBe(true);

    expect(await recovery(atLimit)).toMatchObject({
      status: 'given',
      serverDecision: { outcome: 'within_limit', reasons: [] },
      limitExceptionId: null,
    });
    const given = await recovery(over);
    expect(given).toMatchObject({
      status: 'given',
      serverDecision: { outcome: 'needs_approval', reasons: ['over_per_case'], limitsVersion: 1 },
    });
    const chanUser = s.user('frontline.chan');
    expect(await exceptions()).toEqual([
      {
        id: given.limitExceptionId,
        recoveryId: argsId(over),
        userId: chanUser.id,
        teamId: chanUser.teamId,
        orgId: null,
        amount: HKD(400),
        reasons: ['over_per_case'],
        raisedAt: expect.any(String),
        acknowledgement: null,
      },
    ]);
    // Given means given: it counts toward the period.
    expect((await s.store.ledgerSince(chanUser.id, 0)).map((e) => e.counts)).toEqual([true, true]);
    const audited = await s.store.readAudit({ limit: 10, action: 'limit_exception' });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      entityId: argsId(over),
      actorId: chanUser.id,
      detail: { exceptionId: given.limitExceptionId },
    });

    // The exception travels to the author and their supervisor, not to another team's staff.
    const exceptionId = given.limitExceptionId as string;
    for (const username of ['frontline.chan', 'supervisor.wong', 'manager.lee']) {
      const changes = await pullUntilHas(s, await s.login(username), exceptionId);
      expect(
        changes.filter((c) => c.kind === 'limit_exception').map((c) => c.id),
        username,
      ).toEqual([exceptionId]);
    }
    const lam = await s.login('frontline.lam');
    const lamsOwn = mutation(
      'incident.record',
      incidentArgs({ scope: { product: 'mobile', segment: 'consumer', region: 'hk_island' } }),
    );
    await s.push(lam, [lamsOwn]);
    const lamSees = await pullUntilHas(s, lam, argsId(lamsOwn));
    expect(lamSees.some((c) => c.id === argsId(lamsOwn))).toBe(true);
    expect(lamSees.filter((c) => c.kind === 'limit_exception')).toEqual([]);
  });

  it('[SY14] use on every device counts: two devices together over the period limit raise an exception', async () => {
    const phone = await s.login('frontline.chan', 'chan-phone-01');
    const tablet = await s.login('frontline.chan', 'chan-tablet-01');
    const fromPhone = [feeWaiver(450), feeWaiver(450), feeWaiver(450), feeWaiver(450)];
    expect(allApplied(await s.push(phone, fromPhone))).toBe(true);
    expect(await exceptions()).toEqual([]);

    // HK$1,800 used on the phone: HK$300 more from the tablet passes the HK$2,000 a week.
    const fromTablet = feeWaiver(300);
    expect(allApplied(await s.push(tablet, [fromTablet]))).toBe(true);
    const r = await recovery(fromTablet);
    expect(r).toMatchObject({
      status: 'given',
      serverDecision: { outcome: 'needs_approval', reasons: ['over_period'] },
    });
    expect((await exceptions()).map((e) => [e.recoveryId, e.reasons])).toEqual([
      [argsId(fromTablet), ['over_period']],
    ]);
  });

  it('[SY14] two devices pushing at the same moment are judged on their combined use', async () => {
    const phone = await s.login('frontline.chan', 'chan-phone-01');
    const tablet = await s.login('frontline.chan', 'chan-tablet-01');
    const incidents = Array.from({ length: 20 }, () => mutation('incident.record', incidentArgs()));
    expect(allApplied(await s.push(phone, incidents))).toBe(true);
    // HK$1,500 from each: whichever is judged second goes HK$1,000 over the HK$2,000 a week. Status
    // changes after the recoveries keep each transaction open a few round trips longer, so that
    // both read the week's use before either commits, unless one waits for the other.
    const moves = (from: number) =>
      incidents
        .slice(from, from + 10)
        .map((m) =>
          mutation('incident.setStatus', { incidentId: argsId(m), status: 'in_recovery' }),
        );
    const fromPhone = [feeWaiver(500), feeWaiver(500), feeWaiver(500)];
    const fromTablet = [feeWaiver(500), feeWaiver(500), feeWaiver(500)];
    const pushed = await Promise.all([
      s.push(phone, [...fromPhone, ...moves(0)]),
      s.push(tablet, [...fromTablet, ...moves(10)]),
    ]);
    expect(pushed.every(allApplied)).toBe(true);

    const raised = await exceptions();
    expect(raised.map((e) => e.reasons)).toEqual([['over_period'], ['over_period']]);
    // Both exceptions belong to one device's batch: the one judged after the other had counted.
    const second = fromPhone.some((m) => argsId(m) === raised[0]?.recoveryId)
      ? fromPhone
      : fromTablet;
    expect(raised.map((e) => e.recoveryId).sort()).toEqual(second.slice(1).map(argsId).sort());
  });

  it('[SY14] a recovery sent as needing approval awaits approval and does not count toward period use', async () => {
    const chan = await s.login('frontline.chan');
    const asked = feeWaiver(600, { deviceDecision: NEEDS_APPROVAL });
    expect(allApplied(await s.push(chan, [asked]))).toBe(true);
    expect(await recovery(asked)).toMatchObject({
      status: 'awaiting_approval',
      serverDecision: { outcome: 'needs_approval', reasons: ['over_per_case'] },
      limitExceptionId: null,
    });
    const ledger = await s.store.ledgerSince(s.user('frontline.chan').id, 0);
    expect(ledger.map((e) => [e.recoveryId, e.counts])).toEqual([[argsId(asked), false]]);

    // The full HK$2,000 of the week is still there to give, even after another request for
    // approval earlier in the same batch.
    const alsoAsked = feeWaiver(400, { deviceDecision: NEEDS_APPROVAL });
    const given = [feeWaiver(500), feeWaiver(500), feeWaiver(500), feeWaiver(500)];
    expect(allApplied(await s.push(chan, [alsoAsked, ...given]))).toBe(true);
    expect((await recovery(alsoAsked)).status).toBe('awaiting_approval');
    for (const m of given) expect((await recovery(m)).serverDecision.outcome).toBe('within_limit');
    expect(await exceptions()).toEqual([]);
    // And then it is used up.
    const oneMore = feeWaiver(1);
    await s.push(chan, [oneMore]);
    expect((await recovery(oneMore)).serverDecision.reasons).toEqual(['over_period']);
  });
});
