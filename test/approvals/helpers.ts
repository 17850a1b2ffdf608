import { expect } from 'vitest';
import {
  uuidv7,
  type ApprovalRequest,
  type ApprovalState,
  type AuditEvent,
  type LimitException,
  type MutationResult,
  type Recovery,
  type SyncChange,
  type RecoveryInput,
  type User,
  type WireMutation,
} from '../../shared/index.ts';
import { hashPassword } from '../../server/src/services/passwords.ts';
import { recoveryArgs } from '../support/factories.ts';
import { mutation, type TestServer } from '../support/harness.ts';

// Amounts are HKD cents against the demo matrix (server/src/seed/demo-data.ts):
//   frontline bill_credit: HK$300 a case, HK$3,000 a month
//   supervisor bill_credit: HK$2,000 a case (so HK$2,000.01 and up goes to a manager)
//   supervisor refund: HK$1,500 a case;   manager *: HK$20,000 a case

export const HKD = (dollars: number) => ({
  amount: Math.round(dollars * 100),
  currency: 'HKD' as const,
});

export const NEEDS_APPROVAL: RecoveryInput['deviceDecision'] = {
  outcome: 'needs_approval',
  ruleId: null,
  reasons: ['over_per_case'],
  limitsVersion: 1,
  limitsAgeMs: 60_000,
};

/** A recovery the device sent as needing approval (bill credit unless overridden). */
export function askFor(dollars: number, overrides: Partial<RecoveryInput> = {}): WireMutation {
  return mutation(
    'recovery.record',
    recoveryArgs({
      compensationType: 'bill_credit',
      amount: HKD(dollars),
      deviceDecision: NEEDS_APPROVAL,
      ...overrides,
    }),
  );
}

export const argsId = (m: WireMutation) => (m.args as { id: string }).id;

export function decide(
  requestId: string,
  decision: 'approve' | 'reject',
  expectedState: ApprovalState = 'pending',
  reason: string | undefined = decision === 'reject' ? 'Not in line with the tactic' : undefined,
): WireMutation {
  return mutation('approval.decide', {
    requestId,
    decision,
    expectedState,
    ...(reason !== undefined ? { reason } : {}),
  });
}

export function withdraw(requestId: string, expectedState: ApprovalState = 'pending') {
  return mutation('approval.withdraw', { requestId, expectedState });
}

/** The one result of a push of one mutation. */
export async function pushOne(
  s: TestServer,
  token: string,
  m: WireMutation,
): Promise<MutationResult> {
  const [result] = (await s.push(token, [m])).results;
  return result as MutationResult;
}

export async function expectApplied(s: TestServer, token: string, ...ms: WireMutation[]) {
  const { results } = await s.push(token, ms);
  expect(
    results.map((r) => (r.status === 'rejected' ? `${r.code}: ${r.message}` : r.status)),
  ).toEqual(ms.map(() => 'applied'));
}

export async function requestOf(s: TestServer, id: string): Promise<ApprovalRequest> {
  const doc = (await s.store.getDocs('approval_request', [id])).get(id);
  if (!doc) throw new Error(`no approval request ${id}`);
  return doc.data as ApprovalRequest;
}

export async function recoveryOf(s: TestServer, id: string): Promise<Recovery> {
  const doc = (await s.store.getDocs('recovery', [id])).get(id);
  if (!doc) throw new Error(`no recovery ${id}`);
  return doc.data as Recovery;
}

export async function exceptionsOf(s: TestServer): Promise<LimitException[]> {
  return (await s.store.listDocs('limit_exception')).map((d) => d.data as LimitException);
}

/** Audit events about one entity, in order. */
export async function auditOf(s: TestServer, entityId: string): Promise<AuditEvent[]> {
  return s.store.readAudit({ entityId, limit: 1000 });
}

/**
 * Adds a second supervisor to Kowloon Shops (frontline.chan's team): `supervisor.kwok` leads it
 * through membership (see `ledTeams`), so two supervisors may decide chan's requests.
 */
export async function addSecondSupervisor(s: TestServer): Promise<{ user: User; token: string }> {
  const team = s.user('supervisor.wong').teamId;
  const user: User = {
    id: uuidv7(),
    username: 'supervisor.kwok',
    displayName: 'Kwok Wing Sze',
    role: 'supervisor',
    teamId: team,
    orgId: null,
    regions: [],
    locale: 'en',
    active: true,
  };
  await s.store.transaction(async (tx) => {
    await tx.insertUsers([
      { ...user, passwordHash: await hashPassword('supervisor-demo', s.config.passwordHashCost) },
    ]);
    await tx.putDocs([
      {
        kind: 'user',
        id: user.id,
        ownerId: user.id,
        teamId: user.teamId,
        orgId: null,
        audience: 'record',
        data: user,
      },
    ]);
  });
  const res = await s.request('/api/auth/login', {
    method: 'POST',
    json: { username: user.username, password: 'supervisor-demo', deviceId: 'kwok-phone-01' },
  });
  expect(res.status).toBe(200);
  return { user, token: ((await res.json()) as { token: string }).token };
}

/**
 * Pulls from the start until `isDone` holds for what arrived (or 5 s pass). A PostgreSQL pull holds
 * back rows of transactions still running anywhere on the server (SY9), and other test files
 * share it; so a test checks an absence against a row written after the one it expects absent.
 */
export async function pullUntil(
  s: TestServer,
  token: string,
  isDone: (changes: SyncChange[]) => boolean,
): Promise<SyncChange[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const changes: SyncChange[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await s.pull(token, cursor);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (isDone(changes) || Date.now() > deadline) return changes;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const hasDoc = (kind: string, id: string) => (changes: SyncChange[]) =>
  changes.some((c) => c.kind === kind && c.id === id);
