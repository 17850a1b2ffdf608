import type { FeedRow } from './store.ts';

// Reference documents (scope lists, limit sets, plans, tactics, teams) are read by every push and
// written rarely. A process keeps the last list of each such kind it read, with a stamp that any
// committed write of the kind changes, and answers `listDocs` from it while the stamp still holds.

/** The kinds `listDocs` answers from the cache: few rows, read on the push path, rarely written. */
export const CACHED_KINDS: readonly string[] = [
  'reference',
  'limit_set',
  'plan_version',
  'tactic',
  'team',
];
const CACHED = new Set(CACHED_KINDS);

export const isCachedKind = (kind: string): boolean => CACHED.has(kind);

/**
 * `count:sum(seq)` of a kind's rows. Documents are never removed, only replaced (delete, then
 * insert under a new and higher `seq`) or flagged deleted the same way, so every committed write
 * of a kind raises the sum: an equal stamp means the same rows. The newest `seq` would not do on
 * PostgreSQL, where a transaction that took a lower `seq` may commit after one with a higher.
 */
export const docStamp = (count: number, seqSum: number): string => `${count}:${seqSum}`;

function stampOf(rows: readonly FeedRow[]): string {
  let sum = 0;
  for (const r of rows) sum += r.seq;
  return docStamp(rows.length, sum);
}

interface Entry {
  readonly stamp: string;
  readonly rows: readonly FeedRow[];
}

/** One per opened store, shared by its transactions. */
export class DocCache {
  private readonly entries = new Map<string, Entry>();

  get(kind: string, stamp: string): FeedRow[] | undefined {
    const e = this.entries.get(kind);
    return e !== undefined && e.stamp === stamp ? [...e.rows] : undefined;
  }

  /**
   * Only rows read by a transaction that has not written the kind: its own uncommitted rows could
   * roll back, and SQLite hands a rolled-back `seq` out again.
   */
  fill(kind: string, rows: readonly FeedRow[]): void {
    for (const r of rows) deepFreeze(r);
    this.entries.set(kind, { stamp: stampOf(rows), rows });
  }

  forget(kind: string): void {
    this.entries.delete(kind);
  }
}

/** Cached rows are shared by every reader: a reader that changed one would change them all. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
