import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApprovalTimers, startApprovalTimers } from '../../server/src/jobs/approval-timers.ts';
import { databaseTargets } from '../support/databases.ts';
import {
  createTestServer,
  openStoreAt,
  reopenTestServer,
  TEST_NOW,
  type TestServer,
} from '../support/harness.ts';
import {
  argsId,
  askFor,
  auditOf,
  decide,
  expectApplied,
  pushOne,
  recoveryOf,
  requestOf,
} from './helpers.ts';

// SLA escalation and expiry run on the server, by themselves, and survive a restart
// (docs/approvals.md AP10–AP11). The clock is the harness's manual clock.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(databaseTargets())('approval timers on $name', ({ name }) => {
  let s: TestServer;
  let chan: string;
  beforeEach(async () => {
    s = await createTestServer(name);
    chan = await s.login('frontline.chan');
  });
  afterEach(async () => {
    await s.close();
  });

  /** Stops the server (closes its database) and starts it again on the same database. */
  async function restart(): Promise<void> {
    await s.close();
    s = await reopenTestServer(s);
  }

  it('[AP10] a pending request past its SLA escalates to a manager, across a restart', async () => {
    const quick = askFor(400); // up to HK$500: 15 minutes
    const slower = askFor(1_000); // up to HK$5,000: an hour
    await expectApplied(s, chan, quick, slower);

    await s.close(); // the server is down while the SLA passes
    s.clock.advance(16 * MINUTE);
    s = await reopenTestServer(s);
    expect((await requestOf(s, argsId(quick))).state).toBe('pending'); // nobody opened a page

    const run = await runApprovalTimers(s.store, s.clock.now());
    expect(run).toEqual({ escalated: [argsId(quick)], expired: [] });
    expect(await requestOf(s, argsId(quick))).toMatchObject({
      state: 'escalated',
      assignedRole: 'manager',
      escalatedAt: iso(TEST_NOW + 16 * MINUTE),
      escalationReason: 'sla',
    });
    expect((await requestOf(s, argsId(slower))).state).toBe('pending');
    const escalation = (await auditOf(s, argsId(quick))).find((e) => e.action === 'escalate');
    expect(escalation).toMatchObject({
      actorId: null,
      entityKind: 'approval_request',
      detail: { outcome: 'applied', from: 'pending', to: 'escalated', via: 'timer' },
    });
    // A second pass finds nothing more to do.
    expect(await runApprovalTimers(s.store, s.clock.now())).toEqual({ escalated: [], expired: [] });

    // Sessions survived the restart; the supervisor has lost it, a manager takes it.
    const wong = await s.login('supervisor.wong');
    expect(await pushOne(s, wong, decide(argsId(quick), 'approve', 'escalated'))).toMatchObject({
      code: 'forbidden',
    });
    const lee = await s.login('manager.lee');
    await expectApplied(s, lee, decide(argsId(quick), 'approve', 'escalated'));
    expect((await recoveryOf(s, argsId(quick))).status).toBe('approved');
  });

  it('[AP11] an open request past its expiry expires, across restarts, and nobody can decide it after', async () => {
    const asked = askFor(400);
    const neverTouched = askFor(450);
    await expectApplied(s, chan, asked, neverTouched);
    s.clock.advance(16 * MINUTE);
    await runApprovalTimers(s.store, s.clock.now());
    expect((await requestOf(s, argsId(asked))).state).toBe('escalated');
    expect((await requestOf(s, argsId(neverTouched))).state).toBe('escalated');

    await restart();
    s.clock.set(TEST_NOW + 24 * HOUR);
    await restart();
    const run = await runApprovalTimers(s.store, s.clock.now());
    expect(run.expired.sort()).toEqual([argsId(asked), argsId(neverTouched)].sort());
    expect(await requestOf(s, argsId(asked))).toMatchObject({
      state: 'expired',
      decidedBy: null,
      decidedAt: iso(TEST_NOW + 24 * HOUR),
      decidedVia: 'timer',
    });
    expect((await recoveryOf(s, argsId(asked))).status).toBe('expired');
    const trail = (await auditOf(s, argsId(asked))).map((e) => [e.action, e.actorId]);
    expect(trail).toEqual([
      ['create', s.user('frontline.chan').id],
      ['create', s.user('frontline.chan').id],
      ['escalate', null],
      ['expire', null],
    ]);
    const lee = await s.login('manager.lee');
    expect(await pushOne(s, lee, decide(argsId(asked), 'approve', 'escalated'))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('expired'),
    });
  });

  it('[AP11] a request that passes its SLA and its expiry while the server is down just expires', async () => {
    const asked = askFor(400);
    await expectApplied(s, chan, asked);
    await s.close();
    s.clock.advance(25 * HOUR);
    s = await reopenTestServer(s);
    expect(await runApprovalTimers(s.store, s.clock.now())).toEqual({
      escalated: [],
      expired: [argsId(asked)],
    });
    expect((await auditOf(s, argsId(asked))).map((e) => e.action)).not.toContain('escalate');
  });

  it('[AP10] a decision that got there first wins over the timer', async () => {
    const asked = askFor(400);
    await expectApplied(s, chan, asked);
    s.clock.advance(14 * MINUTE);
    await expectApplied(s, await s.login('supervisor.wong'), decide(argsId(asked), 'approve'));
    s.clock.advance(30 * HOUR);
    expect(await runApprovalTimers(s.store, s.clock.now())).toEqual({
      escalated: [],
      expired: [],
    });
    expect((await requestOf(s, argsId(asked))).state).toBe('approved');
  });

  it('[AP10] the server’s timer runs by itself, without anyone calling it', async () => {
    const asked = askFor(400);
    await expectApplied(s, chan, asked);
    s.clock.advance(16 * MINUTE);
    const timers = startApprovalTimers({ store: s.store, clock: s.clock, intervalMs: 10 });
    try {
      const deadline = Date.now() + 5_000;
      while ((await requestOf(s, argsId(asked))).state !== 'escalated' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await requestOf(s, argsId(asked))).state).toBe('escalated');
      s.clock.advance(24 * HOUR);
      while ((await requestOf(s, argsId(asked))).state !== 'expired' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await requestOf(s, argsId(asked))).state).toBe('expired');
    } finally {
      await timers.stop();
    }
  });

  it('[AP10] two server processes running the timers at once act on each request once', async () => {
    const asked = Array.from({ length: 30 }, (_, i) => askFor(100 + i));
    await expectApplied(s, chan, ...asked);
    s.clock.advance(16 * MINUTE);
    const other = await openStoreAt(s.kind, s.databaseUrl); // a second process's pool
    try {
      const runs = await Promise.allSettled([
        runApprovalTimers(s.store, s.clock.now()),
        runApprovalTimers(other, s.clock.now()),
      ]);
      // SQLite allows one writer: the loser may fail with SQLITE_BUSY and retry on its next pass.
      await runApprovalTimers(s.store, s.clock.now());
      const escalated = runs.flatMap((r) => (r.status === 'fulfilled' ? r.value.escalated : []));
      expect(new Set(escalated).size).toBe(escalated.length);
      if (name === 'postgres') expect(runs.every((r) => r.status === 'fulfilled')).toBe(true);
    } finally {
      await other.close();
    }
    const escalations = await s.store.readAudit({ limit: 1000, action: 'escalate' });
    expect(escalations.map((e) => e.entityId).sort()).toEqual(asked.map(argsId).sort());
    for (const m of asked) expect((await requestOf(s, argsId(m))).state).toBe('escalated');
  });
});
