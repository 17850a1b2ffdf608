import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, uuidv7 } from '../../shared/index.ts';
import type { PhotoRecord, Store } from '../../server/src/storage/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { jpegBytes } from '../support/factories.ts';
import { openFreshStore } from '../support/harness.ts';

// The storage contract for photos (docs/sync.md SY20), on every database.

function photo(overrides: Partial<PhotoRecord> = {}): PhotoRecord {
  // Every byte value, so an adapter that treats the bytes as text would be caught.
  const bytes = jpegBytes(4 + 256);
  return {
    id: uuidv7(),
    ownerId: uuidv7(),
    teamId: uuidv7(),
    orgId: null,
    contentType: 'image/jpeg',
    bytes,
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: '2026-11-23T02:00:00.000Z',
    ...overrides,
  };
}

describe.each(databaseTargets())('photos on $name', ({ name }) => {
  let store: Store;
  beforeEach(async () => {
    store = (await openFreshStore(name)).store;
  });
  afterEach(async () => {
    await store.close();
  });

  it('[SY20] a stored photo comes back byte for byte with its keys', async () => {
    const p = photo();
    expect(await store.putPhoto(p)).toBe(true);
    const got = await store.getPhoto(p.id);
    expect(got).toEqual({ ...p, bytes: expect.any(Uint8Array) });
    expect([...(got?.bytes ?? [])]).toEqual([...p.bytes]);
  });

  it('[SY20] an unknown id is undefined', async () => {
    expect(await store.getPhoto(uuidv7())).toBeUndefined();
  });

  it('[SY20] a second put of an id stores nothing and keeps the first', async () => {
    const p = photo();
    expect(await store.putPhoto(p)).toBe(true);
    const other = photo({ id: p.id, sha256: 'f'.repeat(64), bytes: jpegBytes(4) });
    expect(await store.putPhoto(other)).toBe(false);
    expect((await store.getPhoto(p.id))?.sha256).toBe(p.sha256);
  });

  it('[SY20] concurrent puts of one id store it once', async () => {
    const p = photo();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => store.transaction((tx) => tx.putPhoto(p))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getPhoto(p.id))?.size).toBe(p.size);
  });

  it('[SY20] a put rolled back with its transaction leaves nothing', async () => {
    const p = photo();
    await expect(
      store.transaction(async (tx) => {
        await tx.putPhoto(p);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await store.getPhoto(p.id)).toBeUndefined();
  });

  it('[SY20] holds a 2 MB photo', async () => {
    const bytes = jpegBytes(MAX_PHOTO_BYTES, 7);
    const p = photo({ bytes, size: bytes.byteLength });
    await store.putPhoto(p);
    const got = await store.getPhoto(p.id);
    expect(got?.bytes.byteLength).toBe(bytes.byteLength);
    expect(got?.size).toBe(bytes.byteLength);
  });
});
