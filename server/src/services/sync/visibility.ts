import { planForRole, type LimitSet, type PlanVersion, type User } from '../../../../shared/index.ts';
import type { DocWrite, Visibility } from '../../storage/store.ts';

/** What a user's devices may pull (product.md §6: a device holds only what its user may see). */
export function visibilityFor(user: User): Visibility {
  switch (user.role) {
    case 'manager':
    case 'auditor':
      return { seesEverything: true, audiences: [], userId: user.id, teamId: null };
    case 'supervisor':
      return {
        seesEverything: false,
        audiences: ['all', 'staff', 'role:supervisor'],
        userId: user.id,
        teamId: user.teamId,
      };
    case 'frontline':
      return { seesEverything: false, audiences: ['all', 'staff', 'role:frontline'], userId: user.id, teamId: null };
    case 'outsourcer':
      return {
        seesEverything: false,
        audiences: ['all', 'role:outsourcer', ...(user.orgId ? [`org:${user.orgId}`] : [])],
        userId: user.id,
        teamId: null,
      };
  }
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
export function recordOwnership(user: User): Pick<DocWrite, 'ownerId' | 'teamId' | 'orgId' | 'audience'> {
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
