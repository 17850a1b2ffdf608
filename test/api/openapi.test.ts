import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/harness.ts';

// GET /api/openapi.json describes every endpoint the app serves, from the same schemas the server
// validates with.

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        responses?: Record<string, unknown>;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        parameters?: Array<{ name: string; in: string }>;
      }
    >
  >;
  components?: { securitySchemes?: Record<string, unknown> };
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Every route in server/src/routes/*.ts and http/app.ts, by hand: a new route must be added here. */
const SERVED = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/sessions',
  'POST /api/sessions/{id}/revoke',
  'POST /api/sync/push',
  'GET /api/sync/pull',
  'GET /api/sync/watch',
  'GET /api/audit',
  'GET /api/audit/verify',
  'GET /api/audit/export.csv',
  'GET /api/approvals/inbox',
  'POST /api/approvals/{id}/decide',
  'POST /api/approvals/{id}/withdraw',
  'POST /api/approvals/phone-code',
  'PUT /api/photos/{id}',
  'GET /api/photos/{id}',
].sort();

let s: TestServer;
let doc: OpenApiDoc;
beforeAll(async () => {
  s = await createTestServer('sqlite');
  const res = await s.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDoc;
});
afterAll(async () => {
  await s.close();
});

const documented = () =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with a bearer scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('lists exactly the routes in the route files', () => {
    expect(documented()).toEqual(SERVED);
  });

  it('lists every route the app actually registers (bar itself)', () => {
    const registered = new Set(
      s.app.routes
        .filter((r) => r.method !== 'ALL' && r.path !== '/api/openapi.json')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...registered].sort()).toEqual(documented());
  });

  it('gives every operation a success and an error response', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses ?? {});
        expect(
          codes.some((c) => /^2\d\d$/.test(c)),
          `${method} ${path}`,
        ).toBe(true);
        expect(codes, `${method} ${path}`).toContain('default');
      }
    }
  });

  it('describes the push body with its mutations and the login body with its fields', () => {
    const push =
      doc.paths['/api/sync/push']?.post?.requestBody?.content['application/json']?.schema;
    expect(push?.properties).toHaveProperty('mutations');
    expect(push?.properties?.mutations?.type).toBe('array');
    expect(push?.required).toEqual(expect.arrayContaining(['protocolVersion', 'mutations']));
    const login =
      doc.paths['/api/auth/login']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(login?.properties ?? {})).toEqual(
      expect.arrayContaining(['username', 'password', 'deviceId']),
    );
  });

  it('names the path parameter of revoke and the query parameters of pull', () => {
    expect(doc.paths['/api/sessions/{id}/revoke']?.post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path' }),
    );
    const pullParams = doc.paths['/api/sync/pull']?.get?.parameters?.map((p) => p.name);
    expect(pullParams).toEqual(expect.arrayContaining(['cursor', 'limit']));
  });
});
