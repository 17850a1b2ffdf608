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
  type FeedPosition,
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
 * Whether a pull with this visibility returns a row with these keys: `Store.pullDocs`'s filter, in
 * memory, so that one read of a wake's new rows tells each held watch whether to look (SY18), and
 * one item read by id under a user's record keys (a photo, SY20) is shown to exactly those who
 * pull that user's records. The storage contract suite holds it to the SQL on both databases.
 */
export function mayPull(
  v: Visibility,
  key: Pick<FeedKey, 'ownerId' | 'teamId' | 'audience'>,
): boolean {
  if (key.ownerId === v.userId) return true;
  if (v.seesEverything) return key.audience !== PRIVATE_AUDIENCE;
  return (
    v.audiences.includes(key.audience) || (key.teamId !== null && v.teamIds.includes(key.teamId))
  );
}

/** Whether a feed position comes after another, in (txid, seq) order: the order of a pull. */
export const isAfter = (p: FeedPosition, after: FeedPosition): boolean =>
  p.txid > after.txid || (p.txid === after.txid && p.seq > after.seq);

/**
 * One wake's keys arranged for many held watches: the furthest position per owner, per team and
 * per audience, and of every row not private. A watch asks `hasPullableAfter` in a few lookups
 * instead of a pass over every key, which with thousands of phones waiting is what keeps a wake
 * cheap. Keys arrive in feed order, so the last one of a group is its furthest.
 */
export interface KeyIndex {
  readonly byOwner: ReadonlyMap<string, FeedPosition>;
  readonly byTeam: ReadonlyMap<string, FeedPosition>;
  readonly byAudience: ReadonlyMap<string, FeedPosition>;
  readonly lastShared: FeedPosition | null;
}

export function indexKeys(keys: readonly FeedKey[]): KeyIndex {
  const byOwner = new Map<string, FeedPosition>();
  const byTeam = new Map<string, FeedPosition>();
  const byAudience = new Map<string, FeedPosition>();
  let lastShared: FeedPosition | null = null;
  for (const k of keys) {
    if (k.ownerId !== null) byOwner.set(k.ownerId, k);
    if (k.teamId !== null) byTeam.set(k.teamId, k);
    byAudience.set(k.audience, k);
    if (k.audience !== PRIVATE_AUDIENCE) lastShared = k;
  }
  return { byOwner, byTeam, byAudience, lastShared };
}

/**
 * Whether the keys hold a row after `after` that a pull with this visibility returns: exactly
 * `keys.some((k) => isAfter(k, after) && mayPull(v, k))`, in a few lookups.
 */
export function hasPullableAfter(index: KeyIndex, v: Visibility, after: FeedPosition): boolean {
  const beyond = (p: FeedPosition | null | undefined) => p != null && isAfter(p, after);
  if (beyond(index.byOwner.get(v.userId))) return true;
  if (v.seesEverything) return beyond(index.lastShared);
  return (
    v.audiences.some((a) => beyond(index.byAudience.get(a))) ||
    v.teamIds.some((t) => beyond(index.byTeam.get(t)))
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

/** The audience every record is kept under (`recordOwnership`), and its photos with it. */
export const RECORD_AUDIENCE = 'record';

/** Ownership keys for a record made by `user`: visible to them, their supervisor and management. */
export function recordOwnership(
  user: User,
): Pick<DocWrite, 'ownerId' | 'teamId' | 'orgId' | 'audience'> {
  return { ownerId: user.id, teamId: user.teamId, orgId: user.orgId, audience: RECORD_AUDIENCE };
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
