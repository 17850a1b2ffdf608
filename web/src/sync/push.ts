import type { MutationResult, WireMutation } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { applyPushResults, outboxCounts, pendingHead, rejectLocally } from '../db/outbox.ts';
import type { OutboxRow } from '../db/rows.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

/** At most this many mutations per push by default; the protocol allows 500 (SY2). */
export const PUSH_BATCH = 100;

/**
 * What the app uses: the protocol's maximum. On a field link every push costs a round trip and
 * the server's answer time, so fewer, larger batches drain a queue sooner (README, Benchmarks:
 * the drain over the field link). A batch the server finds too large is halved (refuseUnsendable).
 */
export const APP_PUSH_BATCH = 500;

export interface PushProgress {
  readonly done: number;
  readonly total: number;
}

export interface PushSummary {
  readonly batches: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface PushOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: PushProgress) => void;
}

const toWire = (r: OutboxRow): WireMutation => ({
  id: r.id,
  name: r.name,
  clientTime: r.clientTime,
  args: r.args,
});

/** The promise itself, marked handled: it is awaited later, after other awaits. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** `mutations.3.clientTime` → index 3 and field `clientTime`: the envelope of one mutation was refused. */
const ENVELOPE_FIELD = /^mutations\.(\d+)(?:\.(.+))?$/;

/**
 * Pushes the outbox in order, a batch at a time, until no pending mutation is left (SY2).
 *
 * Applied and duplicate answers leave the outbox; rejected ones stay, visible with their reason
 * (SY6, SY7). Any failure without an answer — a 5xx, a lost connection, a timeout — throws with
 * the outbox untouched, and the engine retries the same mutations later (SY8): the server
 * answers a resend of something it committed as `duplicate` (SY3, SY4).
 */
export async function pushOutbox(
  db: FrontlineDb,
  api: ApiClient,
  token: string,
  options: PushOptions = {},
): Promise<PushSummary> {
  let batchSize = Math.max(1, Math.min(options.batchSize ?? PUSH_BATCH, 500));
  let done = 0;
  let total = (await outboxCounts(db)).pending;
  const summary = { batches: 0, accepted: 0, rejected: 0 };
  // The previous batch's answers, being stored while the next batch travels: the link does not
  // wait for the device's bookkeeping. A batch still leaves only after the previous one was
  // answered, so the server sees batches in order (SY2); a crash before the answers are stored
  // resends them and they come back `duplicate` (SY4).
  let storing: Promise<unknown> = Promise.resolve();
  let head = await pendingHead(db, batchSize);
  try {
    while (head.length > 0) {
      options.onProgress?.({ done, total });
      const sent = head;
      const answer = api.push(token, sent.map(toWire));
      // Read while the batch travels, not between two requests.
      const next = handled(pendingHead(db, batchSize, sent.at(-1)?.seq));
      const pending = handled(outboxCounts(db));
      let results: MutationResult[];
      try {
        results = (await answer).results;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        await storing;
        const refused = await refuseUnsendable(db, err, sent);
        if (refused === 'rethrow') throw err;
        if (refused === 'smaller') batchSize = Math.max(1, Math.floor(sent.length / 2));
        head = await pendingHead(db, batchSize);
        continue;
      }
      const ids = new Set(sent.map((r) => r.id));
      const answered = results.filter((r) => ids.has(r.id));
      if (answered.length === 0)
        throw new ApiError(200, 'bad_response', 'The push answer names none of the mutations sent');
      await storing;
      storing = handled(
        applyPushResults(db, answered).then((applied) => {
          summary.accepted += applied.accepted;
          summary.rejected += applied.rejected;
        }),
      );
      summary.batches++;
      // The user keeps working while we drain: the total grows with what they add.
      total = Math.max(total, done + (await pending).pending);
      done += answered.length;
      options.onProgress?.({ done, total: Math.max(total, done) });
      if (new Set(answered.map((r) => r.id)).size === sent.length) head = await next;
      else {
        // Some went unanswered: they lead the next batch, once these answers are stored.
        await storing;
        head = await pendingHead(db, batchSize);
      }
    }
  } finally {
    await storing;
  }
  return summary;
}

/**
 * A refusal of the whole push that names one mutation can never be cured by resending it: that
 * mutation alone is marked refused on the device, so it never blocks the queue (SY6).
 */
async function refuseUnsendable(
  db: FrontlineDb,
  err: ApiError,
  head: readonly OutboxRow[],
): Promise<'smaller' | 'refused' | 'rethrow'> {
  if (err.code === 'payload_too_large') {
    if (head.length > 1) return 'smaller';
    const first = head[0];
    if (!first) return 'rethrow';
    await rejectLocally(db, first.id, {
      code: err.code,
      message: 'This record is too large to send; shorten it and send again',
      field: 'args',
    });
    return 'refused';
  }
  const match =
    err.status === 400 && err.code === 'validation' ? ENVELOPE_FIELD.exec(err.field ?? '') : null;
  const culprit = match ? head[Number(match[1])] : undefined;
  if (!match || !culprit) return 'rethrow';
  await rejectLocally(db, culprit.id, {
    code: 'validation',
    message: err.message,
    ...(match[2] !== undefined ? { field: match[2] } : {}),
  });
  return 'refused';
}
