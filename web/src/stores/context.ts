import { canWrite, mutationArgsSchemas, type MutationName } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import type { MutationArgs, StoredSession } from '../db/rows.ts';
import type { ApiClient } from '../sync/api-client.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { StoreError } from './store-error.ts';

/** What every store is built from. */
export interface StoreContext {
  readonly db: FrontlineDb;
  readonly engine: SyncEngine;
  readonly api: ApiClient;
  readonly now: () => number;
}

export async function requireSession(db: FrontlineDb): Promise<StoredSession> {
  const session = await getMeta(db, 'session');
  if (!session) throw new StoreError('signed_out', 'Sign in first');
  return session;
}

/** The session of a user who may record (an auditor changes nothing, product.md §2). */
export async function requireWriter(db: FrontlineDb): Promise<StoredSession> {
  const session = await requireSession(db);
  if (!canWrite(session.user.role))
    throw new StoreError('forbidden', 'An auditor cannot change records');
  return session;
}

/**
 * Checks args with the mutation's shared schema before they reach the outbox: the server would
 * refuse them with the same words (SY6), but the user can fix them now, on the form.
 */
export function validArgs<N extends MutationName>(name: N, args: unknown): MutationArgs<N> {
  const parsed = mutationArgsSchemas[name].safeParse(args);
  if (parsed.success) return parsed.data as MutationArgs<N>;
  const issue = parsed.error.issues[0];
  const field = ['args', ...(issue?.path ?? []).map(String)].join('.');
  throw new StoreError('validation', `${field}: ${issue?.message ?? 'invalid'}`, field);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
