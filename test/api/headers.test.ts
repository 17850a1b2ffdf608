import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema } from '../../shared/index.ts';
import { createTestServer, type TestServer } from '../support/harness.ts';

// The server sends a strict Content-Security-Policy (product.md §6), never lets a cache keep an
// API answer, and compresses large answers for phones on slow links.

let s: TestServer;
let manager: string;
beforeAll(async () => {
  s = await createTestServer('sqlite');
  manager = await s.login('manager.lee');
});
afterAll(async () => {
  await s.close();
});

function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

/** A spread of answers: success, refusal, validation, not found, unauthenticated. */
const RESPONSES: ReadonlyArray<[label: string, get: () => Promise<Response>]> = [
  ['health (200)', () => s.request('/api/health')],
  ['pull (200)', () => s.request('/api/sync/pull', { token: manager })],
  ['audit as manager (200)', () => s.request('/api/audit?limit=1', { token: manager })],
  ['no token (401)', () => s.request('/api/auth/me')],
  ['bad query (400)', () => s.request('/api/sync/pull?limit=0', { token: manager })],
  ['unknown route (404)', () => s.request('/api/nope')],
  [
    'bad credentials (401)',
    () =>
      s.request('/api/auth/login', {
        method: 'POST',
        json: { username: 'nobody.here', password: 'x', deviceId: 'phone-0001' },
      }),
  ],
];

describe('security headers on every API answer', () => {
  it.each(RESPONSES)('%s: a strict CSP', async (_label, get) => {
    const csp = directives((await get()).headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
    }
  });

  it.each(RESPONSES)('%s: nosniff, no-store, no referrer', async (_label, get) => {
    const res = await get();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('a request over the body limit also gets no-store', async () => {
    const small = await createTestServer('sqlite', { bodyLimitBytes: 2048 });
    try {
      const res = await small.request('/api/auth/login', {
        method: 'POST',
        json: { pad: 'x'.repeat(4000) },
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await small.close();
    }
  });
});

describe('compression', () => {
  it('a large pull asked with Accept-Encoding: gzip comes back gzip-encoded and intact', async () => {
    const plain = await s.request('/api/sync/pull', { token: manager });
    const plainText = await plain.text();
    expect(plainText.length).toBeGreaterThan(10_000);

    const res = await s.request('/api/sync/pull', {
      token: manager,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const zipped = Buffer.from(await res.arrayBuffer());
    expect(zipped.length).toBeLessThan(plainText.length / 2);
    const body = pullResponseSchema.parse(JSON.parse(gunzipSync(zipped).toString('utf8')));
    expect(body.changes.length).toBe(
      (JSON.parse(plainText) as { changes: unknown[] }).changes.length,
    );
  });

  it('without Accept-Encoding the answer is not encoded', async () => {
    const res = await s.request('/api/sync/pull', { token: manager });
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});
