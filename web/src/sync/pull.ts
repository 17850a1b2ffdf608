import { MAX_PULL_PAGE, type PullResponse } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { applyPullPage } from '../db/docs.ts';
import { deleteMeta, getMeta } from '../db/meta.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

export interface PullOptions {
  /** Whose data this device holds: a page that lands after sign-out is dropped. */
  readonly userId: string;
  readonly now: () => number;
  readonly pageLimit?: number;
  /** A guard against a server that says `hasMore` for ever. */
  readonly maxPages?: number;
}

export interface PullSummary {
  readonly pages: number;
  readonly changes: number;
  /** False when the user signed out mid-pull and the pages were dropped. */
  readonly isComplete: boolean;
}

/**
 * Pulls pages from the stored cursor until `hasMore` is false (SY12). Each page is applied with
 * its cursor in one transaction, so an interrupted pull resumes where it stopped. When the whole
 * pull completes, the time is recorded as `limitsCheckedAt`: the device's copy of the limits was
 * current then, which is what the limits staleness rule measures (product.md §3).
 */
export async function pullAll(
  db: FrontlineDb,
  api: ApiClient,
  token: string,
  options: PullOptions,
): Promise<PullSummary> {
  const maxPages = options.maxPages ?? 10_000;
  let cursor = (await getMeta(db, 'cursor')) ?? null;
  let hasRestarted = false;
  let changes = 0;
  const fetchPage = (from: string | null) =>
    api.pull(token, from, options.pageLimit ?? MAX_PULL_PAGE);
  /** The next page, asked for while the current one is being stored. */
  let ahead: Promise<PullResponse> | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    let page;
    try {
      page = await (ahead ?? fetchPage(cursor));
    } catch (err) {
      ahead = null;
      // A cursor this server never gave out (its database was replaced): start the feed again.
      if (err instanceof ApiError && err.code === 'bad_cursor' && !hasRestarted) {
        hasRestarted = true;
        await deleteMeta(db, 'cursor');
        cursor = null;
        continue;
      }
      throw err;
    }
    ahead = null;
    // On a slow link the next request travels while this page is stored; pages are still
    // applied in order, each with its cursor, so an interruption resumes as before (SY12).
    if (page.hasMore && page.cursor !== cursor) {
      ahead = fetchPage(page.cursor);
      // Dropped unanswered if this pull ends early (signed out); awaited, and so handled, otherwise.
      ahead.catch(() => undefined);
    }
    const isApplied = await applyPullPage(db, page, {
      userId: options.userId,
      ...(page.hasMore ? {} : { completedAt: options.now() }),
    });
    if (!isApplied) return { pages, changes, isComplete: false };
    changes += page.changes.length;
    if (!page.hasMore) return { pages, changes, isComplete: true };
    if (page.cursor === cursor)
      throw new ApiError(200, 'bad_response', 'The pull said hasMore but did not move the cursor');
    cursor = page.cursor;
  }
  throw new ApiError(200, 'bad_response', `The pull did not end after ${maxPages} pages`);
}
