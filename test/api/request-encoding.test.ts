import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/index.ts';
import { incidentArgs } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';

// Devices gzip large pushes; the server inflates them within the body limit.

describe('gzipped request bodies', () => {
  let s: TestServer;
  let token: string;
  beforeEach(async () => {
    s = await createTestServer('sqlite', { bodyLimitBytes: 64 * 1024 });
    token = await s.login('frontline.chan');
  });
  afterEach(async () => {
    await s.close();
  });

  const post = (body: Uint8Array | string, encoding?: string) =>
    s.app.request('/api/sync/push', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      },
      // A Node Buffer is a valid body at run time; the DOM types want a narrower buffer type.
      body: body as BodyInit,
    });

  it('applies a gzipped push exactly like a plain one', async () => {
    const mutations = [
      mutation('incident.record', incidentArgs()),
      mutation('incident.record', incidentArgs()),
    ];
    const res = await post(
      gzipSync(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations })),
      'gzip',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string }[] };
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const ids = mutations.map((m) => (m.args as { id: string }).id);
    expect((await s.store.getDocs('incident', ids)).size).toBe(2);
  });

  it('refuses a body that inflates past the limit with 413, naming the body', async () => {
    // 1 MiB of spaces compresses to about 1 KB: small on the wire, far over the 64 KiB limit.
    const bomb = gzipSync(`{"protocolVersion":1,"mutations":[]${' '.repeat(1024 * 1024)}}`);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post(bomb, 'gzip');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large', field: 'body' } });
  });

  it('refuses a body that is not gzip although it says so', async () => {
    const res = await post('{"protocolVersion":1}', 'gzip');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation', field: 'body' } });
  });

  it('refuses an encoding it does not speak with 415', async () => {
    const res = await post('{}', 'br');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'validation', field: 'body' } });
  });
});
