import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  countsTowardLimits,
  periodUse,
  uuidv7,
  type CompensationType,
  type Currency,
  type DocOf,
  type LimitQuestion,
  type LimitRule,
  type RecoveryStatus,
  type UsageEntry,
} from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { applyPullPage, listDocs } from '../db/docs.ts';
import { discardRejected, replaceRejected, saveLocalWrite } from '../db/local-writes.ts';
import { applyPushResults } from '../db/outbox.ts';
import { isGivenOnDevice } from '../db/usage.ts';
import type { LocalRecordRow, MutationArgs } from '../db/rows.ts';
import { myUsage } from './limits-query.ts';
import { localRow } from './record-write.ts';
import { freshDb, NOW, session } from './test-support.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const DAY = 86_400_000;
const ME = session().user.id;
const OTHER = '019a0000-0000-7000-8000-0000000000ff';

/**
 * The usage query as it was before the usage index: every pulled recovery and every local
 * recovery record, read in full. The index must give `periodUse` the same figures.
 */
async function fullScanUsage(userId: string, excludeId?: string): Promise<UsageEntry[]> {
  const pulled = (await listDocs(db, 'recovery')).filter((r) => r.recordedBy === userId);
  const pulledIds = new Set(pulled.map((r) => r.id));
  const usage: UsageEntry[] = [];
  const add = (r: MutationArgs<'recovery.record'> | DocOf<'recovery'>) =>
    usage.push({
      amount: r.amount,
      compensationType: r.compensationType,
      scope: r.scope,
      atMs: Date.parse(r.occurredAt),
    });
  for (const r of pulled) if (r.id !== excludeId && countsTowardLimits(r.status)) add(r);
  for (const row of await db.local.where('name').equals('recovery.record').toArray()) {
    if (row.name !== 'recovery.record' || row.userId !== userId || row.id === excludeId) continue;
    if (pulledIds.has(row.id)) continue;
    if (isGivenOnDevice(row.args.deviceDecision)) add(row.args);
  }
  return usage;
}

interface Spec {
  readonly amount: number;
  readonly currency: Currency;
  readonly type: CompensationType;
  readonly product: string;
  readonly region: string;
  /** occurredAt relative to NOW: weeks back, and a little into the future. */
  readonly offsetMs: number;
  readonly isWithinLimit: boolean;
  /** Over the limits but approved by a phone code (counts on the device until the server says). */
  readonly isPhoneApproved: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  amount: fc.integer({ min: 1, max: 50 }).map((n) => n * 100),
  currency: fc.constantFrom<Currency>('HKD', 'USD'),
  type: fc.constantFrom<CompensationType>('bill_credit', 'voucher'),
  product: fc.constantFrom('mobile', 'broadband'),
  region: fc.constantFrom('kowloon_west', 'island'),
  offsetMs: fc.oneof(
    fc.integer({ min: -40 * DAY, max: 2 * DAY }),
    // Around Hong Kong midnights, where days, weeks and months begin.
    fc.integer({ min: -40, max: 2 }).map((d) => d * DAY - 2 * 3_600_000 - 8 * 3_600_000),
  ),
  isWithinLimit: fc.boolean(),
  isPhoneApproved: fc.boolean(),
});

const recoveryArgs = (id: string, s: Spec): MutationArgs<'recovery.record'> => ({
  id,
  incidentId: null,
  customerRef: 'ACC-00012345',
  compensationType: s.type,
  amount: { amount: s.amount, currency: s.currency },
  scope: { product: s.product, segment: 'consumer', region: s.region },
  reason: 'Missed appointment',
  occurredAt: new Date(NOW + s.offsetMs).toISOString(),
  deviceDecision: {
    outcome: s.isWithinLimit ? 'within_limit' : 'needs_approval',
    ruleId: null,
    reasons: [],
    limitsVersion: 1,
    limitsAgeMs: 0,
    ...(!s.isWithinLimit && s.isPhoneApproved
      ? {
          phoneApproval: {
            code: '12345678',
            window: Math.floor(NOW / 600_000),
            approverId: null,
            enteredAt: new Date(NOW).toISOString(),
          },
        }
      : {}),
  },
  satisfaction: null,
});

const recoveryDoc = (
  id: string,
  s: Spec,
  recordedBy: string,
  status: RecoveryStatus,
): DocOf<'recovery'> => ({
  ...recoveryArgs(id, s),
  recordedBy,
  teamId: null,
  orgId: null,
  receivedAt: new Date(NOW).toISOString(),
  status,
  serverDecision: { outcome: 'within_limit', ruleId: null, reasons: [], limitsVersion: 1 },
  limitExceptionId: null,
  approvalRequestId: null,
  updatedAt: new Date(NOW).toISOString(),
});

type Op =
  | { op: 'save'; isMine: boolean; s: Spec }
  | {
      op: 'pull';
      changes: {
        pick: number | null;
        s: Spec;
        isMine: boolean;
        status: RecoveryStatus;
        isDeleted: boolean;
      }[];
    }
  | { op: 'answer'; pick: number; isApplied: boolean }
  | { op: 'fix'; pick: number; s: Spec; isNewId: boolean }
  | { op: 'discard'; pick: number };

const pick = fc.option(fc.nat(), { nil: null });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('save' as const), isMine: fc.boolean(), s: spec }),
  fc.record({
    op: fc.constant('pull' as const),
    changes: fc.array(
      fc.record({
        pick,
        s: spec,
        isMine: fc.boolean(),
        status: fc.constantFrom<RecoveryStatus>(
          'given',
          'awaiting_approval',
          'approved',
          'rejected',
        ),
        isDeleted: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
  }),
  fc.record({ op: fc.constant('answer' as const), pick: fc.nat(), isApplied: fc.boolean() }),
  fc.record({ op: fc.constant('fix' as const), pick: fc.nat(), s: spec, isNewId: fc.boolean() }),
  fc.record({ op: fc.constant('discard' as const), pick: fc.nat() }),
);

/** Runs the operations through the device's real writers: saves, pulls, push answers, fixes. */
async function run(ops: readonly Op[]): Promise<string[]> {
  const ids: string[] = [];
  const at = (i: number) => ids[i % Math.max(1, ids.length)];
  for (const o of ops) {
    if (o.op === 'save') {
      const id = uuidv7();
      ids.push(id);
      const record = localRow(
        'recovery.record',
        id,
        recoveryArgs(id, o.s),
        o.isMine ? ME : OTHER,
        NOW,
      );
      await saveLocalWrite(db, () => ({ record, clientTime: new Date(NOW).toISOString() }));
    } else if (o.op === 'pull') {
      const changes = o.changes.map((c) => {
        const known = c.pick === null ? undefined : at(c.pick);
        const id = known ?? uuidv7();
        if (!known) ids.push(id);
        const data = recoveryDoc(id, c.s, c.isMine ? ME : OTHER, c.status);
        return c.isDeleted
          ? { kind: 'recovery' as const, id, deleted: true as const, data: null }
          : { kind: 'recovery' as const, id, deleted: false as const, data };
      });
      await applyPullPage(db, { changes, cursor: 'c' }, { userId: ME });
    } else if (o.op === 'answer') {
      const id = at(o.pick);
      const row = id === undefined ? undefined : await db.local.get(id);
      if (!row) continue;
      await applyPushResults(db, [
        o.isApplied
          ? { id: row.mutationId, status: 'applied' }
          : { id: row.mutationId, status: 'rejected', code: 'validation', message: 'no' },
      ]);
    } else if (o.op === 'fix') {
      const id = at(o.pick);
      if (id === undefined) continue;
      const newId = o.isNewId ? uuidv7() : id;
      if (o.isNewId) ids.push(newId);
      await replaceRejected(db, id, (refused: LocalRecordRow) => ({
        record: localRow('recovery.record', newId, recoveryArgs(newId, o.s), refused.userId, NOW),
        clientTime: new Date(NOW).toISOString(),
      }));
    } else {
      const id = at(o.pick);
      if (id !== undefined) await discardRejected(db, id);
    }
  }
  return ids;
}

const RULES: LimitRule[] = (['day', 'week', 'month'] as const).flatMap((period, p) =>
  (['HKD', 'USD'] as const).flatMap((currency, c) =>
    (['*', 'voucher'] as const).flatMap((compensationType, t) =>
      (['*', 'mobile'] as const).map((product, s) => ({
        id: `019a0000-0000-7000-8000-00000000${p}${c}${t}${s}`.padEnd(36, '0').slice(0, 36),
        role: '*' as const,
        product,
        segment: '*',
        region: '*',
        compensationType,
        currency,
        maxPerCase: 1_000,
        maxPerPeriod: 10_000,
        period,
      })),
    ),
  ),
);

const useUnder = (usage: readonly UsageEntry[], nowMs: number) => {
  const q: LimitQuestion = {
    rules: RULES,
    role: 'frontline',
    scope: { product: 'mobile', segment: 'consumer', region: 'island' },
    compensationType: 'voucher',
    amount: { amount: 0, currency: 'HKD' },
    usage,
    nowMs,
    limitsAgeMs: 0,
    maxLimitsAgeMs: 0,
  };
  return RULES.map(
    (rule) =>
      `${rule.period} ${rule.currency} ${rule.compensationType} ${rule.product}: ${periodUse(rule, q)}`,
  );
};

describe('period use from the usage index', () => {
  it('gives every limit rule the same period use as reading every recovery, whatever was saved, pulled, answered, fixed or discarded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            nowOffsetMs: fc.oneof(
              fc.integer({ min: -35 * DAY, max: 3 * DAY }),
              fc.constantFrom(0, -8 * 3_600_000 - 2 * 3_600_000, DAY - 10 * 3_600_000),
            ),
            exclude: pick,
            isMine: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (ops, questions) => {
          db?.close();
          db = freshDb();
          await db.meta.put({ key: 'session', value: session() });
          const ids = await run(ops);
          for (const q of questions) {
            const userId = q.isMine ? ME : OTHER;
            const nowMs = NOW + q.nowOffsetMs;
            const excludeId =
              q.exclude === null ? undefined : ids[q.exclude % Math.max(1, ids.length)];
            expect(useUnder(await myUsage(db, userId, nowMs, excludeId), nowMs)).toEqual(
              useUnder(await fullScanUsage(userId, excludeId), nowMs),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
