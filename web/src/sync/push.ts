import type { MutationResult, WireMutation } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { applyPushResults, outboxCounts, pendingHead, rejectLocally } from '../db/outbox.ts';
import type { OutboxRow } from '../db/rows.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

/** At most this many mutations per push by default; the protocol allows 500 (SY2). */
export const PUSH_BATCH = 100;

/**
 * What the app uses. On a field link every push costs a round trip: 250 drained 2,000 records in
 * 23 s where 100 took 29 s (npm run bench, 300 ms RTT, 100 kbit/s up).
 */
export const APP_PUSH_BATCH = 250;

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
  for (;;) {
    const head = await pendingHead(db, batchSize);
    if (head.length === 0) return summary;
    // The user keeps working while we drain: the total grows with what they add.
    total = Math.max(total, done + (await outboxCounts(db)).pending);
    options.onProgress?.({ done, total });
    let results: MutationResult[];
    try {
      results = (await api.push(token, head.map(toWire))).results;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const refused = await refuseUnsendable(db, err, head);
      if (refused === 'rethrow') throw err;
      if (refused === 'smaller') batchSize = Math.max(1, Math.floor(head.length / 2));
      continue;
    }
    const sent = new Set(head.map((r) => r.id));
    const answered = results.filter((r) => sent.has(r.id));
    if (answered.length === 0)
      throw new ApiError(200, 'bad_response', 'The push answer names none of the mutations sent');
    const applied = await applyPushResults(db, answered);
    summary.batches++;
    summary.accepted += applied.accepted;
    summary.rejected += applied.rejected;
    done += answered.length;
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
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
