// The benchmark page's module (bundled by bench/pwa-page.ts, run in Chromium): the app's real
// data layer — Dexie on the browser's IndexedDB, the stores, the sync engine and its API client —
// without the UI, driven from Node through `window.pwaBench`.
import { PROTOCOL_VERSION, uuidv7, type WireMutation } from '../shared/index.ts';
import { FrontlineDb } from '../web/src/db/database.ts';
import { getMeta } from '../web/src/db/meta.ts';
import { outboxCounts } from '../web/src/db/outbox.ts';
import { refreshUsage } from '../web/src/db/usage.ts';
import type { LocalRecordRow, OutboxRow } from '../web/src/db/rows.ts';
import { createAppStores, type AppStores } from '../web/src/stores/app-stores.ts';
import { localRow } from '../web/src/stores/record-write.ts';
import type { NewIncident, NewRecovery } from '../web/src/stores/records-store.ts';
import { createApiClient } from '../web/src/sync/api-client.ts';
import { browserSyncEnv } from '../web/src/sync/browser-env.ts';
import { createSyncEngine, type SyncEngine } from '../web/src/sync/engine.ts';
import { APP_PUSH_BATCH } from '../web/src/sync/push.ts';

export interface DrainResult {
  readonly totalMs: number;
  /** Until the last push batch was answered; the rest is the pull that follows. */
  readonly pushMs: number;
  readonly pending: number;
  readonly rejected: number;
  readonly synced: number;
  readonly error: string | null;
  /** Every request of the drain, in order: where the time on the link went. */
  readonly requests: readonly RequestTiming[];
}

/** One HTTP request as the page saw it, ms from the start of the drain. */
export interface RequestTiming {
  readonly path: string;
  readonly startMs: number;
  /** Response headers arrived: the server answered. */
  readonly headersMs: number;
  readonly endMs: number;
  /** Request body as sent (gzip when the client compressed it). */
  readonly upBytes: number;
}

export interface PwaBench {
  signIn(username: string, password: string): Promise<void>;
  /** Records `n` incidents and recoveries (four to one) through the stores, with no sync. */
  queue(n: number): Promise<{ pending: number }>;
  /** The push bodies the engine will send for the outbox as it is, a batch each. */
  pushBodies(): Promise<string[]>;
  drain(): Promise<DrainResult>;
  /** The first `count` queued records again under new ids, one push request each. */
  replayOneEach(count: number): Promise<{ ms: number; applied: number }>;
  /** Stores `n` records with their outbox rows directly, as a device offline for weeks has them. */
  fill(n: number): Promise<void>;
  /** Times `n` saves of one record through the stores (validation + one transaction), in ms. */
  timeSaves(kind: 'incident' | 'recovery', n: number): Promise<number[]>;
}

const SCOPE = { product: 'mobile', segment: 'consumer', region: 'kowloon_west' } as const;
const CATEGORIES = ['missed_appointment', 'service_outage', 'billing_error'] as const;
const WHAT = [
  'Installer did not arrive for the morning slot; customer waited at home and took leave.',
  'No mobile data in the estate since last night; customer works from home and lost a day.',
  'Roaming pass charged twice on the last bill; customer showed both SMS confirmations.',
  'Router replaced twice this month and still drops every evening; customer is upset.',
  'Contract renewal price differs from what the shop quoted; customer has the quotation.',
];
const WHY = [
  'Missed appointment; goodwill credit per tactic.',
  'Outage over 24 hours; pro-rata credit.',
  'Double charge; credit the difference now.',
];

/** A deterministic mix, varied enough that gzip does not flatter the figures. */
let seed = 0x2f6e2b1;
const rand = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 0x1_0000_0000;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const customerRef = () => `ACC-${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;

function newIncident(nowMs: number, i: number): NewIncident {
  return {
    category: pick(CATEGORIES),
    description: `${pick(WHAT)} Case ${i}, shop ${1 + Math.floor(rand() * 40)}.`,
    scope: SCOPE,
    customerRef: customerRef(),
    outsourcingPartyId: null,
    occurredAt: new Date(nowMs - Math.floor(rand() * 86_400_000)).toISOString(),
    location: null,
    photoIds: [],
    severity: { likelihood: 1 + Math.floor(rand() * 5), impact: 1 + Math.floor(rand() * 5) },
    tacticIdsShown: [],
    riskId: null,
  } as NewIncident;
}

function newRecovery(nowMs: number): NewRecovery {
  return {
    incidentId: null,
    customerRef: customerRef(),
    compensationType: 'bill_credit',
    amount: { amount: 1_000 * (1 + Math.floor(rand() * 8)), currency: 'HKD' },
    scope: SCOPE,
    reason: pick(WHY),
    occurredAt: new Date(nowMs - Math.floor(rand() * 3_600_000)).toISOString(),
    satisfaction: 1 + Math.floor(rand() * 5),
  } as NewRecovery;
}

const toWire = (r: OutboxRow): WireMutation => ({
  id: r.id,
  name: r.name,
  clientTime: r.clientTime,
  args: r.args,
});

function createPwaBench(): PwaBench {
  const db = new FrontlineDb(`frontline-bench-${Date.now()}`);
  // Timings of every request while a drain runs; fetch itself is the browser's.
  let timings: RequestTiming[] | null = null;
  let drainStart = 0;
  const timedFetch = async (input: string, init: RequestInit): Promise<Response> => {
    const log = timings;
    const startMs = performance.now() - drainStart;
    const res = await fetch(input, init);
    if (!log) return res;
    const headersMs = performance.now() - drainStart;
    const text = await res.text();
    const body = init.body;
    log.push({
      path: input.replace(/\?.*$/, ''),
      startMs,
      headersMs,
      endMs: performance.now() - drainStart,
      upBytes:
        body instanceof ArrayBuffer ? body.byteLength : typeof body === 'string' ? body.length : 0,
    });
    return new Response(text, { status: res.status, headers: res.headers });
  };
  // As the app wires it (web/src/stores/browser-stores.ts): large bodies gzipped.
  const api = createApiClient({
    baseUrl: '',
    timeoutMs: 600_000,
    gzipRequests: true,
    fetch: timedFetch,
  });
  // Never started: nothing syncs by itself, so a queue builds up until drain() asks.
  const engine: SyncEngine = createSyncEngine({
    db,
    api,
    env: browserSyncEnv(window),
    batchSize: APP_PUSH_BATCH,
  });
  const stores: AppStores = createAppStores({ db, engine, api });
  let queued: WireMutation[] = [];
  const token = async () => (await getMeta(db, 'session'))?.token ?? '';

  const save = (i: number) =>
    i % 5 === 4
      ? stores.records.recordRecovery(newRecovery(Date.now()))
      : stores.records.recordIncident(newIncident(Date.now(), i));

  return {
    async signIn(username, password) {
      await stores.session.signIn(username, password);
      await engine.syncNow();
      const problem = engine.state.get().lastError;
      if (problem) throw new Error(`first sync failed: ${problem.code} ${problem.message}`);
    },

    async queue(n) {
      for (let i = 0; i < n; i++) await save(i);
      const rows = await db.outbox.where('state').equals('pending').toArray();
      queued = rows.map(toWire);
      return { pending: rows.length };
    },

    async pushBodies() {
      const rows = (await db.outbox.where('state').equals('pending').toArray()).map(toWire);
      const bodies: string[] = [];
      for (let i = 0; i < rows.length; i += APP_PUSH_BATCH) {
        const mutations = rows.slice(i, i + APP_PUSH_BATCH);
        bodies.push(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations }));
      }
      return bodies;
    },

    async drain() {
      const start = performance.now();
      drainStart = start;
      const requests: RequestTiming[] = [];
      timings = requests;
      let pushDoneAt: number | null = null;
      const off = engine.state.subscribe((s) => {
        if (pushDoneAt === null && s.progress && s.progress.total > 0) {
          if (s.progress.done >= s.progress.total) pushDoneAt = performance.now();
        }
      });
      await engine.syncNow();
      const end = performance.now();
      timings = null;
      off();
      const counts = await outboxCounts(db);
      const synced = await db.local.where('state').equals('synced').count();
      const docs = await db.docs.where('kind').anyOf('incident', 'recovery').count();
      const problem = engine.state.get().lastError;
      return {
        totalMs: end - start,
        pushMs: (pushDoneAt ?? end) - start,
        pending: counts.pending,
        rejected: counts.rejected,
        // A synced record leaves `local` once the server's copy is pulled into `docs`.
        synced: synced + docs,
        error: problem ? `${problem.code}: ${problem.message}` : null,
        requests,
      };
    },

    async replayOneEach(count) {
      const bearer = await token();
      let applied = 0;
      const start = performance.now();
      for (const m of queued.slice(0, count)) {
        // The same record under new ids: the server does the same work as for the original.
        const args = { ...(m.args as Record<string, unknown>), id: uuidv7() };
        const res = await api.push(bearer, [{ ...m, id: uuidv7(), args }]);
        if (res.results[0]?.status === 'applied') applied++;
      }
      return { ms: performance.now() - start, applied };
    },

    async fill(n) {
      const session = await getMeta(db, 'session');
      if (!session) throw new Error('sign in first');
      const nowMs = Date.now();
      const CHUNK = 1_000;
      for (let from = 0; from < n; from += CHUNK) {
        const records: LocalRecordRow[] = [];
        const outbox: OutboxRow[] = [];
        for (let i = from; i < Math.min(n, from + CHUNK); i++) {
          const id = uuidv7(nowMs);
          const record =
            i % 5 === 4
              ? localRow(
                  'recovery.record',
                  id,
                  {
                    ...newRecovery(nowMs),
                    id,
                    deviceDecision: {
                      outcome: 'within_limit',
                      ruleId: null,
                      reasons: [],
                      limitsVersion: 1,
                      limitsAgeMs: 60_000,
                    },
                  },
                  session.user.id,
                  nowMs,
                )
              : localRow(
                  'incident.record',
                  id,
                  { ...newIncident(nowMs, i), id },
                  session.user.id,
                  nowMs,
                );
          records.push(record);
          outbox.push({
            id: record.mutationId,
            name: record.name,
            clientTime: new Date(nowMs).toISOString(),
            args: record.args,
            recordId: record.id,
            state: 'pending',
            rejection: null,
          });
        }
        await db.transaction(
          'rw',
          [db.local, db.outbox, db.docs, db.usage, db.usageDays],
          async () => {
            await db.local.bulkAdd(records);
            await db.outbox.bulkAdd(outbox);
            // As every write of a recovery does (web/src/db/usage.ts).
            await refreshUsage(
              db,
              records.filter((r) => r.name === 'recovery.record').map((r) => r.id),
            );
          },
        );
      }
    },

    async timeSaves(kind, n) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        if (kind === 'recovery') await stores.records.recordRecovery(newRecovery(Date.now()));
        else await stores.records.recordIncident(newIncident(Date.now(), i));
        times.push(performance.now() - start);
      }
      return times;
    },
  };
}

(window as unknown as { pwaBench: PwaBench }).pwaBench = createPwaBench();
document.body.dataset.ready = 'true';
