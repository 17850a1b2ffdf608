import type { Store, DocWrite } from '../storage/store.ts';
import { hashPassword } from '../services/passwords.ts';
import { audit } from '../services/audit.ts';
import type { Clock } from '../services/clock.ts';
import { SHARED_AUDIENCE } from '../services/sync/visibility.ts';
import { buildDemoOrganisation, type DemoOrganisation } from './demo-data.ts';

export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  readonly displayName: string;
}

const shared = (kind: keyof typeof SHARED_AUDIENCE, id: string, data: unknown): DocWrite => ({
  kind,
  id,
  ownerId: null,
  teamId: null,
  orgId: null,
  audience: SHARED_AUDIENCE[kind],
  data,
});

/** Writes an organisation (reference lists, people, plan, tactics, limits, risks) in one transaction. */
export async function seedOrganisation(
  store: Store,
  org: DemoOrganisation,
  clock: Clock,
  passwordHashCost: number,
): Promise<void> {
  const users = await Promise.all(
    org.users.map(async ({ password, ...u }) => ({
      ...u,
      passwordHash: await hashPassword(password, passwordHashCost),
    })),
  );
  const docs: DocWrite[] = [
    ...org.references.map((r) => shared('reference', r.id, r)),
    ...org.outsourcingParties.map((p) => shared('outsourcing_party', p.id, p)),
    ...org.teams.map((t) => shared('team', t.id, t)),
    shared('plan_version', org.plan.id, org.plan),
    ...org.tactics.map((t) => shared('tactic', t.id, t)),
    shared('limit_set', org.limitSet.id, org.limitSet),
    ...org.risks.map((r) => shared('risk', r.id, r)),
    ...org.riskAppetite.map((a) =>
      shared('risk_appetite', `appetite-${a.category}`, { ...a, id: `appetite-${a.category}` }),
    ),
    // A user document is seen by the user, their team's supervisor and management.
    ...org.users.map(({ password: _p, ...u }) => ({
      kind: 'user',
      id: u.id,
      ownerId: u.id,
      teamId: u.teamId,
      orgId: u.orgId,
      audience: 'record',
      data: u,
    })),
  ];
  await store.transaction(async (tx) => {
    await tx.insertUsers(users);
    await tx.putDocs(docs);
    await tx.setMeta('seeded', new Date(clock.now()).toISOString());
    await audit(tx, clock, {
      action: 'seed',
      actorId: null,
      detail: {
        users: users.length,
        documents: docs.length,
        planVersion: org.plan.version,
        limitsVersion: org.limitSet.version,
      },
    });
  });
}

/** Seeds the demo organisation when the database has no users; returns its logins, or null. */
export async function seedDemoIfEmpty(
  store: Store,
  clock: Clock,
  passwordHashCost: number,
): Promise<DemoLogin[] | null> {
  if ((await store.countUsers()) > 0) return null;
  const org = buildDemoOrganisation(new Date(clock.now()));
  await seedOrganisation(store, org, clock, passwordHashCost);
  return org.users.map((u) => ({
    username: u.username,
    password: u.password,
    role: u.role,
    displayName: u.displayName,
  }));
}
