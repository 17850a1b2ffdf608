import {
  approvalAuthority,
  type ApprovalActor,
  type CompensationType,
  type LimitRule,
  type LimitSet,
  type Money,
  type Role,
  type Scope,
  type Team,
  type User,
} from '../../../../shared/index.ts';
import type { Store } from '../../storage/store.ts';
import { ledTeams } from '../sync/visibility.ts';

/** The rules of the current (highest-version) published limit set. */
export async function currentLimitRules(store: Store): Promise<LimitRule[]> {
  let best: LimitSet | undefined;
  for (const d of await store.listDocs('limit_set')) {
    const set = d.data as LimitSet;
    if (!d.deleted && (!best || set.version > best.version)) best = set;
  }
  return best?.rules ?? [];
}

export interface Subject {
  readonly scope: Scope;
  readonly compensationType: CompensationType;
  readonly amount: Money;
}

/** A person as an approver of `subject`: their led teams and their authority there. */
export async function approverOf(
  store: Store,
  user: User,
  rules: readonly LimitRule[],
  subject: Subject,
  ledTeamIds?: readonly string[],
): Promise<ApprovalActor> {
  return {
    id: user.id,
    role: user.role,
    ledTeamIds: ledTeamIds ?? (await ledTeams(store, user)),
    authority: approvalAuthority(
      rules,
      user.role,
      subject.scope,
      subject.compensationType,
      subject.amount.currency,
    ),
  };
}

export type Assignment =
  | { readonly assignedRole: 'supervisor'; readonly escalationReason: null }
  | {
      readonly assignedRole: 'manager';
      readonly escalationReason: 'above_supervisor_authority' | 'no_team_supervisor';
    };

/**
 * Whom a new request waits on: the requester's team supervisor when they have the authority for
 * it, otherwise a manager from the start (product.md §3: escalated when the amount is above the
 * supervisor's own authority). A supervisor's own request always goes to a manager.
 */
export function assignmentFor(
  rules: readonly LimitRule[],
  requester: Pick<User, 'id'>,
  team: Team | undefined,
  subject: Subject,
): Assignment {
  const supervisorRole: Role = 'supervisor';
  if (!team?.supervisorId || team.supervisorId === requester.id) {
    return { assignedRole: 'manager', escalationReason: 'no_team_supervisor' };
  }
  const authority = approvalAuthority(
    rules,
    supervisorRole,
    subject.scope,
    subject.compensationType,
    subject.amount.currency,
  );
  if (authority < subject.amount.amount) {
    return { assignedRole: 'manager', escalationReason: 'above_supervisor_authority' };
  }
  return { assignedRole: 'supervisor', escalationReason: null };
}
