import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, ErrorBody, LoginResponse } from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';
import { incidentArgs } from '../support/factories.ts';

// A small API smoke on every database; the rest of test/api runs on SQLite only, for speed.

describe.each(databaseTargets())('API smoke on $name', ({ name }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(name);
  });
  afterAll(async () => {
    await s.close();
  });

  const errorCode = async (res: Response) => ({
    status: res.status,
    code: ((await res.json()) as ErrorBody).error.code,
  });

  it('GET /api/health answers ok and the database', async () => {
    const res = await s.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: name });
  });

  it('sign in, push, pull back, and find it in the audit trail', async () => {
    const token = await s.login('frontline.chan');
    const incident = incidentArgs();
    const pushed = await s.push(token, [mutation('incident.record', incident)]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
    const page = await s.pull(token);
    expect(page.changes.filter((c) => c.id === incident.id)).toHaveLength(1);

    const manager = await s.login('manager.lee');
    const res = await s.request(`/api/audit?entityId=${incident.id}`, { token: manager });
    const { events } = (await res.json()) as { events: AuditEvent[] };
    expect(events.map((e) => e.action)).toEqual(['create']);
    const verify = await s.request('/api/audit/verify', { token: manager });
    expect(await verify.json()).toMatchObject({ ok: true });
  });

  it('wrong password → 401 bad_credentials; bad input → 400 naming the field', async () => {
    const wrong = await s.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'manager.yuen', password: 'nope', deviceId: 'phone-0001' },
    });
    expect(await errorCode(wrong)).toEqual({ status: 401, code: 'bad_credentials' });
    const token = await s.login('frontline.tsang');
    const bad = await s.request('/api/sync/pull?cursor=abc', { token });
    expect(await bad.json()).toMatchObject({ error: { code: 'validation', field: 'cursor' } });
  });

  it('a cursor beyond any feed position is 400 bad_cursor, not a 500; the largest exact one is an empty page', async () => {
    const token = await s.login('frontline.tsang');
    for (const cursor of [`${'9'.repeat(30)}.${'9'.repeat(30)}`, `${2 ** 53}.0`, `0.${2 ** 53}`]) {
      const res = await s.request(`/api/sync/pull?cursor=${cursor}`, { token });
      expect(await res.json(), cursor).toMatchObject({
        error: { code: 'bad_cursor', field: 'cursor' },
      });
      expect(res.status).toBe(400);
    }
    const edge = `${Number.MAX_SAFE_INTEGER}.0`;
    expect(await s.pull(token, edge)).toMatchObject({ changes: [], hasMore: false, cursor: edge });
  });

  it('a NUL character in a filter, a session id or a device name (or half an emoji in one) is a 4xx naming it, not a 500', async () => {
    const manager = await s.login('manager.lee');
    const field = async (res: Response) => ({
      status: res.status,
      field: ((await res.json()) as ErrorBody).error.field,
    });
    expect(await field(await s.request('/api/audit?actorId=%00x', { token: manager }))).toEqual({
      status: 400,
      field: 'actorId',
    });
    expect(
      await field(await s.request('/api/audit/export.csv?entityId=a%00', { token: manager })),
    ).toEqual({ status: 400, field: 'entityId' });
    expect(await field(await s.request('/api/sessions?userId=%00', { token: manager }))).toEqual({
      status: 400,
      field: 'userId',
    });
    expect(
      await field(await s.request('/api/sessions/%00/revoke', { method: 'POST', token: manager })),
    ).toEqual({ status: 404, field: 'sessionId' });
    // SY21: half an emoji is refused like a NUL, not stored changed.
    for (const deviceName of ['Shop\u0000phone', `Shop ${'📱'.slice(0, 1)}`]) {
      const login = await s.request('/api/auth/login', {
        method: 'POST',
        json: {
          username: 'manager.lee',
          password: s.user('manager.lee').password,
          deviceId: 'phone-0001',
          deviceName,
        },
      });
      expect(await field(login), JSON.stringify(deviceName)).toEqual({
        status: 400,
        field: 'deviceName',
      });
    }
  });

  it('a revoked session can neither pull nor push', async () => {
    const login = await s.request('/api/auth/login', {
      method: 'POST',
      json: {
        username: 'outsourcer.cheung',
        password: s.user('outsourcer.cheung').password,
        deviceId: 'lost-phone-02',
      },
    });
    const { token, sessionId } = (await login.json()) as LoginResponse;
    const manager = await s.login('manager.lee');
    expect(
      (await s.request(`/api/sessions/${sessionId}/revoke`, { method: 'POST', token: manager }))
        .status,
    ).toBe(200);
    expect(await errorCode(await s.request('/api/sync/pull', { token }))).toEqual({
      status: 401,
      code: 'session_revoked',
    });
    const push = await s.request('/api/sync/push', {
      method: 'POST',
      token,
      json: { protocolVersion: 1, mutations: [mutation('incident.record', incidentArgs())] },
    });
    expect(await errorCode(push)).toEqual({ status: 401, code: 'session_revoked' });
  });
});
