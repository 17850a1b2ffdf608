import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_PULL_PAGE,
  MAX_PUSH_BATCH,
  PROTOCOL_VERSION,
  uuidv7,
  type ErrorBody,
} from '../../shared/index.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';
import { incidentArgs } from '../support/factories.ts';

// Every refusal is explicit (product.md §6): `{ error: { code, message, field? } }` with a stable
// code, the field at fault, and never a 500 for bad input.

const ERROR_KEYS = new Set(['code', 'message', 'field']);

async function expectError(
  res: Response,
  status: number,
  code: string,
  field?: string,
): Promise<ErrorBody['error']> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.error?.code, field: body.error?.field }).toEqual({
    status,
    code,
    field: field ?? body.error?.field,
  });
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).every((k) => ERROR_KEYS.has(k))).toBe(true);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await createTestServer('sqlite');
  token = await s.login('frontline.chan');
});
afterAll(async () => {
  await s.close();
});

const validWire = () => mutation('incident.record', incidentArgs());

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/auth'],
    ['POST', '/api/health/deep'],
    ['DELETE', '/api/health'],
  ])('%s %s → 404 not_found as JSON', async (method, path) => {
    const err = await expectError(await s.request(path, { method }), 404, 'not_found');
    expect(err.message).toContain(path);
  });

  it('under a signed-in prefix, sign-in is checked first, so paths cannot be probed anonymously', async () => {
    await expectError(await s.request('/api/audit/nope'), 401, 'unauthenticated');
    await expectError(
      await s.request('/api/audit/nope', { token: await s.login('auditor.ho') }),
      404,
      'not_found',
    );
  });

  it('a wrong method on a known path is a 404, not a 500', async () => {
    await expectError(await s.request('/api/sync/push', { token }), 404, 'not_found');
    await expectError(await s.request('/api/auth/login'), 404, 'not_found');
  });
});

describe('POST /api/sync/push with bad bodies', () => {
  const push = (json: unknown) => s.request('/api/sync/push', { method: 'POST', token, json });
  const batchOf = (n: number) => ({
    protocolVersion: PROTOCOL_VERSION,
    mutations: Array.from({ length: n }, validWire),
  });

  it.each<[string, unknown, string]>([
    ['an empty object', {}, 'protocolVersion'],
    ['no mutations', { protocolVersion: PROTOCOL_VERSION }, 'mutations'],
    [
      'mutations not an array',
      { protocolVersion: PROTOCOL_VERSION, mutations: { 0: 'x' } },
      'mutations',
    ],
    ['an empty batch', { protocolVersion: PROTOCOL_VERSION, mutations: [] }, 'mutations'],
    [`${MAX_PUSH_BATCH + 1} mutations`, batchOf(MAX_PUSH_BATCH + 1), 'mutations'],
    [
      'a mutation id that is not a UUID',
      { protocolVersion: PROTOCOL_VERSION, mutations: [{ ...validWire(), id: 'abc' }] },
      'mutations.0.id',
    ],
    [
      'a bad id in the second mutation',
      { protocolVersion: PROTOCOL_VERSION, mutations: [validWire(), { ...validWire(), id: 42 }] },
      'mutations.1.id',
    ],
    [
      'a bad client time',
      {
        protocolVersion: PROTOCOL_VERSION,
        mutations: [{ ...validWire(), clientTime: 'yesterday' }],
      },
      'mutations.0.clientTime',
    ],
    [
      'a string as a mutation',
      { protocolVersion: PROTOCOL_VERSION, mutations: ['incident.record'] },
      'mutations.0',
    ],
    ['a string instead of an object', 'push these please', 'body'],
    ['an array instead of an object', [validWire()], 'body'],
    ['null', null, 'body'],
    ['a fractional protocol version', { ...batchOf(1), protocolVersion: 1.5 }, 'protocolVersion'],
  ])('refuses %s with 400 validation naming the field', async (_label, json, field) => {
    await expectError(await push(json), 400, 'validation', field);
  });

  it('refuses a body that is not JSON, naming the body', async () => {
    const res = await s.request('/api/sync/push', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: '{"protocolVersion": 1, "mutations": [',
    });
    await expectError(res, 400, 'validation', 'body');
  });

  it('[SY17] refuses another protocol version with 400 unsupported_protocol, applying nothing', async () => {
    const batch = batchOf(1);
    await expectError(
      await push({ ...batch, protocolVersion: PROTOCOL_VERSION + 1 }),
      400,
      'unsupported_protocol',
      'protocolVersion',
    );
    const seen = await s.store.getMutations(batch.mutations.map((m) => m.id));
    expect(seen.size).toBe(0);
  });

  it('[SY6] an unknown mutation name or bad args reject that mutation alone, naming the field', async () => {
    const good = validWire();
    const unknown = { ...validWire(), name: 'incident.delete' };
    const badArgs = mutation('incident.record', {
      ...incidentArgs(),
      severity: { likelihood: 9, impact: 2 },
    });
    const notAnObject = mutation('feedback.send', 'hello');
    const res = await push({
      protocolVersion: PROTOCOL_VERSION,
      mutations: [unknown, badArgs, notAnObject, good],
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: Array<{ status: string; code?: string; field?: string }>;
    };
    expect(results.map((r) => [r.status, r.code, r.field])).toEqual([
      ['rejected', 'validation', 'name'],
      ['rejected', 'validation', 'args.severity.likelihood'],
      ['rejected', 'validation', 'args'],
      ['applied', undefined, undefined],
    ]);
  });
});

describe('POST /api/auth/login with bad bodies', () => {
  const login = (json: unknown) => s.request('/api/auth/login', { method: 'POST', json });

  it.each<[string, unknown, string]>([
    ['an empty object', {}, 'username'],
    ['a number', 7, 'body'],
    [
      'a password that is not a string',
      { username: 'frontline.chan', password: ['a'], deviceId: 'phone-0001' },
      'password',
    ],
    [
      'a device id with spaces',
      { username: 'frontline.chan', password: 'x', deviceId: 'my phone 1' },
      'deviceId',
    ],
    [
      'an over-long password',
      { username: 'frontline.chan', password: 'x'.repeat(257), deviceId: 'phone-0001' },
      'password',
    ],
  ])('refuses %s with 400 validation naming the field', async (_label, json, field) => {
    await expectError(await login(json), 400, 'validation', field);
  });

  it('refuses an empty body as not JSON', async () => {
    const res = await s.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    await expectError(res, 400, 'validation', 'body');
  });
});

describe('GET /api/sync/pull with bad queries', () => {
  it.each([
    ['cursor=abc', 'cursor'],
    ['cursor=1.2.3', 'cursor'],
    ['cursor=-1.0', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    [`limit=${MAX_PULL_PAGE + 1}`, 'limit'],
  ])('%s → 400 naming the field', async (query, field) => {
    const err = await expectError(
      await s.request(`/api/sync/pull?${query}`, { token }),
      400,
      'validation',
      field,
    );
    expect(err.message).toMatch(new RegExp(`^${field}: `));
  });

  it('a well-formed cursor from the future is an empty page, not an error', async () => {
    const page = await s.pull(token, '999999.999999');
    expect(page).toMatchObject({ changes: [], hasMore: false, cursor: '999999.999999' });
  });
});

describe('GET /api/audit with bad queries', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['action=delete_everything', 'action'],
    ['from=yesterday', 'from'],
    ['to=2026-11-23', 'to'],
    ['afterSeq=-1', 'afterSeq'],
  ])('%s → 400 validation naming the field', async (query, field) => {
    const manager = await s.login('manager.lee');
    await expectError(
      await s.request(`/api/audit?${query}`, { token: manager }),
      400,
      'validation',
      field,
    );
  });

  it('bad filters on the CSV export are refused before anything is exported or audited', async () => {
    const manager = await s.login('manager.lee');
    await expectError(
      await s.request('/api/audit/export.csv?action=nope', { token: manager }),
      400,
      'validation',
      'action',
    );
    expect(await s.store.readAudit({ action: 'export', limit: 10 })).toEqual([]);
  });
});

describe('request body limit', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await createTestServer('sqlite', { bodyLimitBytes: 2048 });
  });
  afterAll(async () => {
    await small.close();
  });

  it('a body over the limit is refused with 413 payload_too_large naming the body', async () => {
    const json = {
      username: 'frontline.chan',
      password: 'frontline-demo',
      deviceId: 'phone-0001',
      deviceName: 'x'.repeat(3000),
    };
    await expectError(
      await small.request('/api/auth/login', { method: 'POST', json }),
      413,
      'payload_too_large',
      'body',
    );
  });

  it('a declared Content-Length over the limit is refused the same way', async () => {
    const res = await small.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '5000' },
      body: 'x'.repeat(5000),
    });
    await expectError(res, 413, 'payload_too_large', 'body');
  });

  it('a push over the limit applies nothing; a small one under it works', async () => {
    const t = await small.login('frontline.chan');
    const big = [mutation('incident.record', incidentArgs({ description: 'd'.repeat(2500) }))];
    const res = await small.request('/api/sync/push', {
      method: 'POST',
      token: t,
      json: { protocolVersion: PROTOCOL_VERSION, mutations: big },
    });
    await expectError(res, 413, 'payload_too_large', 'body');
    expect((await small.store.getMutations(big.map((m) => m.id))).size).toBe(0);
    const ok = await small.push(t, [mutation('incident.record', incidentArgs())]);
    expect(ok.results[0]?.status).toBe('applied');
  });
});

describe('never a 500 for bad input', () => {
  it('random junk to every JSON endpoint answers 4xx with the error shape', async () => {
    const junk: unknown[] = [
      0,
      true,
      'x',
      [],
      [null],
      {},
      { mutations: null },
      { protocolVersion: '1', mutations: [{}] },
      { id: uuidv7() },
    ];
    const manager = await s.login('manager.lee');
    for (const body of junk) {
      for (const path of [
        '/api/auth/login',
        '/api/sync/push',
        '/api/auth/logout',
        '/api/sessions/x/revoke',
      ]) {
        const res = await s.request(path, { method: 'POST', token: manager, json: body });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (res.status >= 400) {
          const parsed = (await res.json()) as ErrorBody;
          expect(typeof parsed.error.code, path).toBe('string');
        }
      }
    }
  });
});
