import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pullResponseSchema,
  type Incident,
  type LimitSet,
  type PlanVersion,
  type PullResponse,
  type SyncChange,
  type WireMutation,
} from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';

// Pull: latest version once, visibility, paging (docs/sync.md SY10–SY12).

interface Pulled {
  readonly changes: SyncChange[];
  readonly pages: PullResponse[];
}

/**
 * Pulls page after page, as a device does, until `isDone` holds for everything pulled (or 5 s
 * pass). A PostgreSQL pull holds back rows newer than the oldest transaction running anywhere on
 * the server (SY9), and other test files share it: a row just committed may come a pull later. So
 * a test expecting rows waits for them here, and checks absences against a row written after them.
 */
async function pullUntil(
  s: TestServer,
  token: string,
  isDone: (changes: SyncChange[]) => boolean = () => true,
  options: { cursor?: string; limit?: number } = {},
): Promise<Pulled> {
  const deadline = Date.now() + 5_000;
  const pages: PullResponse[] = [];
  let cursor = options.cursor;
  for (;;) {
    const page = await s.pull(token, cursor, options.limit);
    // Every page is what the web accepts: trimmed documents still match their schemas.
    expect(pullResponseSchema.safeParse(page).success).toBe(true);
    pages.push(page);
    cursor = page.cursor;
    if (page.hasMore) continue;
    const changes = pages.flatMap((p) => p.changes);
    if (isDone(changes) || Date.now() > deadline) return { changes, pages };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const argsId = (m: WireMutation) => (m.args as { id: string }).id;
const has =
  (...ids: string[]) =>
  (changes: SyncChange[]) =>
    ids.every((id) => changes.some((c) => c.id === id));
const hasKinds =
  (...kinds: string[]) =>
  (changes: SyncChange[]) =>
    kinds.every((k) => changes.some((c) => c.kind === k));
const idsOf = (p: Pulled) => p.changes.map((c) => c.id);
const position = (cursor: string) => cursor.split('.').map(Number) as [number, number];
const isAfter = (a: string, b: string) => {
  const [at, as] = position(a);
  const [bt, bs] = position(b);
  return at > bt || (at === bt && as > bs);
};

const HK_ISLAND = { product: 'broadband', segment: 'consumer', region: 'hk_island' };
const NT_EAST = { product: 'broadband', segment: 'consumer', region: 'nt_east' };

describe.each(databaseTargets())('pull on $name', ({ name }) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer(name);
  });
  afterEach(async () => {
    await s.close();
  });

  /** Signs in and records one incident; returns the token and the mutation. */
  async function record(
    username: string,
    args = incidentArgs(),
  ): Promise<{ token: string; m: WireMutation }> {
    const token = await s.login(username);
    const m = mutation('incident.record', args);
    expect((await s.push(token, [m])).results[0]?.status).toBe('applied');
    return { token, m };
  }

  it('[SY1] records keep the ids made on the device: applied once, pulled back by their author', async () => {
    const chan = await s.login('frontline.chan');
    const inc = mutation('incident.record', incidentArgs());
    const rec = mutation('recovery.record', recoveryArgs({ incidentId: argsId(inc) }));
    expect((await s.push(chan, [inc, rec])).results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    expect((await s.push(chan, [inc, rec])).results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    const got = await pullUntil(s, chan, has(argsId(inc), argsId(rec)));
    expect(got.changes.filter((c) => c.id === argsId(inc)).map((c) => c.kind)).toEqual([
      'incident',
    ]);
    expect(got.changes.filter((c) => c.id === argsId(rec)).map((c) => c.kind)).toEqual([
      'recovery',
    ]);
    expect(got.changes.some((c) => c.kind === 'plan_version')).toBe(true);
  });

  it('[SY10] a changed document comes again, once, in its latest version', async () => {
    const { token: chan, m } = await record('frontline.chan');
    const id = argsId(m);
    const wong = await s.login('supervisor.wong');
    const first = await pullUntil(s, wong, has(id));
    const cursor = first.pages.at(-1)?.cursor as string;
    expect((first.changes.find((c) => c.id === id)?.data as Incident).status).toBe('open');

    await s.push(chan, [mutation('incident.setStatus', { incidentId: id, status: 'in_recovery' })]);
    const isMoved = (changes: SyncChange[]) =>
      changes.some((c) => c.id === id && (c.data as Incident).status === 'in_recovery');
    const since = await pullUntil(s, wong, isMoved, { cursor });
    expect(since.changes.filter((c) => c.id === id)).toHaveLength(1);

    // A device starting from scratch gets the incident once, already moved on.
    const lee = await s.login('manager.lee');
    const fresh = await pullUntil(s, lee, isMoved);
    const copies = fresh.changes.filter((c) => c.id === id);
    expect(copies.map((c) => (c.data as Incident).status)).toEqual(['in_recovery']);
  });

  it('[SY11] a frontline user gets their own records, not another frontline user’s', async () => {
    const { token: lam, m: lamsIncident } = await record(
      'frontline.lam',
      incidentArgs({ scope: HK_ISLAND }),
    );
    const { token: chan, m: chansIncident } = await record('frontline.chan');
    const chanSees = await pullUntil(s, chan, has(argsId(chansIncident)));
    expect(idsOf(chanSees)).not.toContain(argsId(lamsIncident));
    // The user documents too: their own, nobody else's.
    expect(chanSees.changes.filter((c) => c.kind === 'user').map((c) => c.id)).toEqual([
      s.user('frontline.chan').id,
    ]);

    await s.push(lam, [mutation('recovery.record', recoveryArgs({ scope: HK_ISLAND }))]);
    const lamSees = await pullUntil(s, lam, hasKinds('recovery'));
    expect(idsOf(lamSees)).toContain(argsId(lamsIncident));
    expect(idsOf(lamSees)).not.toContain(argsId(chansIncident));
  });

  it('[SY11] a supervisor gets the records of their team, not of other teams', async () => {
    const { m: chanFirst } = await record('frontline.chan');
    const { m: lams } = await record('frontline.lam', incidentArgs({ scope: HK_ISLAND }));
    const { token: chan, m: chanSecond } = await record('frontline.chan');
    const chansRecovery = mutation('recovery.record', recoveryArgs());
    await s.push(chan, [chansRecovery]);

    const wong = await s.login('supervisor.wong');
    const sees = await pullUntil(s, wong, has(argsId(chansRecovery)));
    expect(idsOf(sees)).toEqual(
      expect.arrayContaining([argsId(chanFirst), argsId(chanSecond), argsId(chansRecovery)]),
    );
    expect(idsOf(sees)).not.toContain(argsId(lams));
    const teamUsers = s.org.users
      .filter((u) => u.teamId === s.user('supervisor.wong').teamId)
      .map((u) => u.id);
    expect(
      sees.changes
        .filter((c) => c.kind === 'user')
        .map((c) => c.id)
        .sort(),
    ).toEqual(teamUsers.sort());
  });

  it('[SY11] a supervisor who leads several teams gets the records of each of them', async () => {
    // supervisor.chow leads HK Island Shops (her own team) and the Call-back Centre.
    const { m: lams } = await record('frontline.lam', incidentArgs({ scope: HK_ISLAND }));
    const { m: tsangs } = await record('frontline.tsang');
    const { m: chans } = await record('frontline.chan');
    const chow = await s.login('supervisor.chow');
    const sees = await pullUntil(s, chow, has(argsId(lams), argsId(tsangs)));
    expect(idsOf(sees)).toEqual(expect.arrayContaining([argsId(lams), argsId(tsangs)]));
    expect(idsOf(sees)).not.toContain(argsId(chans));
  });

  it('[SY11] managers and auditors get every record', async () => {
    const { m: lams } = await record('frontline.lam', incidentArgs({ scope: HK_ISLAND }));
    const { m: yips } = await record('outsourcer.yip', incidentArgs({ scope: NT_EAST }));
    const { m: chans } = await record('frontline.chan');
    for (const username of ['manager.lee', 'manager.yuen', 'auditor.ho']) {
      const sees = await pullUntil(
        s,
        await s.login(username),
        has(argsId(lams), argsId(yips), argsId(chans)),
      );
      expect(idsOf(sees), username).toEqual(
        expect.arrayContaining([argsId(lams), argsId(yips), argsId(chans)]),
      );
      expect(
        sees.changes.filter((c) => c.kind === 'user'),
        username,
      ).toHaveLength(s.org.users.length);
    }
  });

  it('[SY11] an outsourcer gets only their own records and what is shared with everyone', async () => {
    const { m: yips } = await record('outsourcer.yip', incidentArgs({ scope: NT_EAST }));
    const { m: chans } = await record('frontline.chan');
    const { token: cheung, m: cheungs } = await record('outsourcer.cheung');
    const sees = await pullUntil(s, cheung, has(argsId(cheungs)));
    expect(idsOf(sees)).not.toContain(argsId(yips));
    expect(idsOf(sees)).not.toContain(argsId(chans));
    const kinds = new Set(sees.changes.map((c) => c.kind));
    expect(kinds).toEqual(
      new Set([
        'reference',
        'outsourcing_party',
        'plan_version',
        'tactic',
        'limit_set',
        'user',
        'incident',
        // Their own key for phone approval codes (docs/approvals.md), nobody else's.
        'approval_key',
      ]),
    );
  });

  it('[SY11] plan sections and limit rules are trimmed to the role', async () => {
    const allRules = s.org.limitSet.rules;
    const sections = (plan: PlanVersion) => [
      ...plan.strategies.map((st) => st.audience),
      ...plan.strategies.flatMap((st) => st.subStrategies.map((ss) => ss.audience)),
    ];
    expect(new Set(sections(s.org.plan))).toEqual(new Set(['everyone', 'staff', 'management']));

    const expectations = [
      ['outsourcer.cheung', ['everyone'], ['outsourcer', '*']],
      ['frontline.chan', ['everyone', 'staff'], ['frontline', '*']],
      ['supervisor.wong', ['everyone', 'staff'], ['supervisor', '*']],
      ['manager.lee', ['everyone', 'staff', 'management'], null],
    ] as const;
    for (const [username, audiences, roles] of expectations) {
      const got = await pullUntil(
        s,
        await s.login(username),
        hasKinds('plan_version', 'limit_set'),
      );
      const plan = got.changes.find((c) => c.kind === 'plan_version')?.data as PlanVersion;
      expect(new Set(sections(plan)), username).toEqual(new Set(audiences));
      const rules = (got.changes.find((c) => c.kind === 'limit_set')?.data as LimitSet).rules;
      const expected =
        roles === null
          ? allRules
          : allRules.filter((r) => (roles as readonly string[]).includes(r.role));
      expect(rules, username).toEqual(expected);
      expect(rules.length, username).toBeGreaterThan(0);
    }
  });

  it('[SY12] small pages cover the feed with no duplicate and no gap', async () => {
    const lee = await s.login('manager.lee');
    const o = s.org;
    const seeded =
      o.references.length +
      o.outsourcingParties.length +
      o.teams.length +
      1 +
      o.tactics.length +
      1 +
      o.risks.length +
      o.riskAppetite.length +
      o.users.length;
    const isComplete = (changes: SyncChange[]) => changes.length >= seeded;
    const whole = await pullUntil(s, lee, isComplete);
    expect(whole.changes).toHaveLength(seeded);

    const paged = await pullUntil(s, lee, isComplete, { limit: 7 });
    expect(paged.pages.length).toBeGreaterThanOrEqual(Math.ceil(seeded / 7));
    for (const page of paged.pages) {
      expect(page.changes.length).toBeLessThanOrEqual(7);
      if (page.hasMore) expect(page.changes).toHaveLength(7);
    }
    expect(idsOf(paged)).toEqual(idsOf(whole));
    expect(new Set(idsOf(paged)).size).toBe(seeded);
    paged.pages.slice(1).forEach((page, i) => {
      const previous = paged.pages[i] as PullResponse;
      if (page.changes.length > 0) expect(isAfter(page.cursor, previous.cursor)).toBe(true);
      else expect(page.cursor).toBe(previous.cursor);
    });

    // An empty page returns the cursor it was given.
    const last = paged.pages.at(-1) as PullResponse;
    expect(last.hasMore).toBe(false);
    const after = await s.pull(lee, last.cursor, 7);
    expect(after).toMatchObject({ changes: [], cursor: last.cursor, hasMore: false });

    for (const query of ['limit=1001', 'limit=0', 'cursor=abc']) {
      const res = await s.request(`/api/sync/pull?${query}`, { token: lee });
      expect(res.status, query).toBe(400);
    }
  });
});
