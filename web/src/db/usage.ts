import type { EntityTable, Table } from 'dexie';
import {
  countsTowardLimits,
  periodStart,
  type CompensationType,
  type Currency,
  type DeviceDecision,
  type DocOf,
  type UsageEntry,
} from '../../../shared/index.ts';
import { deviceRecoveryStatus } from './recovery-status.ts';
import type { DocRow, LocalRecordRow } from './rows.ts';

// Period use, kept as it is written. A recovery save decides against this user's period use
// inside its write transaction; reading every stored recovery for it kept a save with 10,000
// records stored far over its 20 ms target (README, Benchmarks, PWA). So each write that changes
// a recovery also updates a small derived index, in the same transaction: one `usage` row per
// recovery that counts, and a running total per user, Hong Kong day, currency, compensation type
// and scope in `usageDays`. A save reads the day totals of the current month and week: a few
// dozen rows at most.

/** A recovery that counts toward `userId`'s period limits (docs/decisions/0007-usage-index.md). */
export interface UsageRow {
  readonly userId: string;
  /** The recovery's id. */
  readonly id: string;
  readonly atMs: number;
  /** Start of its Hong Kong day, Unix ms: every period (day, week, month) starts on one. */
  readonly day: number;
  readonly currency: Currency;
  readonly amount: number;
  readonly compensationType: CompensationType;
  readonly product: string;
  readonly segment: string;
  readonly region: string;
}

/** The sum of one user's `usage` rows of one day, currency, compensation type and scope. */
export interface UsageDayRow {
  readonly userId: string;
  readonly day: number;
  readonly currency: Currency;
  readonly compensationType: CompensationType;
  readonly product: string;
  readonly segment: string;
  readonly region: string;
  readonly total: number;
  readonly count: number;
  /** No row of the day is later than this. Only grows while the day has rows: a bound, not a max. */
  readonly latestAtMs: number;
}

export type UsageDayKey = [string, number, string, string, string, string, string];
export const USAGE_DAY_INDEX = '[userId+day+currency+compensationType+product+segment+region]';

/** The tables the usage index is derived from and kept in (a FrontlineDb, or one in an upgrade). */
export interface UsageTables {
  readonly docs: Table<DocRow, [string, string]>;
  readonly local: EntityTable<LocalRecordRow, 'id'>;
  readonly usage: Table<UsageRow, [string, string]>;
  readonly usageDays: Table<UsageDayRow, UsageDayKey>;
}

const DAY_MS = 86_400_000;

/**
 * Whether the device let the person give it: given or approved by phone. Until the server's copy
 * arrives, that is what counts toward the period limits on this device.
 */
export function isGivenOnDevice(decision: DeviceDecision): boolean {
  return deviceRecoveryStatus(decision) !== 'awaiting_approval';
}

function countsOnDevice(row: LocalRecordRow): boolean {
  return row.name === 'recovery.record' && isGivenOnDevice(row.args.deviceDecision);
}

function usageRow(
  userId: string,
  r: {
    id: string;
    occurredAt: string;
    amount: { amount: number; currency: Currency };
    compensationType: CompensationType;
    scope: { product: string; segment: string; region: string };
  },
): UsageRow {
  const atMs = Date.parse(r.occurredAt);
  return {
    userId,
    id: r.id,
    atMs,
    day: periodStart('day', atMs),
    currency: r.amount.currency,
    amount: r.amount.amount,
    compensationType: r.compensationType,
    product: r.scope.product,
    segment: r.scope.segment,
    region: r.scope.region,
  };
}

/**
 * What one record id counts for: the server's copy where pulled (it knows about approvals), else
 * the device's own record of one it gave within its limits, whatever its sync state, since the
 * customer has it either way. A device record under the id of another user's pulled copy is not
 * that copy: it counts for its own user.
 */
function usageOf(
  doc: DocOf<'recovery'> | undefined,
  local: LocalRecordRow | undefined,
): UsageRow[] {
  const rows: UsageRow[] = [];
  if (doc && countsTowardLimits(doc.status)) rows.push(usageRow(doc.recordedBy, doc));
  if (
    local?.name === 'recovery.record' &&
    countsOnDevice(local) &&
    local.userId !== doc?.recordedBy
  )
    rows.push(usageRow(local.userId, local.args));
  return rows;
}

const rowKey = (r: UsageRow) => `${r.userId}\n${r.id}`;
const dayKey = (r: UsageRow | UsageDayRow): UsageDayKey => [
  r.userId,
  r.day,
  r.currency,
  r.compensationType,
  r.product,
  r.segment,
  r.region,
];
const isSame = (a: UsageRow, b: UsageRow) =>
  a.atMs === b.atMs &&
  a.currency === b.currency &&
  a.amount === b.amount &&
  a.compensationType === b.compensationType &&
  a.product === b.product &&
  a.segment === b.segment &&
  a.region === b.region;

/**
 * Brings the usage index up to date for these record ids after their recovery documents or local
 * records changed. Call it in the transaction that changed them (with `usage` and `usageDays` in
 * its scope), so the index never disagrees with what it is derived from.
 */
export async function refreshUsage(t: UsageTables, ids: Iterable<string>): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const [docs, locals, stored] = await Promise.all([
    t.docs.bulkGet(unique.map((id): [string, string] => ['recovery', id])),
    t.local.bulkGet(unique),
    t.usage.where('id').anyOf(unique).toArray(),
  ]);
  const wanted = new Map<string, UsageRow>();
  unique.forEach((_, i) => {
    const doc = docs[i];
    for (const row of usageOf(doc?.kind === 'recovery' ? doc.data : undefined, locals[i]))
      wanted.set(rowKey(row), row);
  });
  const deltas = new Map<string, { row: UsageRow; total: number; count: number; latest: number }>();
  const change = (row: UsageRow, sign: 1 | -1) => {
    const key = JSON.stringify(dayKey(row));
    const d = deltas.get(key) ?? { row, total: 0, count: 0, latest: -Infinity };
    d.total += sign * row.amount;
    d.count += sign;
    if (sign > 0) d.latest = Math.max(d.latest, row.atMs);
    deltas.set(key, d);
  };
  const removed: [string, string][] = [];
  for (const old of stored) {
    const now = wanted.get(rowKey(old));
    if (now && isSame(old, now)) wanted.delete(rowKey(old));
    else {
      removed.push([old.userId, old.id]);
      change(old, -1);
    }
  }
  for (const row of wanted.values()) change(row, 1);
  if (deltas.size === 0) return;
  await t.usage.bulkDelete(removed);
  await t.usage.bulkPut([...wanted.values()]);
  const changes = [...deltas.values()];
  const days = await t.usageDays.bulkGet(changes.map((d) => dayKey(d.row)));
  const puts: UsageDayRow[] = [];
  const deletes: UsageDayKey[] = [];
  changes.forEach((d, i) => {
    const day = days[i];
    const count = (day?.count ?? 0) + d.count;
    if (count <= 0) {
      if (day) deletes.push(dayKey(day));
      return;
    }
    const { userId, currency, compensationType, product, segment, region } = d.row;
    puts.push({
      userId,
      day: d.row.day,
      currency,
      compensationType,
      product,
      segment,
      region,
      total: (day?.total ?? 0) + d.total,
      count,
      latestAtMs: Math.max(day?.latestAtMs ?? -Infinity, d.latest),
    });
  });
  await t.usageDays.bulkDelete(deletes);
  await t.usageDays.bulkPut(puts);
}

/**
 * What this user gave that counts toward their period limits at `nowMs`, for `periodUse`: one
 * entry per day, currency, compensation type and scope since the earliest period that can
 * matter (this week or this month, whichever began first), at the day's start. Every period
 * starts at a Hong Kong midnight, so a day's total falls in a period exactly when its entries do.
 * A day with an entry later than `nowMs` (a future `occurredAt`), or holding `excludeId`, is
 * returned entry by entry instead.
 */
export async function readUsage(
  t: Pick<UsageTables, 'usage' | 'usageDays'>,
  userId: string,
  nowMs: number,
  excludeId?: string,
): Promise<UsageEntry[]> {
  const from = Math.min(periodStart('week', nowMs), periodStart('month', nowMs));
  const days = await t.usageDays
    .where(USAGE_DAY_INDEX)
    .between([userId, from], [userId, nowMs + 1], true, false)
    .toArray();
  const expanded = new Set(days.filter((d) => d.latestAtMs > nowMs).map((d) => d.day));
  if (excludeId !== undefined) {
    const excluded = await t.usage.get([userId, excludeId]);
    if (excluded) expanded.add(excluded.day);
  }
  const usage: UsageEntry[] = [];
  for (const d of days) {
    if (expanded.has(d.day)) continue;
    usage.push({
      amount: { amount: d.total, currency: d.currency },
      compensationType: d.compensationType,
      scope: { product: d.product, segment: d.segment, region: d.region },
      atMs: d.day,
    });
  }
  for (const day of expanded) {
    const rows = await t.usage
      .where('[userId+atMs]')
      .between([userId, day], [userId, day + DAY_MS], true, false)
      .toArray();
    for (const r of rows) {
      if (r.id === excludeId) continue;
      usage.push({
        amount: { amount: r.amount, currency: r.currency },
        compensationType: r.compensationType,
        scope: { product: r.product, segment: r.segment, region: r.region },
        atMs: r.atMs,
      });
    }
  }
  return usage;
}
