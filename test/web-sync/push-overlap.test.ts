// Pushing the outbox in batches (web/src/sync/push.ts), which stores one batch's answers while the
// next batch travels. These tests do not measure that overlap; with a fake wire they hold the
// pushing to SY2 (in order, one batch at a time on the wire), SY7 and SY8 (nothing answered is
// lost, nothing unanswered is skipped).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MutationResult, WireMutation } from '../../shared/index.ts';
import type { FrontlineDb } from '../../web/src/db/database.ts';
import { fakeApi, freshDb, NOW, queueFeedback } from '../../web/src/stores/test-support.ts';
import { ApiError } from '../../web/src/sync/api-error.ts';
import { pushOutbox } from '../../web/src/sync/push.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const answer = (results: MutationResult[]) => ({
  results,
  serverTime: new Date(NOW).toISOString(),
});
const applied = (ms: readonly WireMutation[]) =>
  answer(ms.map((m) => ({ id: m.id, status: 'applied' as const })));

describe('pushing while the previous answers are stored', () => {
  it('[SY2] a batch leaves only once the previous one is answered, and every batch is in order', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 23);
    const sent: string[][] = [];
    let inFlight = 0;
    const summary = await pushOutbox(
      db,
      fakeApi({
        push: async (_t, ms) => {
          expect(inFlight).toBe(0);
          inFlight++;
          sent.push(ms.map((m) => m.id));
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
          return applied(ms);
        },
      }),
      'tok',
      { batchSize: 5 },
    );
    expect(sent.flat()).toEqual(ids);
    expect(sent.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
    expect(summary).toEqual({ batches: 5, accepted: 23, rejected: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.local.where('state').equals('synced').count()).toBe(23);
  });

  it('[SY8] when the next push fails, the answers already received are stored and only the rest stays queued', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 6);
    let calls = 0;
    await expect(
      pushOutbox(
        db,
        fakeApi({
          push: async (_t, ms) => {
            if (++calls === 2) throw new ApiError(null, 'network', 'lost');
            return applied(ms);
          },
        }),
        'tok',
        { batchSize: 3 },
      ),
    ).rejects.toMatchObject({ code: 'network' });
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual(ids.slice(3));
    expect(await db.local.where('state').equals('synced').count()).toBe(3);
  });

  it('[SY8] mutations a batch left unanswered go first in the next batch, before anything made after them', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 6);
    const sent: string[][] = [];
    await pushOutbox(
      db,
      fakeApi({
        push: async (_t, ms) => {
          sent.push(ms.map((m) => m.id));
          // The first answer covers only the first of the three.
          return sent.length === 1 ? applied(ms.slice(0, 1)) : applied(ms);
        },
      }),
      'tok',
      { batchSize: 3 },
    );
    expect(sent).toEqual([ids.slice(0, 3), ids.slice(1, 4), ids.slice(4, 6)]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('[SY7] a rejection in one batch is stored, the next batch still goes, and the rejected one is not sent again', async () => {
    db = freshDb();
    const ids = await queueFeedback(db, 4);
    const sent: string[] = [];
    const summary = await pushOutbox(
      db,
      fakeApi({
        push: async (_t, ms) => {
          sent.push(...ms.map((m) => m.id));
          return answer(
            ms.map((m) =>
              m.id === ids[1]
                ? { id: m.id, status: 'rejected', code: 'validation', message: 'no' }
                : { id: m.id, status: 'applied' },
            ),
          );
        },
      }),
      'tok',
      { batchSize: 2 },
    );
    expect(sent).toEqual(ids);
    expect(summary).toEqual({ batches: 2, accepted: 3, rejected: 1 });
    expect((await db.outbox.toArray()).map((r) => [r.id, r.state])).toEqual([[ids[1], 'rejected']]);
  });
});
