import type { LedgerEntry } from './store.ts';
import type { LedgerTotalRow } from './schema.ts';
import { USAGE_BUCKET_MS } from './migrations/003-usage-totals.ts';

// Period use from running totals (migration 003). Pure: the adapter reads and writes the rows.

/** The bucket an entry time falls in; truncates like SQL's `%` so both sides agree. */
export const bucketOf = (atMs: number): number => atMs - (atMs % USAGE_BUCKET_MS);

const keyOf = (r: Omit<LedgerTotalRow, 'total' | 'max_at_ms'>) =>
  `${r.user_id}\u0000${r.bucket_ms}\u0000${r.compensation_type}\u0000${r.product}\u0000${r.segment}\u0000${r.region}\u0000${r.currency}`;

/**
 * What each write changes in the totals: a new entry adds its amount if it counts; an upsert of a
 * stored entry changes only whether it counts, so it adds or removes the stored amount. Sorted by
 * key, so two transactions touching the same rows lock them in one order.
 */
export function totalDeltas(
  writes: readonly LedgerEntry[],
  stored: ReadonlyMap<string, LedgerEntry>,
): LedgerTotalRow[] {
  const out = new Map<string, LedgerTotalRow>();
  for (const w of writes) {
    const old = stored.get(w.recoveryId);
    const base = old ?? w;
    const delta = old
      ? (w.counts ? old.amount : 0) - (old.counts ? old.amount : 0)
      : w.counts
        ? w.amount
        : 0;
    if (delta === 0) continue;
    const row: LedgerTotalRow = {
      user_id: base.userId,
      bucket_ms: bucketOf(base.atMs),
      compensation_type: base.compensationType,
      product: base.product,
      segment: base.segment,
      region: base.region,
      currency: base.currency,
      total: delta,
      max_at_ms: base.atMs,
    };
    const key = keyOf(row);
    const seen = out.get(key);
    if (seen) {
      seen.total += delta;
      seen.max_at_ms = Math.max(seen.max_at_ms, row.max_at_ms);
    } else out.set(key, row);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** A stretch of time summed from the ledger itself: a bucket the totals cannot answer exactly. */
export interface ExactRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Period use from total rows: a bucket wholly inside one stretch, with no entry after `untilMs`,
 * is added to that stretch's sum; every other bucket (cut by a boundary that is not a bucket
 * start, or holding a future-dated entry) is returned as a range to sum from the ledger.
 */
export function sumTotals(
  userId: string,
  rows: readonly LedgerTotalRow[],
  sorted: readonly number[],
  untilMs: number,
): { sums: Map<string, LedgerEntry>; exact: ExactRange[] } {
  const sums = new Map<string, LedgerEntry>();
  const exact = new Map<number, ExactRange>();
  for (const r of rows) {
    const from = Number(r.bucket_ms);
    const to = from + USAGE_BUCKET_MS - 1;
    let stretch: number | undefined;
    for (const b of sorted) if (b <= from) stretch = b;
    const next = sorted.find((b) => b > from);
    const isWhole =
      stretch !== undefined && (next === undefined || next > to) && Number(r.max_at_ms) <= untilMs;
    if (stretch === undefined || !isWhole) {
      if (to >= (sorted[0] ?? 0)) exact.set(from, { fromMs: from, toMs: to });
      continue;
    }
    addSum(sums, usageSum(userId, stretch, r));
  }
  return { sums, exact: [...exact.values()] };
}

/** One summed row (of totals or of the ledger) as a counting entry dated at `atMs`. */
export function usageSum(
  userId: string,
  atMs: number,
  r: Pick<LedgerTotalRow, 'currency' | 'compensation_type' | 'product' | 'segment' | 'region'> & {
    readonly total: number | string;
  },
): LedgerEntry {
  return {
    recoveryId: '',
    userId,
    atMs,
    amount: Number(r.total),
    currency: r.currency,
    compensationType: r.compensation_type,
    product: r.product,
    segment: r.segment,
    region: r.region,
    counts: true,
  };
}

/** Adds one sum into the per-stretch × scope × type × currency sums (zero sums are dropped later). */
export function addSum(sums: Map<string, LedgerEntry>, e: LedgerEntry): void {
  const key = `${e.atMs}\u0000${e.compensationType}\u0000${e.product}\u0000${e.segment}\u0000${e.region}\u0000${e.currency}`;
  const seen = sums.get(key);
  sums.set(key, seen ? { ...seen, amount: seen.amount + e.amount } : e);
}
