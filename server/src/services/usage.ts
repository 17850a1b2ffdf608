import {
  periodStart,
  type CompensationType,
  type Currency,
  type UsageEntry,
} from '../../../shared/index.ts';
import type { LedgerEntry, Store } from '../storage/store.ts';

/** A ledger entry as the shared limit decision reads it. */
export const toUsage = (e: LedgerEntry): UsageEntry => ({
  amount: { amount: e.amount, currency: e.currency as Currency },
  compensationType: e.compensationType as CompensationType,
  scope: { product: e.product, segment: e.segment, region: e.region },
  atMs: e.atMs,
});

/**
 * What the person gave in the current day, week and month (a week may start in the previous
 * month), on every device, as the stored sums per stretch between period starts (SY14).
 */
export async function storedPeriodUse(
  store: Store,
  userId: string,
  nowMs: number,
): Promise<UsageEntry[]> {
  const starts = (['day', 'week', 'month'] as const).map((p) => periodStart(p, nowMs));
  return (await store.usageSums(userId, starts, nowMs)).map(toUsage);
}
