import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AuditEvent,
  ErrorBody,
  LoginResponse,
  SessionInfo,
  User,
} from '../../shared/index.ts';
import { createTestServer, type TestServer } from '../support/harness.ts';

// Sign-in, sessions and revocation through the HTTP API (product.md §6, docs/sync.md SY16).
// Every test gets its own server: the throttle counts failures per client address, and every
// `app.request()` comes from the same (unknown) address.

const MINUTE = 60_000;

async function expectError(
  res: Response,
  status: number,
  code: string,
  field?: string,
): Promise<ErrorBody['error']> {
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body.error;
}

let s: TestServer;
beforeEach(async () => {
  s = await createTestServer('sqlite');
});
afterEach(async () => {
  await s.close();
});

const login = (json: unknown) => s.request('/api/auth/login', { method: 'POST', json });
const credentials = (username: string, password: string) => ({
  username,
  password,
  deviceId: 'phone-0001',
});
const me = (token: string) => s.request('/api/auth/me', { token });

describe('POST /api/auth/login', () => {
  it('signs in with the right password: a token, the user without any password hash, the settings', async () => {
    const res = await login({
      ...credentials('frontline.chan', 'frontline-demo'),
      deviceName: 'Shop phone',
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/passwordHash|password_hash|scrypt/i);
    const body = JSON.parse(text) as LoginResponse;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'frontline.chan',
      role: 'frontline',
      id: s.user('frontline.chan').id,
    });
    expect(Object.keys(body.user).some((k) => /password/i.test(k))).toBe(false);
    expect(body.settings).toEqual({
      maxLimitsAgeMs: s.services.config.maxLimitsAgeMs,
      sessionLifetimeMs: s.services.config.sessionLifetimeMs,
    });
    expect(Date.parse(body.expiresAt)).toBe(s.clock.now() + s.services.config.sessionLifetimeMs);
    expect((await me(body.token)).status).toBe(200);
  });

  it('refuses a wrong password with 401 bad_credentials naming the password', async () => {
    await expectError(
      await login(credentials('frontline.chan', 'not-the-password')),
      401,
      'bad_credentials',
      'password',
    );
  });

  it('answers an unknown user exactly as a wrong password, so usernames cannot be probed', async () => {
    const wrong = await expectError(
      await login(credentials('frontline.chan', 'nope')),
      401,
      'bad_credentials',
      'password',
    );
    const unknown = await expectError(
      await login(credentials('nobody.here', 'nope')),
      401,
      'bad_credentials',
      'password',
    );
    expect(unknown).toEqual(wrong);
  });

  it.each([
    ['a missing deviceId', { username: 'frontline.chan', password: 'frontline-demo' }, 'deviceId'],
    [
      'a too-short deviceId',
      { ...credentials('frontline.chan', 'frontline-demo'), deviceId: 'abc' },
      'deviceId',
    ],
    ['a username with capitals', credentials('Frontline.Chan', 'frontline-demo'), 'username'],
    ['a missing username', { password: 'x', deviceId: 'phone-0001' }, 'username'],
    ['an empty password', credentials('frontline.chan', ''), 'password'],
    ['a numeric username', { ...credentials('x', 'y'), username: 42 }, 'username'],
    [
      'an over-long device name',
      { ...credentials('frontline.chan', 'frontline-demo'), deviceName: 'x'.repeat(121) },
      'deviceName',
    ],
    ['an array body', [1, 2], 'body'],
    ['a JSON null body', null, 'body'],
    ['a JSON string body', 'frontline.chan', 'body'],
  ])('refuses %s with 400 validation naming the field', async (_label, json, field) => {
    await expectError(await login(json), 400, 'validation', field);
  });

  it('refuses a body that is not JSON with 400 validation naming the body', async () => {
    const res = await s.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'username=frontline.chan&password=frontline-demo',
    });
    await expectError(res, 400, 'validation', 'body');
  });

  it('records every failed sign-in in the audit trail without the password', async () => {
    await login(credentials('frontline.chan', 'secret-guess-1'));
    const failed = await s.store.readAudit({ action: 'sign_in_failed', limit: 10 });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      actorId: s.user('frontline.chan').id,
      deviceId: 'phone-0001',
    });
    expect(JSON.stringify(failed)).not.toContain('secret-guess-1');
  });
});

describe('sign-in throttling: 5 failures per 15 minutes', () => {
  const failTimes = async (n: number, username = 'frontline.chan') => {
    for (let i = 0; i < n; i++) {
      await expectError(await login(credentials(username, `wrong-${i}`)), 401, 'bad_credentials');
    }
  };

  it('after 5 wrong passwords even the right one gets 429 too_many_attempts with Retry-After', async () => {
    await failTimes(5);
    const res = await login(credentials('frontline.chan', 'frontline-demo'));
    const retryAfter = Number(res.headers.get('retry-after'));
    await expectError(res, 429, 'too_many_attempts');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('Retry-After counts down with the clock', async () => {
    await failTimes(5);
    s.clock.advance(10 * MINUTE);
    const res = await login(credentials('frontline.chan', 'frontline-demo'));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(5 * 60);
  });

  it('signs in again once 15 minutes have passed', async () => {
    await failTimes(5);
    s.clock.advance(15 * MINUTE + 1_000);
    expect((await login(credentials('frontline.chan', 'frontline-demo'))).status).toBe(200);
  });

  it('locks an unknown username too, so a locked answer does not reveal who exists', async () => {
    await failTimes(5, 'nobody.here');
    expect((await login(credentials('nobody.here', 'x'))).status).toBe(429);
  });

  it('4 failures do not lock, and a successful sign-in resets the count', async () => {
    await failTimes(4);
    expect((await login(credentials('frontline.chan', 'frontline-demo'))).status).toBe(200);
    await failTimes(4);
    expect((await login(credentials('frontline.chan', 'frontline-demo'))).status).toBe(200);
  });

  it('failures older than the window do not add up', async () => {
    await failTimes(4);
    s.clock.advance(15 * MINUTE + 1_000);
    await failTimes(4);
    expect((await login(credentials('frontline.chan', 'frontline-demo'))).status).toBe(200);
  });

  it('one person’s typos do not lock the others behind the same address (a shop’s Wi-Fi, a carrier’s NAT)', async () => {
    await failTimes(5, 'frontline.chan');
    // Same address (every app.request() shares one), another user with the right password.
    expect((await login(credentials('frontline.lam', 'frontline-demo'))).status).toBe(200);
  });

  it('locks the client address after 50 failures across usernames; a success elsewhere does not reset it', async () => {
    for (let i = 0; i < 10; i++) await failTimes(4, `sprayed.user${i}`);
    // Someone who knows one password cannot reset the address's count between guesses.
    expect((await login(credentials('frontline.lam', 'frontline-demo'))).status).toBe(200);
    for (let i = 10; i < 12; i++) await failTimes(4, `sprayed.user${i}`);
    await failTimes(2, 'sprayed.user12'); // the 50th failure from this address
    expect((await login(credentials('frontline.lam', 'frontline-demo'))).status).toBe(429);
  });
});

describe('sign-in throttling behind a reverse proxy (TRUST_PROXY_HOPS)', () => {
  const loginVia = (server: TestServer, forwardedFor: string, username: string, password: string) =>
    server.request('/api/auth/login', {
      method: 'POST',
      headers: { 'x-forwarded-for': forwardedFor },
      json: credentials(username, password),
    });
  /** frontline.lam, with the right password, from `forwardedFor`. */
  const lamVia = (server: TestServer, forwardedFor: string) =>
    loginVia(server, forwardedFor, 'frontline.lam', 'frontline-demo');
  /** 50 wrong passwords over 13 usernames from one client, its forged entries changing each time. */
  const spray = async (server: TestServer, client: string) => {
    for (let i = 0; i < 50; i++) {
      const res = await loginVia(server, `10.9.${i}.1, ${client}`, `sprayed.user${i % 13}`, 'x');
      expect(res.status).toBe(401);
    }
  };

  it('counts per address the trusted proxy saw: the sprayer is locked, the next client is not', async () => {
    const behindProxy = await createTestServer('sqlite', { trustProxyHops: 1 });
    try {
      await spray(behindProxy, '203.0.113.7');
      const fromSprayer = await lamVia(behindProxy, '203.0.113.7');
      expect(fromSprayer.status).toBe(429);
      const fromOther = await lamVia(behindProxy, '198.51.100.20');
      expect(fromOther.status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted (anyone can write it)', async () => {
    expect(s.config.trustProxyHops).toBe(0);
    await spray(s, '203.0.113.7');
    // Every request came from the same peer: another forwarded address changes nothing.
    const res = await lamVia(s, '198.51.100.20');
    expect(res.status).toBe(429);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me answers the signed-in user and session', async () => {
    const res = await login(credentials('supervisor.wong', 'supervisor-demo'));
    const { token, sessionId } = (await res.json()) as LoginResponse;
    const body = (await (await me(token)).json()) as { user: User; sessionId: string };
    expect(body.sessionId).toBe(sessionId);
    expect(body.user).toMatchObject({ username: 'supervisor.wong', role: 'supervisor' });
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it.each([
    ['no token', {}],
    ['a garbage token', { authorization: 'Bearer not-a-real-token' }],
    ['a non-bearer scheme', { authorization: 'Basic ZnJvbnRsaW5lLmNoYW46ZnJvbnRsaW5lLWRlbW8=' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers %s with 401 unauthenticated', async (_label, headers) => {
    await expectError(await s.request('/api/auth/me', { headers }), 401, 'unauthenticated');
  });

  it('logout revokes the session: the token then gets 401', async () => {
    const token = await s.login('frontline.chan');
    const out = await s.request('/api/auth/logout', { method: 'POST', token });
    expect(out.status).toBe(204);
    await expectError(await me(token), 401, 'session_revoked');
    await expectError(await s.request('/api/sync/pull', { token }), 401, 'session_revoked');
    expect(await s.store.readAudit({ action: 'sign_out', limit: 10 })).toHaveLength(1);
  });

  it('[SY16] an expired session gets 401 session_expired on me, pull and push', async () => {
    const token = await s.login('frontline.chan');
    s.clock.advance(s.services.config.sessionLifetimeMs - 1_000);
    expect((await me(token)).status).toBe(200);
    s.clock.advance(1_000);
    await expectError(await me(token), 401, 'session_expired');
    await expectError(await s.request('/api/sync/pull', { token }), 401, 'session_expired');
    await expectError(
      await s.request('/api/sync/push', {
        method: 'POST',
        token,
        json: { protocolVersion: 1, mutations: [] },
      }),
      401,
      'session_expired',
    );
  });

  it("GET /api/sessions lists one's own sessions", async () => {
    const first = await s.login('frontline.chan', 'phone-aaaa');
    await s.login('frontline.chan', 'phone-bbbb');
    await s.login('frontline.lam', 'phone-cccc');
    const res = await s.request('/api/sessions', { token: first });
    expect(res.status).toBe(200);
    const { sessions } = (await res.json()) as { sessions: SessionInfo[] };
    expect(sessions.map((x) => x.deviceId).sort()).toEqual(['phone-aaaa', 'phone-bbbb']);
    expect(JSON.stringify(sessions)).not.toMatch(/token/i);
    const own = await s.request(`/api/sessions?userId=${s.user('frontline.chan').id}`, {
      token: first,
    });
    expect(own.status).toBe(200);
  });

  it("a frontline user may not list another user's sessions; a manager and an auditor may", async () => {
    await s.login('frontline.lam', 'phone-cccc');
    const lam = s.user('frontline.lam').id;
    const frontline = await s.login('frontline.chan');
    await expectError(
      await s.request(`/api/sessions?userId=${lam}`, { token: frontline }),
      403,
      'forbidden',
      'userId',
    );
    for (const username of ['manager.lee', 'auditor.ho']) {
      const res = await s.request(`/api/sessions?userId=${lam}`, {
        token: await s.login(username),
      });
      const { sessions } = (await res.json()) as { sessions: SessionInfo[] };
      expect(sessions.map((x) => x.deviceId)).toEqual(['phone-cccc']);
    }
  });
});

describe('a manager revokes a lost phone', () => {
  async function victimSession() {
    const res = await login({
      ...credentials('frontline.chan', 'frontline-demo'),
      deviceId: 'lost-phone-01',
    });
    return (await res.json()) as LoginResponse;
  }

  it('[SY16] the revoked token gets 401 session_revoked, and the revocation is in the audit trail', async () => {
    const victim = await victimSession();
    const manager = await s.login('manager.lee');
    const res = await s.request(`/api/sessions/${victim.sessionId}/revoke`, {
      method: 'POST',
      token: manager,
    });
    expect(res.status).toBe(200);
    const { session } = (await res.json()) as { session: SessionInfo };
    expect(session).toMatchObject({
      id: victim.sessionId,
      revokedAt: new Date(s.clock.now()).toISOString(),
    });

    await expectError(await me(victim.token), 401, 'session_revoked');
    await expectError(
      await s.request('/api/sync/pull', { token: victim.token }),
      401,
      'session_revoked',
    );

    const audit = await s.request('/api/audit?action=session_revoked', { token: manager });
    const { events } = (await audit.json()) as { events: AuditEvent[] };
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: s.user('manager.lee').id,
      entityKind: 'session',
      entityId: victim.sessionId,
      detail: { userId: s.user('frontline.chan').id, deviceId: 'lost-phone-01' },
    });
  });

  it('revoking twice is harmless and audited once', async () => {
    const victim = await victimSession();
    const manager = await s.login('manager.lee');
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await s.request(`/api/sessions/${victim.sessionId}/revoke`, {
            method: 'POST',
            token: manager,
          })
        ).status,
      ).toBe(200);
    }
    expect(await s.store.readAudit({ action: 'session_revoked', limit: 10 })).toHaveLength(1);
  });

  it.each(['frontline.lam', 'supervisor.wong', 'auditor.ho'])(
    '%s cannot revoke a session (403 forbidden)',
    async (username) => {
      const victim = await victimSession();
      const token = await s.login(username);
      await expectError(
        await s.request(`/api/sessions/${victim.sessionId}/revoke`, { method: 'POST', token }),
        403,
        'forbidden',
      );
      expect((await me(victim.token)).status).toBe(200);
    },
  );

  it('revoking an unknown session answers 404 not_found', async () => {
    const manager = await s.login('manager.lee');
    for (const id of ['019cfeab-d500-7000-8000-000000000999', 'not-a-session']) {
      await expectError(
        await s.request(`/api/sessions/${id}/revoke`, { method: 'POST', token: manager }),
        404,
        'not_found',
      );
    }
  });
});
