import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  uuidv7,
  type ErrorBody,
  type LoginResponse,
  type PushResponse,
  type Role,
} from '../../shared/index.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';
import { incidentArgs } from '../support/factories.ts';

// Who may call what (product.md §2): a table of role × endpoint → status, checked through the API.

const ROLES = [
  'frontline',
  'outsourcer',
  'supervisor',
  'manager',
  'auditor',
] as const satisfies readonly Role[];
type Caller = Role | 'anonymous';

const USER_OF: Record<Role, string> = {
  frontline: 'frontline.chan',
  outsourcer: 'outsourcer.cheung',
  supervisor: 'supervisor.wong',
  manager: 'manager.lee',
  auditor: 'auditor.ho',
};

interface Endpoint {
  readonly label: string;
  readonly method: 'GET' | 'POST';
  /** The path; `ctx` gives ids made at set-up. */
  readonly path: (ctx: Context) => string;
  readonly json?: (ctx: Context) => unknown;
  /** Status for each signed-in role; anonymous callers always get 401 unless `isPublic`. */
  readonly expect: Record<Role, number>;
  readonly isPublic?: boolean;
}

interface Context {
  readonly victimSessionId: string;
  readonly otherUserId: string;
}

const all = (status: number): Record<Role, number> => ({
  frontline: status,
  outsourcer: status,
  supervisor: status,
  manager: status,
  auditor: status,
});
const oversight = (allowed: number): Record<Role, number> => ({
  ...all(403),
  manager: allowed,
  auditor: allowed,
});

const ENDPOINTS: readonly Endpoint[] = [
  { label: 'health', method: 'GET', path: () => '/api/health', expect: all(200), isPublic: true },
  {
    label: 'openapi',
    method: 'GET',
    path: () => '/api/openapi.json',
    expect: all(200),
    isPublic: true,
  },
  { label: 'me', method: 'GET', path: () => '/api/auth/me', expect: all(200) },
  { label: 'own sessions', method: 'GET', path: () => '/api/sessions', expect: all(200) },
  {
    label: "another user's sessions",
    method: 'GET',
    path: (c) => `/api/sessions?userId=${c.otherUserId}`,
    expect: oversight(200),
  },
  {
    label: 'revoke a session',
    method: 'POST',
    path: (c) => `/api/sessions/${c.victimSessionId}/revoke`,
    expect: { ...all(403), manager: 200 },
  },
  {
    label: 'push',
    method: 'POST',
    path: () => '/api/sync/push',
    json: () => ({
      protocolVersion: PROTOCOL_VERSION,
      mutations: [mutation('feedback.send', feedbackArgs())],
    }),
    expect: all(200),
  },
  { label: 'pull', method: 'GET', path: () => '/api/sync/pull', expect: all(200) },
  {
    label: 'watch',
    method: 'GET',
    path: () => '/api/sync/watch?cursor=0.0&waitSeconds=0',
    expect: all(200),
  },
  { label: 'audit search', method: 'GET', path: () => '/api/audit', expect: oversight(200) },
  { label: 'audit verify', method: 'GET', path: () => '/api/audit/verify', expect: oversight(200) },
  {
    label: 'audit export',
    method: 'GET',
    path: () => '/api/audit/export.csv',
    expect: oversight(200),
  },
];

function feedbackArgs(text = 'The call-back script is too long for a busy shop.') {
  return {
    id: uuidv7(),
    subject: { kind: 'general' },
    kind: 'suggestion',
    text,
    sentAt: new Date(TEST_NOW).toISOString(),
  };
}

let s: TestServer;
let ctx: Context;
const tokens = new Map<Caller, string | undefined>();

beforeAll(async () => {
  s = await createTestServer('sqlite');
  const victim = await s.request('/api/auth/login', {
    method: 'POST',
    json: {
      username: 'frontline.lam',
      password: s.user('frontline.lam').password,
      deviceId: 'victim-phone',
    },
  });
  ctx = {
    victimSessionId: ((await victim.json()) as LoginResponse).sessionId,
    otherUserId: s.user('frontline.lam').id,
  };
  tokens.set('anonymous', undefined);
  for (const role of ROLES) tokens.set(role, await s.login(USER_OF[role]));
});
afterAll(async () => {
  await s.close();
});

const cases = ENDPOINTS.flatMap((e) => [
  ...ROLES.map((role) => ({ caller: role as Caller, endpoint: e, status: e.expect[role] })),
  { caller: 'anonymous' as Caller, endpoint: e, status: e.isPublic ? 200 : 401 },
]);

describe('role × endpoint', () => {
  it.each(
    cases.map((c) => [c.caller, `${c.endpoint.method} ${c.endpoint.label}`, c.status, c] as const),
  )('%s: %s → %i', async (_caller, _label, status, { caller, endpoint }) => {
    const token = tokens.get(caller);
    const res = await s.request(endpoint.path(ctx), {
      method: endpoint.method,
      ...(token ? { token } : {}),
      ...(endpoint.json ? { json: endpoint.json(ctx) } : {}),
    });
    expect(res.status).toBe(status);
    if (status >= 400) {
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
    }
  });

  it('logout works for every role', async () => {
    for (const role of ROLES) {
      const token = await s.login(USER_OF[role], `logout-${role}`);
      expect((await s.request('/api/auth/logout', { method: 'POST', token })).status, role).toBe(
        204,
      );
      expect((await s.request('/api/auth/me', { token })).status, role).toBe(401);
    }
  });
});

describe('an auditor changes nothing (SY13)', () => {
  it('every mutation an auditor pushes is rejected forbidden, and nothing is applied', async () => {
    const auditor = tokens.get('auditor') as string;
    const incident = incidentArgs();
    const feedback = feedbackArgs();
    const batch = [mutation('incident.record', incident), mutation('feedback.send', feedback)];
    const res = await s.request('/api/sync/push', {
      method: 'POST',
      token: auditor,
      json: { protocolVersion: PROTOCOL_VERSION, mutations: batch },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as PushResponse;
    expect(results.map((r) => [r.id, r.status, r.status === 'rejected' ? r.code : null])).toEqual(
      batch.map((m) => [m.id, 'rejected', 'forbidden']),
    );

    const manager = tokens.get('manager') as string;
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await s.pull(manager, cursor);
      for (const c of page.changes) ids.add(c.id);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.has(incident.id)).toBe(false);
    expect(ids.has(feedback.id)).toBe(false);
    const creates = await s.store.readAudit({
      action: 'create',
      actorId: s.user('auditor.ho').id,
      limit: 10,
    });
    expect(creates).toEqual([]);
  });
});
