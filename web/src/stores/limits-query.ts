import { countsTowardLimits, type UsageEntry } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { latestVersion, listDocs } from '../db/docs.ts';
import { getMeta } from '../db/meta.ts';
import type { StoredSession } from '../db/rows.ts';
import type { LimitsSnapshot } from './device-decision.ts';

/**
 * What this user gave that counts toward their period limits: the server's copy of each recovery
 * where pulled (it knows about approvals), else the device's own record of one it gave within its
 * limits — whatever its sync state, since the customer has it either way.
 */
export async function myUsage(
  db: FrontlineDb,
  userId: string,
  excludeId?: string,
): Promise<UsageEntry[]> {
  const pulled = (await listDocs(db, 'recovery')).filter((r) => r.recordedBy === userId);
  const pulledIds = new Set(pulled.map((r) => r.id));
  const usage: UsageEntry[] = [];
  const add = (r: {
    amount: UsageEntry['amount'];
    compensationType: UsageEntry['compensationType'];
    scope: UsageEntry['scope'];
    occurredAt: string;
  }) =>
    usage.push({
      amount: r.amount,
      compensationType: r.compensationType,
      scope: r.scope,
      atMs: Date.parse(r.occurredAt),
    });
  for (const r of pulled) if (r.id !== excludeId && countsTowardLimits(r.status)) add(r);
  const local = await db.local.where('name').equals('recovery.record').toArray();
  for (const row of local) {
    if (
      row.name !== 'recovery.record' ||
      row.userId !== userId ||
      row.id === excludeId ||
      pulledIds.has(row.id)
    )
      continue;
    if (row.args.deviceDecision.outcome === 'within_limit') add(row.args);
  }
  return usage;
}

/** Reads the device's limits snapshot. Database reads only: safe inside a write transaction and a live query. */
export async function loadLimitsSnapshot(
  db: FrontlineDb,
  session: StoredSession,
  excludeId?: string,
): Promise<LimitsSnapshot> {
  return {
    role: session.user.role,
    limitSet: await latestVersion(db, 'limit_set'),
    usage: await myUsage(db, session.user.id, excludeId),
    limitsCheckedAt: (await getMeta(db, 'limitsCheckedAt')) ?? null,
    maxLimitsAgeMs: session.settings.maxLimitsAgeMs,
  };
}
