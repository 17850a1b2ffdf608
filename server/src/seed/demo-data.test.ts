import { describe, expect, it } from 'vitest';
import {
  ANY,
  COMPENSATION_TYPES,
  RISK_CATEGORIES,
  ROLES,
  applicableTactics,
  audiencesFor,
  decideLimit,
  idSchema,
  limitSetSchema,
  outsourcingPartySchema,
  planForRole,
  planVersionSchema,
  referenceItemSchema,
  riskAppetiteSchema,
  riskSchema,
  tacticSchema,
  teamSchema,
  userSchema,
  type Audience,
  type ReferenceKind,
} from '../../../shared/index.ts';
import { DEMO_PASSWORDS, buildDemoOrganisation } from './demo-data.ts';

const NOW = new Date('2026-03-15T02:00:00.000Z');
const org = buildDemoOrganisation(NOW);

const strategies = org.plan.strategies;
const subStrategies = strategies.flatMap((s) => s.subStrategies);
const tasks = subStrategies.flatMap((ss) => ss.tasks);
const checkBackPoints = tasks.flatMap((t) => t.checkBackPoints);

const codes = (kind: ReferenceKind) =>
  new Set(org.references.filter((r) => r.kind === kind).map((r) => r.code));

describe('demo organisation: every record is valid against the shared schemas', () => {
  it('reference items, parties, teams and users parse', () => {
    for (const r of org.references) expect(referenceItemSchema.parse(r)).toEqual(r);
    for (const p of org.outsourcingParties) expect(outsourcingPartySchema.parse(p)).toEqual(p);
    for (const t of org.teams) expect(teamSchema.parse(t)).toEqual(t);
    for (const { password, ...user } of org.users) {
      expect(password.length).toBeGreaterThan(0);
      expect(userSchema.parse(user)).toEqual(user);
    }
  });

  it('the plan, tactics, limit set, risks and appetite parse', () => {
    expect(planVersionSchema.parse(org.plan)).toEqual(org.plan);
    for (const t of org.tactics) expect(tacticSchema.parse(t)).toEqual(t);
    expect(limitSetSchema.parse(org.limitSet)).toEqual(org.limitSet);
    for (const r of org.risks) expect(riskSchema.parse(r)).toEqual(r);
    for (const a of org.riskAppetite) expect(riskAppetiteSchema.parse(a)).toEqual(a);
  });

  it('every id is a canonical UUIDv7 and no id is used twice', () => {
    const ids = [
      ...org.references.map((r) => r.id),
      ...org.outsourcingParties.map((p) => p.id),
      ...org.teams.map((t) => t.id),
      ...org.users.map((u) => u.id),
      org.plan.id,
      ...strategies.map((s) => s.id),
      ...subStrategies.map((s) => s.id),
      ...tasks.map((t) => t.id),
      ...checkBackPoints.map((c) => c.id),
      ...org.tactics.map((t) => t.id),
      org.limitSet.id,
      ...org.limitSet.rules.map((r) => r.id),
      ...org.risks.map((r) => r.id),
    ];
    for (const id of ids) {
      expect(idSchema.safeParse(id).success, id).toBe(true);
      expect(id[14], `${id} has version 7`).toBe('7');
      expect('89ab', `${id} has the RFC 9562 variant`).toContain(id[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('demo organisation: people', () => {
  it('has every role, with the minimum numbers the demo needs', () => {
    const count = (role: string) => org.users.filter((u) => u.role === role).length;
    for (const role of ROLES) expect(count(role), role).toBeGreaterThanOrEqual(1);
    expect(count('frontline')).toBeGreaterThanOrEqual(3);
    expect(count('outsourcer')).toBeGreaterThanOrEqual(2);
    expect(count('supervisor')).toBeGreaterThanOrEqual(2);
    expect(count('auditor')).toBe(1);
  });

  it('usernames are unique and passwords are the documented demo password of the role', () => {
    const usernames = org.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const u of org.users) expect(u.password).toBe(DEMO_PASSWORDS[u.role]);
  });

  it('uses both locales', () => {
    expect(new Set(org.users.map((u) => u.locale))).toEqual(new Set(['en', 'zh-HK']));
  });

  it('outsourcers belong to a real party and a real team; own staff belong to no party', () => {
    const partyIds = new Set(org.outsourcingParties.map((p) => p.id));
    const teamIds = new Set(org.teams.map((t) => t.id));
    for (const u of org.users) {
      if (u.role === 'outsourcer') {
        expect(partyIds.has(u.orgId ?? ''), u.username).toBe(true);
        expect(teamIds.has(u.teamId ?? ''), u.username).toBe(true);
      } else {
        expect(u.orgId, u.username).toBeNull();
      }
      if (u.role === 'frontline' || u.role === 'supervisor') {
        expect(teamIds.has(u.teamId ?? ''), u.username).toBe(true);
      }
    }
    // One outsourcer per party at least, so per-organisation scoping is visible.
    for (const p of org.outsourcingParties) {
      expect(
        org.users.some((u) => u.role === 'outsourcer' && u.orgId === p.id),
        p.name,
      ).toBe(true);
    }
  });

  it('every team is led by a real supervisor and sits in a real region', () => {
    const regions = codes('region');
    for (const t of org.teams) {
      const lead = org.users.find((u) => u.id === t.supervisorId);
      expect(lead?.role, t.name).toBe('supervisor');
      expect(regions.has(t.region), t.name).toBe(true);
    }
  });

  it('user regions name real regions', () => {
    const regions = codes('region');
    for (const u of org.users) for (const r of u.regions) expect(regions.has(r), r).toBe(true);
  });
});

describe('demo organisation: reference lists', () => {
  it('has the products, segments and regions the scope dimensions need, named in en and zh-HK', () => {
    for (const c of ['broadband', 'mobile', 'cloud', 'devices'])
      expect(codes('product').has(c), c).toBe(true);
    expect(codes('segment')).toEqual(new Set(['consumer', 'sme', 'enterprise', 'government']));
    expect(codes('region')).toEqual(
      new Set([
        'hk_island',
        'kowloon_east',
        'kowloon_west',
        'nt_east',
        'nt_west',
        'outlying_islands',
      ]),
    );
    const hkIsland = org.references.find((r) => r.code === 'hk_island');
    expect(hkIsland?.name).toEqual({ en: 'Hong Kong Island', zhHK: '香港島' });
  });

  it('codes are unique within a kind', () => {
    const keys = org.references.map((r) => `${r.kind}:${r.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('demo organisation: plan', () => {
  const userIds = new Set(org.users.map((u) => u.id));

  it('has three strategies, each with 2–3 sub-strategies of 1–3 tasks', () => {
    expect(strategies).toHaveLength(3);
    for (const s of strategies) {
      expect(s.subStrategies.length).toBeGreaterThanOrEqual(2);
      expect(s.subStrategies.length).toBeLessThanOrEqual(3);
      for (const ss of s.subStrategies) {
        expect(ss.tasks.length).toBeGreaterThanOrEqual(1);
        expect(ss.tasks.length).toBeLessThanOrEqual(3);
      }
    }
    expect(checkBackPoints.length).toBeGreaterThan(0);
  });

  it('has at least one section for each audience, and no section wider than its strategy', () => {
    const sections: Audience[] = [...strategies, ...subStrategies].map((s) => s.audience);
    for (const a of ['everyone', 'staff', 'management'] as const) expect(sections).toContain(a);
    // planForRole drops a whole strategy first, so a wider sub-section would promise readers it never reaches.
    const readers = (a: Audience) => ROLES.filter((role) => audiencesFor(role).includes(a));
    for (const s of strategies) {
      for (const ss of s.subStrategies) {
        for (const role of readers(ss.audience))
          expect(readers(s.audience), ss.title).toContain(role);
      }
    }
  });

  it('shows outsourcers less than staff, and staff less than management', () => {
    const sectionCount = (role: 'outsourcer' | 'frontline' | 'manager') =>
      planForRole(org.plan, role).strategies.reduce((n, s) => n + 1 + s.subStrategies.length, 0);
    expect(sectionCount('outsourcer')).toBeLessThan(sectionCount('frontline'));
    expect(sectionCount('frontline')).toBeLessThan(sectionCount('manager'));
  });

  it('every task is owned by a real user, and the plan was published by a manager', () => {
    for (const t of tasks) expect(userIds.has(t.ownerId), t.title).toBe(true);
    const publisher = org.users.find((u) => u.id === org.plan.publishedBy);
    expect(publisher?.role).toBe('manager');
  });

  it('is published about 30 days before now and due for review about 60 days after', () => {
    expect(org.plan.version).toBe(1);
    expect(Date.parse(org.plan.publishedAt)).toBeLessThan(NOW.getTime());
    expect(org.plan.publishedAt.endsWith('Z')).toBe(true);
    expect(org.plan.effectiveDate).toBe('2026-02-13');
    expect(org.plan.nextReviewDue).toBe('2026-05-14');
  });
});

describe('demo organisation: tactics', () => {
  it('has at least 12 tactics covering every incident category except "other"', () => {
    expect(org.tactics.length).toBeGreaterThanOrEqual(12);
    const categories = new Set(org.tactics.map((t) => t.category));
    for (const c of RISK_CATEGORIES.filter((c) => c !== 'other'))
      expect(categories.has(c), c).toBe(true);
  });

  it('every category has a wildcard default, and some tactics are more specific', () => {
    for (const c of new Set(org.tactics.map((t) => t.category))) {
      const wildcard = org.tactics.find(
        (t) =>
          t.category === c &&
          t.scope.product === ANY &&
          t.scope.segment === ANY &&
          t.scope.region === ANY,
      );
      expect(wildcard, c).toBeDefined();
    }
    expect(org.tactics.some((t) => Object.values(t.scope).every((v) => v !== ANY))).toBe(true);
  });

  it('shows the most specific tactic first for an island broadband outage', () => {
    const shown = applicableTactics(org.tactics, 'service_outage', {
      product: 'broadband',
      segment: 'consumer',
      region: 'outlying_islands',
    });
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown[0]?.scope.region).toBe('outlying_islands');
    expect(shown.at(-1)?.scope).toEqual({ product: ANY, segment: ANY, region: ANY });
  });

  it('names only scope codes that exist in the reference lists', () => {
    for (const t of org.tactics) {
      for (const kind of ['product', 'segment', 'region'] as const) {
        const value = t.scope[kind];
        expect(value === ANY || codes(kind).has(value), `${t.title}: ${kind} ${value}`).toBe(true);
      }
    }
  });
});

describe('demo organisation: limits', () => {
  const rules = org.limitSet.rules;

  it('gives every role a wildcard default rule', () => {
    for (const role of ROLES) {
      const defaults = rules.filter(
        (r) =>
          r.role === role &&
          r.product === ANY &&
          r.segment === ANY &&
          r.region === ANY &&
          r.compensationType === ANY,
      );
      expect(defaults, role).toHaveLength(1);
    }
  });

  it('names only scope codes that exist in the reference lists', () => {
    for (const r of rules) {
      for (const kind of ['product', 'segment', 'region'] as const) {
        const value = r[kind];
        expect(value === ANY || codes(kind).has(value), `${r.id}: ${kind} ${value}`).toBe(true);
      }
    }
  });

  it('is in HKD integer cents, published by a manager', () => {
    for (const r of rules) {
      expect(r.currency).toBe('HKD');
      expect(Number.isInteger(r.maxPerCase) && Number.isInteger(r.maxPerPeriod)).toBe(true);
      expect(r.maxPerPeriod).toBeGreaterThanOrEqual(r.maxPerCase);
    }
    const publisher = org.users.find((u) => u.id === org.limitSet.publishedBy);
    expect(publisher?.role).toBe('manager');
    expect(new Set(rules.map((r) => r.period))).toEqual(new Set(['day', 'week', 'month']));
  });

  it('gives authority in the order outsourcer < frontline < supervisor < manager', () => {
    const ask = (role: 'outsourcer' | 'frontline' | 'supervisor' | 'manager', dollars: number) =>
      decideLimit({
        rules,
        role,
        scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
        compensationType: 'bill_credit',
        amount: { amount: dollars * 100, currency: 'HKD' },
        usage: [],
        nowMs: NOW.getTime(),
        limitsAgeMs: 0,
        maxLimitsAgeMs: 86_400_000,
      }).outcome;
    expect(ask('outsourcer', 50)).toBe('needs_approval');
    expect(ask('frontline', 300)).toBe('within_limit');
    expect(ask('frontline', 301)).toBe('needs_approval');
    expect(ask('supervisor', 2_000)).toBe('within_limit');
    expect(ask('supervisor', 2_001)).toBe('needs_approval');
    expect(ask('manager', 20_000)).toBe('within_limit');
  });

  it('lets frontline credit more for an island broadband outage, and less for enterprise', () => {
    const frontline = (segment: string, region: string, dollars: number) =>
      decideLimit({
        rules,
        role: 'frontline',
        scope: { product: 'broadband', segment, region },
        compensationType: 'bill_credit',
        amount: { amount: dollars * 100, currency: 'HKD' },
        usage: [],
        nowMs: NOW.getTime(),
        limitsAgeMs: 0,
        maxLimitsAgeMs: 86_400_000,
      }).outcome;
    expect(frontline('consumer', 'outlying_islands', 800)).toBe('within_limit');
    expect(frontline('consumer', 'nt_east', 800)).toBe('needs_approval');
    expect(frontline('enterprise', 'nt_east', 150)).toBe('needs_approval');
  });

  // Most specific wins across five dimensions, so a narrow product/type row can out-rank a
  // segment row: this walks every combination to prove the contract segments stay closed.
  it('never lets frontline or outsourcers give a government customer anything, or enterprise more than HK$100', () => {
    for (const role of ['frontline', 'outsourcer'] as const)
      for (const product of codes('product'))
        for (const region of codes('region'))
          for (const compensationType of COMPENSATION_TYPES) {
            const decide = (segment: string, cents: number) =>
              decideLimit({
                rules,
                role,
                scope: { product, segment, region },
                compensationType,
                amount: { amount: cents, currency: 'HKD' },
                usage: [],
                nowMs: NOW.getTime(),
                limitsAgeMs: 0,
                maxLimitsAgeMs: 86_400_000,
              }).outcome;
            const where = `${role} ${product} ${region} ${compensationType}`;
            expect(decide('government', 1), where).toBe('needs_approval');
            expect(decide('enterprise', 100_01), where).toBe('needs_approval');
          }
  });
});

describe('demo organisation: risk register', () => {
  it('has 5–8 risks owned by a manager or supervisor, controlled by real tactics', () => {
    expect(org.risks.length).toBeGreaterThanOrEqual(5);
    expect(org.risks.length).toBeLessThanOrEqual(8);
    const tacticIds = new Set(org.tactics.map((t) => t.id));
    for (const r of org.risks) {
      const owner = org.users.find((u) => u.id === r.ownerId);
      expect(['manager', 'supervisor'], r.title).toContain(owner?.role);
      expect(r.controlTacticIds.length, r.title).toBeGreaterThan(0);
      for (const id of r.controlTacticIds) expect(tacticIds.has(id), r.title).toBe(true);
      const controls = org.tactics.filter((t) => r.controlTacticIds.includes(t.id));
      for (const t of controls) expect(t.category, r.title).toBe(r.category);
      expect(r.residual.likelihood * r.residual.impact).toBeLessThanOrEqual(
        r.inherent.likelihood * r.inherent.impact,
      );
    }
  });

  it('has one appetite per category used by a risk or a tactic', () => {
    const appetiteCategories = org.riskAppetite.map((a) => a.category);
    expect(new Set(appetiteCategories).size).toBe(appetiteCategories.length);
    for (const c of [...org.risks.map((r) => r.category), ...org.tactics.map((t) => t.category)]) {
      expect(appetiteCategories, c).toContain(c);
    }
  });
});

describe('demo organisation: reproducible', () => {
  it('builds the same organisation for the same now', () => {
    expect(buildDemoOrganisation(new Date(NOW.getTime()))).toEqual(org);
  });

  it('keeps the same ids when now changes, and moves only the dates', () => {
    const later = buildDemoOrganisation(new Date(NOW.getTime() + 10 * 86_400_000));
    expect(later.users.map((u) => u.id)).toEqual(org.users.map((u) => u.id));
    expect(later.tactics.map((t) => t.id)).toEqual(org.tactics.map((t) => t.id));
    expect(later.plan.id).toBe(org.plan.id);
    expect(later.plan.nextReviewDue).toBe('2026-05-24');
  });
});
