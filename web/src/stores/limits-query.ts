import type { UsageEntry } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { latestVersion } from '../db/docs.ts';
import { getMeta } from '../db/meta.ts';
import type { StoredSession } from '../db/rows.ts';
import { readUsage } from '../db/usage.ts';
import type { LimitsSnapshot } from './device-decision.ts';

/**
 * What this user gave that counts toward their period limits as of `nowMs`: the server's copy of
 * each recovery where pulled (it knows about approvals), else the device's own record of one it
 * gave (within its limits, or approved by a phone code) — whatever its sync state, since the
 * customer has it either way. Read
 * from the usage index (db/usage.ts) as day totals: `periodUse` over them equals `periodUse` over
 * every recovery, for any rule, at `nowMs`.
 */
export function myUsage(
  db: FrontlineDb,
  userId: string,
  nowMs: number,
  excludeId?: string,
): Promise<UsageEntry[]> {
  return readUsage(db, userId, nowMs, excludeId);
}

/**
 * Reads the device's limits snapshot for a decision at `nowMs`. Database reads only: safe inside
 * a write transaction and a live query.
 */
export async function loadLimitsSnapshot(
  db: FrontlineDb,
  session: StoredSession,
  nowMs: number,
  excludeId?: string,
): Promise<LimitsSnapshot> {
  return {
    role: session.user.role,
    limitSet: await latestVersion(db, 'limit_set'),
    usage: await myUsage(db, session.user.id, nowMs, excludeId),
    limitsCheckedAt: (await getMeta(db, 'limitsCheckedAt')) ?? null,
    maxLimitsAgeMs: session.settings.maxLimitsAgeMs,
  };
}
