import {
  approvalAuthority,
  approvalCommandRefusal,
  approvalWait,
  canApprove,
  governingPeriodUse,
  type ApprovalInboxItem,
  type ApprovalInboxResponse,
  type ApprovalRequest,
  type Incident,
  type LimitException,
  type LimitRule,
  type Recovery,
  type UsageEntry,
  type User,
} from '../../../../shared/index.ts';
import { errors } from '../../http/app-error.ts';
import type { Store, StoredUser } from '../../storage/store.ts';
import type { Principal } from '../auth.ts';
import { iso, type Clock } from '../clock.ts';
import { ledTeams } from '../sync/visibility.ts';
import { currentLimitRules } from './authority.ts';
import { storedPeriodUse } from '../usage.ts';

type Person = ApprovalInboxItem['requester'];

/** Loads each person and each person's period use once per inbox. */
class Lookups {
  private readonly users = new Map<string, Promise<StoredUser | undefined>>();
  private readonly usage = new Map<string, Promise<UsageEntry[]>>();

  constructor(
    private readonly store: Store,
    private readonly nowMs: number,
  ) {}

  user(id: string): Promise<StoredUser | undefined> {
    let u = this.users.get(id);
    if (!u) {
      u = this.store.getUser(id);
      this.users.set(id, u);
    }
    return u;
  }

  async person(id: string): Promise<Person> {
    const u = await this.user(id);
    return u
      ? { id, username: u.username, displayName: u.displayName, role: u.role, teamId: u.teamId }
      : { id, username: 'unknown', displayName: 'Unknown person', role: 'frontline', teamId: null };
  }

  /** The person's use in the current day, week and month, on every device (SY14). */
  usageOf(userId: string): Promise<UsageEntry[]> {
    let u = this.usage.get(userId);
    if (!u) {
      u = storedPeriodUse(this.store, userId, this.nowMs);
      this.usage.set(userId, u);
    }
    return u;
  }
}

async function docsById<T>(store: Store, kind: string, ids: string[]): Promise<Map<string, T>> {
  const found = await store.getDocs(kind, [...new Set(ids)]);
  return new Map([...found].filter(([, d]) => !d.deleted).map(([id, d]) => [id, d.data as T]));
}

async function approvalItems(
  store: Store,
  user: User,
  led: readonly string[],
  rules: readonly LimitRule[],
  look: Lookups,
  nowMs: number,
): Promise<ApprovalInboxItem[]> {
  const open = await store.listOpenApprovals(user.role === 'manager' ? null : led);
  const requests = await docsById<ApprovalRequest>(
    store,
    'approval_request',
    open.map((o) => o.id),
  );
  // Only what this person may decide now: not their own, their teams, their authority (AP4).
  const decidable = open
    .map((o) => requests.get(o.id))
    .filter((r): r is ApprovalRequest => r !== undefined)
    .filter(
      (r) =>
        approvalCommandRefusal(
          r,
          'approve',
          {
            id: user.id,
            role: user.role,
            ledTeamIds: led,
            authority: approvalAuthority(
              rules,
              user.role,
              r.scope,
              r.compensationType,
              r.amount.currency,
            ),
          },
          r.state,
        ) === null,
    );
  const recoveries = await docsById<Recovery>(
    store,
    'recovery',
    decidable.map((r) => r.recoveryId),
  );
  const incidents = await docsById<Incident>(
    store,
    'incident',
    decidable.flatMap((r) => (r.incidentId ? [r.incidentId] : [])),
  );
  const items: ApprovalInboxItem[] = [];
  for (const request of decidable) {
    const recovery = recoveries.get(request.recoveryId);
    if (!recovery) continue;
    const requester = await look.person(request.requesterId);
    items.push({
      request,
      requester,
      recovery,
      incident: request.incidentId ? (incidents.get(request.incidentId) ?? null) : null,
      periodUse: governingPeriodUse({
        rules,
        role: requester.role,
        scope: request.scope,
        compensationType: request.compensationType,
        currency: request.amount.currency,
        usage: await look.usageOf(request.requesterId),
        nowMs,
      }),
      ...approvalWait(request, nowMs),
    });
  }
  return items;
}

async function exceptionItems(
  store: Store,
  user: User,
  led: readonly string[],
  look: Lookups,
): Promise<ApprovalInboxResponse['exceptions']> {
  // Few and short-lived (acknowledged ones drop out): read from the documents, no side table.
  const open = (await store.listDocs('limit_exception'))
    .filter((d) => !d.deleted)
    .map((d) => d.data as LimitException)
    .filter((e) => e.acknowledgement === null && e.userId !== user.id)
    .filter((e) => user.role === 'manager' || (e.teamId !== null && led.includes(e.teamId)))
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
  const recoveries = await docsById<Recovery>(
    store,
    'recovery',
    open.map((e) => e.recoveryId),
  );
  const items: ApprovalInboxResponse['exceptions'] = [];
  for (const exception of open) {
    items.push({
      exception,
      requester: await look.person(exception.userId),
      recovery: recoveries.get(exception.recoveryId) ?? null,
    });
  }
  return items;
}

/**
 * An approver's inbox (product.md §5): the open requests they may decide, oldest first, each with
 * what is needed to decide it, and the unacknowledged limit exceptions of their teams.
 */
export async function approvalInbox(
  store: Store,
  clock: Clock,
  p: Principal,
): Promise<ApprovalInboxResponse> {
  const { user } = p;
  if (!canApprove(user.role)) {
    throw errors.forbidden('The approval inbox is for supervisors and managers');
  }
  const nowMs = clock.now();
  const led = await ledTeams(store, user);
  const rules = await currentLimitRules(store);
  const look = new Lookups(store, nowMs);
  return {
    approvals: await approvalItems(store, user, led, rules, look, nowMs),
    exceptions: await exceptionItems(store, user, led, look),
    serverTime: iso(nowMs),
  };
}
