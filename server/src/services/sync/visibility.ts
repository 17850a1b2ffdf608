import {
  planForRole,
  type LimitSet,
  type PlanVersion,
  teamsLedBy,
  type Team,
  type User,
} from '../../../../shared/index.ts';
import {
  PRIVATE_AUDIENCE,
  type DocWrite,
  type FeedKey,
  type Store,
  type Visibility,
} from '../../storage/store.ts';

/**
 * What a user's devices may pull (product.md §6: a device holds only what its user may see).
 * `ledTeamIds` are the teams a supervisor leads (see `ledTeams`).
 */
export function visibilityFor(user: User, ledTeamIds: readonly string[] = []): Visibility {
  switch (user.role) {
    case 'manager':
    case 'auditor':
      return { seesEverything: true, audiences: [], userId: user.id, teamIds: [] };
    case 'supervisor':
      return {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:supervisor'],
        userId: user.id,
        teamIds: ledTeamIds,
      };
    case 'frontline':
      return {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:frontline'],
        userId: user.id,
        teamIds: [],
      };
    case 'outsourcer':
      return {
        seesEverything: false,
        audiences: ['all', 'role:outsourcer', ...(user.orgId ? [`org:${user.orgId}`] : [])],
        userId: user.id,
        teamIds: [],
      };
  }
}

/**
 * Whether a viewer may see something kept under a user's record keys (audience `record`): the
 * rule `Store.pullDocs` applies to records, for one item read by id (a photo, SY20).
 */
export function maySeeRecord(
  v: Visibility,
  keys: { readonly ownerId: string | null; readonly teamId: string | null },
): boolean {
  return (
    v.seesEverything ||
    keys.ownerId === v.userId ||
    (keys.teamId !== null && v.teamIds.includes(keys.teamId))
  );
}

/**
 * Whether a pull with this visibility returns a row with these keys: `Store.pullDocs`'s filter, in
 * memory, so that one read of a wake's new rows tells each held watch whether to look (SY18). The
 * storage contract suite holds it to the SQL on both databases.
 */
export function mayPull(v: Visibility, key: FeedKey): boolean {
  if (key.ownerId === v.userId) return true;
  if (v.seesEverything) return key.audience !== PRIVATE_AUDIENCE;
  return (
    v.audiences.includes(key.audience) || (key.teamId !== null && v.teamIds.includes(key.teamId))
  );
}

/**
 * Documents shared by audience are trimmed to what the role may read: plan sections outside the
 * role's audience, and limit rules of other roles, never reach the device.
 */
export function redactFor(user: User, kind: string, data: unknown): unknown {
  if (kind === 'plan_version') return planForRole(data as PlanVersion, user.role);
  if (kind === 'limit_set' && user.role !== 'manager' && user.role !== 'auditor') {
    const set = data as LimitSet;
    return { ...set, rules: set.rules.filter((r) => r.role === '*' || r.role === user.role) };
  }
  return data;
}

/** Ownership keys for a record made by `user`: visible to them, their supervisor and management. */
export function recordOwnership(
  user: User,
): Pick<DocWrite, 'ownerId' | 'teamId' | 'orgId' | 'audience'> {
  return { ownerId: user.id, teamId: user.teamId, orgId: user.orgId, audience: 'record' };
}

/** Audience tags for shared documents of each kind. */
export const SHARED_AUDIENCE = {
  reference: 'all',
  plan_version: 'all',
  tactic: 'all',
  limit_set: 'all',
  outsourcing_party: 'all',
  team: 'staff',
  risk: 'staff',
  risk_appetite: 'management',
} as const;

/** The teams a supervisor leads (`teamsLedBy`), from the stored team documents. */
export async function ledTeams(store: Store, user: User): Promise<string[]> {
  if (user.role !== 'supervisor') return [];
  return teamsLedBy(
    user,
    (await store.listDocs('team')).map((d) => d.data as Team),
  );
}
