import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, uuidv7, type AuditEvent } from '../../shared/index.ts';
import { incidentArgs, jpegBytes } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';

// Photos over HTTP (docs/sync.md SY20): who may store and see them, idempotency, the checks.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let s: TestServer;
const tokens: Record<string, string> = {};
const USERS = [
  'frontline.chan',
  'frontline.lam',
  'supervisor.wong',
  'supervisor.chow',
  'outsourcer.cheung',
  'manager.lee',
  'auditor.ho',
] as const;

beforeAll(async () => {
  s = await createTestServer('sqlite');
  for (const u of USERS) tokens[u] = await s.login(u);
});
afterAll(async () => {
  await s.close();
});

function put(
  id: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: {
    as?: string;
    type?: string;
    sha?: string | null;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = {
    'content-type': options.type ?? 'image/jpeg',
    ...options.headers,
  };
  const sha = options.sha === undefined ? hex(bytes) : options.sha;
  if (sha !== null) headers['x-content-sha256'] = sha;
  return s.request(`/api/photos/${id}`, {
    method: 'PUT',
    token: tokens[options.as ?? 'frontline.chan'] ?? '',
    headers,
    body: bytes,
  });
}

const get = (id: string, as: string) => s.request(`/api/photos/${id}`, { token: tokens[as] ?? '' });

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; field?: string } }).error;
}

describe('PUT /api/photos/{id}', () => {
  it('[SY20] stores a photo once: the same id and bytes answer the same receipt again', async () => {
    const id = uuidv7();
    const bytes = jpegBytes(64);
    const first = await put(id, bytes);
    expect(first.status).toBe(200);
    const receipt = await first.json();
    expect(receipt).toMatchObject({ id, contentType: 'image/jpeg', size: 64, sha256: hex(bytes) });
    const again = await put(id, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(receipt);
    const stored = await s.store.getPhoto(id);
    expect(stored?.ownerId).toBe(s.user('frontline.chan').id);
  });

  it('[SY20] the same id with other bytes is an idempotency_conflict naming id', async () => {
    const id = uuidv7();
    expect((await put(id, jpegBytes(64, 1))).status).toBe(200);
    const res = await put(id, jpegBytes(64, 2));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'idempotency_conflict', field: 'id' });
    expect((await s.store.getPhoto(id))?.sha256).toBe(hex(jpegBytes(64, 1)));
  });

  it("[SY20] another user's id, even with the same bytes, is a conflict", async () => {
    const id = uuidv7();
    const bytes = jpegBytes(80);
    expect((await put(id, bytes)).status).toBe(200);
    const res = await put(id, bytes, { as: 'frontline.lam' });
    expect(res.status).toBe(409);
  });

  it('[SY20] one create audit event per stored photo, none for a resend', async () => {
    const id = uuidv7();
    const bytes = jpegBytes(96);
    await put(id, bytes);
    await put(id, bytes);
    const res = await s.request(`/api/audit?entityId=${id}`, {
      token: tokens['manager.lee'] ?? '',
    });
    const { events } = (await res.json()) as { events: AuditEvent[] };
    expect(events.map((e) => [e.action, e.entityKind, e.actorId])).toEqual([
      ['create', 'photo', s.user('frontline.chan').id],
    ]);
    expect(events[0]?.detail).toMatchObject({ size: 96, sha256: hex(bytes) });
  });

  it('[SY20] accepts PNG and WebP too', async () => {
    expect((await put(uuidv7(), PNG, { type: 'image/png' })).status).toBe(200);
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
    expect((await put(uuidv7(), webp, { type: 'image/webp' })).status).toBe(200);
  });

  it('[SY20] refuses a type that is not a photo with 415 naming content-type', async () => {
    const res = await put(uuidv7(), jpegBytes(64), { type: 'image/svg+xml' });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ code: 'validation', field: 'content-type' });
  });

  it('[SY20] refuses bytes that are not of the declared type with 415 naming body', async () => {
    const res = await put(uuidv7(), PNG, { type: 'image/jpeg' });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ code: 'validation', field: 'body' });
  });

  it('[SY20] refuses a photo over the limit with 413 naming body', async () => {
    const id = uuidv7();
    const res = await put(id, jpegBytes(MAX_PHOTO_BYTES + 1));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'payload_too_large', field: 'body' });
    expect(await s.store.getPhoto(id)).toBeUndefined();
    // Exactly the limit is fine.
    expect((await put(uuidv7(), jpegBytes(MAX_PHOTO_BYTES))).status).toBe(200);
  });

  it('[SY20] a missing or wrong hash is refused naming the header', async () => {
    const missing = await put(uuidv7(), jpegBytes(64), { sha: null });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ field: 'x-content-sha256' });
    const wrong = await put(uuidv7(), jpegBytes(64), { sha: '0'.repeat(64) });
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatchObject({ code: 'validation', field: 'x-content-sha256' });
  });

  it('[SY20] an id that is not a UUID is refused naming id', async () => {
    const res = await put('photo-1', jpegBytes(64));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'validation', field: 'id' });
  });

  it('[SY13] an auditor cannot add a photo; no sign-in, no photo', async () => {
    const res = await put(uuidv7(), jpegBytes(64), { as: 'auditor.ho' });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
    const anonymous = await s.request(`/api/photos/${uuidv7()}`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'x-content-sha256': hex(jpegBytes(64)) },
      body: jpegBytes(64),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/photos/{id}', () => {
  const chanPhoto = uuidv7();
  const cheungPhoto = uuidv7();
  const bytes = jpegBytes(128, 9);
  beforeAll(async () => {
    expect((await put(chanPhoto, bytes)).status).toBe(200);
    expect((await put(cheungPhoto, jpegBytes(40), { as: 'outsourcer.cheung' })).status).toBe(200);
  });

  it('[SY20] gives the bytes back with their type, cacheable privately for good', async () => {
    const res = await get(chanPhoto, 'frontline.chan');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes]);
  });

  it("[SY11] visible to the owner, their team's supervisor, managers and auditors", async () => {
    for (const who of ['frontline.chan', 'supervisor.wong', 'manager.lee', 'auditor.ho']) {
      expect((await get(chanPhoto, who)).status, who).toBe(200);
    }
  });

  it('[SY11] hidden from others: another frontline, another team, an outsourcer', async () => {
    for (const who of ['frontline.lam', 'supervisor.chow', 'outsourcer.cheung']) {
      const res = await get(chanPhoto, who);
      expect(res.status, who).toBe(404);
      expect(await errorOf(res)).toMatchObject({ code: 'not_found', field: 'id' });
    }
    // An outsourcer's photo is theirs, not chan's.
    expect((await get(cheungPhoto, 'frontline.chan')).status).toBe(404);
    expect((await get(cheungPhoto, 'outsourcer.cheung')).status).toBe(200);
  });

  it('[SY20] a photo not (yet) received is 404 not_found; an error is never cached', async () => {
    const res = await get(uuidv7(), 'manager.lee');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('[SY20] an incident naming photos not yet received is accepted (offline facts are facts)', async () => {
    const later = uuidv7();
    const incident = incidentArgs({ photoIds: [chanPhoto, later] });
    const res = await s.push(tokens['frontline.chan'] ?? '', [
      mutation('incident.record', incident),
    ]);
    expect(res.results[0]?.status).toBe('applied');
    expect((await get(later, 'frontline.chan')).status).toBe(404);
    expect((await put(later, jpegBytes(50))).status).toBe(200);
    expect((await get(later, 'supervisor.wong')).status).toBe(200);
  });
});
