import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7, type WireMutation } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { fakeApi, freshDb, NOW, queueFeedback } from '../stores/test-support.ts';
import { ApiError } from './api-error.ts';
import { pushOutbox } from './push.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const applyAll = async (_t: string, ms: readonly WireMutation[]) => ({
  results: ms.map((m) => ({ id: m.id, status: 'applied' as const })),
  serverTime: new Date(NOW).toISOString(),
});

describe('pushing the outbox', () => {
  it('[SY2] pushes in order, in batches of at most 100', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 230);
    const batches: string[][] = [];
    const summary = await pushOutbox(
      db,
      fakeApi({
        push: async (t, ms) => {
          batches.push(ms.map((m) => m.id));
          return applyAll(t, ms);
        },
      }),
      'tok',
    );
    expect(batches.map((b) => b.length)).toEqual([100, 100, 30]);
    expect(batches.flat()).toEqual(ids);
    expect(summary).toEqual({ batches: 3, accepted: 230, rejected: 0 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('[SY8] a failed push throws with the outbox untouched', async () => {
    db = freshDb();
    await queueFeedback(db, 3);
    await expect(
      pushOutbox(
        db,
        fakeApi({
          push: async () => {
            throw new ApiError(503, 'internal', 'down');
          },
        }),
        'tok',
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(await db.outbox.where('state').equals('pending').count()).toBe(3);
    expect(await db.local.where('state').equals('saved_on_device').count()).toBe(3);
  });

  it('[SY6] a push too large for the server is halved until the one record too large to send stands alone, refused on the device', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 8);
    const tooBig = ids[5];
    const sizes: number[] = [];
    await pushOutbox(
      db,
      fakeApi({
        push: async (t, ms) => {
          sizes.push(ms.length);
          if (ms.some((m) => m.id === tooBig))
            throw new ApiError(413, 'payload_too_large', 'body: too large', 'body');
          return applyAll(t, ms);
        },
      }),
      'tok',
    );
    expect(sizes).toEqual([8, 4, 4, 2, 1, 1, 1, 1]);
    const left = await db.outbox.toArray();
    expect(left.map((r) => [r.id, r.state, r.rejection?.code])).toEqual([
      [tooBig, 'rejected', 'payload_too_large'],
    ]);
  });

  it('[SY6] a refused envelope naming one mutation refuses that one alone; the rest are sent', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 3);
    let calls = 0;
    await pushOutbox(
      db,
      fakeApi({
        push: async (t, ms) => {
          calls++;
          const bad = ms.findIndex((m) => m.id === ids[1]);
          if (bad >= 0)
            throw new ApiError(
              400,
              'validation',
              'clientTime: invalid',
              `mutations.${bad}.clientTime`,
            );
          return applyAll(t, ms);
        },
      }),
      'tok',
    );
    expect(calls).toBe(2);
    expect((await db.outbox.toArray()).map((r) => [r.id, r.rejection?.field])).toEqual([
      [ids[1], 'clientTime'],
    ]);
  });

  it('an answer that names none of the mutations sent is an error, never a silent drop', async () => {
    db = freshDb();
    await queueFeedback(db, 2);
    const stranger = async () => ({
      results: [{ id: uuidv7(), status: 'applied' as const }],
      serverTime: new Date(NOW).toISOString(),
    });
    await expect(pushOutbox(db, fakeApi({ push: stranger }), 'tok')).rejects.toMatchObject({
      code: 'bad_response',
    });
    expect(await db.outbox.count()).toBe(2);
  });
});
