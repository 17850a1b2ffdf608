import {
  ERROR_CODES,
  MAX_PULL_PAGE,
  type PullResponse,
  type SyncChange,
  type DocKind,
} from '../../../../shared/index.ts';
import { AppError } from '../../http/app-error.ts';
import type { FeedPosition, Store } from '../../storage/store.ts';
import type { Principal } from '../auth.ts';
import { iso, type Clock } from '../clock.ts';
import { ledTeams, redactFor, visibilityFor } from './visibility.ts';

export const START: FeedPosition = { txid: 0, seq: 0 };

export function parseCursor(cursor: string | undefined): FeedPosition {
  if (cursor === undefined || cursor === '') return START;
  const m = /^(\d+)\.(\d+)$/.exec(cursor);
  if (!m)
    throw new AppError(
      400,
      ERROR_CODES.badCursor,
      'cursor: is not a cursor this server gave out',
      'cursor',
    );
  return { txid: Number(m[1]), seq: Number(m[2]) };
}

export const formatCursor = (p: FeedPosition): string => `${p.txid}.${p.seq}`;

/** Changes the user may see since `cursor`, in feed order, one page at a time. */
export async function pull(
  store: Store,
  clock: Clock,
  p: Principal,
  cursor: string | undefined,
  limit = MAX_PULL_PAGE,
): Promise<PullResponse> {
  const after = parseCursor(cursor);
  const serverTime = iso(clock.now());
  const rows = await store.pullDocs(
    after,
    visibilityFor(p.user, await ledTeams(store, p.user)),
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const changes: SyncChange[] = page.map((r) => ({
    kind: r.kind as DocKind,
    id: r.id,
    deleted: r.deleted,
    data: r.deleted ? null : (redactFor(p.user, r.kind, r.data) as SyncChange['data']),
  }));
  return {
    changes,
    cursor: formatCursor(last ? { txid: last.txid, seq: last.seq } : after),
    hasMore: rows.length > limit,
    serverTime,
  };
}
