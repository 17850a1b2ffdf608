import { uuidv7, type MutationName } from '../../../shared/index.ts';
import { saveLocalWrite } from '../db/local-writes.ts';
import type { LocalRecordRow, MutationArgs, StoredSession } from '../db/rows.ts';
import { iso, requireWriter, validArgs, type StoreContext } from './context.ts';

export interface WriteOptions {
  /** The form draft this record completes: cleared in the same transaction as the write. */
  readonly draftKey?: string;
  /**
   * The record's id when it had to be known before saving (a phone approval code names the
   * recovery, AP15): a UUIDv7 the device made. Otherwise one is made now.
   */
  readonly id?: string;
}

/** What `build` gets: the new record's id (UUIDv7, SY1), the session and the time of the act. */
export interface WriteContext {
  readonly id: string;
  readonly session: StoredSession;
  readonly nowMs: number;
}

export function localRow<N extends MutationName>(
  name: N,
  id: string,
  args: MutationArgs<N>,
  userId: string,
  nowMs: number,
): LocalRecordRow {
  return {
    id,
    name,
    args,
    userId,
    state: 'saved_on_device',
    // SY1: the idempotency key, made when the user acted.
    mutationId: uuidv7(nowMs),
    rejection: null,
    createdAt: nowMs,
    updatedAt: nowMs,
  } as LocalRecordRow;
}

/**
 * Saves a record and its outbox mutation in one transaction, then nudges the engine to sync
 * shortly. `build` runs inside the transaction (database reads only) and returns the args, which
 * are checked with the shared schema before anything is written.
 */
export async function writeRecord<N extends MutationName>(
  ctx: StoreContext,
  name: N,
  build: (w: WriteContext) => unknown,
  options: WriteOptions = {},
): Promise<LocalRecordRow> {
  const { record } = await saveLocalWrite(ctx.db, async () => {
    const session = await requireWriter(ctx.db);
    const nowMs = ctx.now();
    const id = options.id ?? uuidv7(nowMs);
    const args = validArgs(name, await build({ id, session, nowMs }));
    return {
      record: localRow(name, id, args, session.user.id, nowMs),
      clientTime: iso(nowMs),
      ...(options.draftKey !== undefined ? { clearDraft: options.draftKey } : {}),
    };
  });
  ctx.engine.notifyLocalWrite();
  return record;
}
