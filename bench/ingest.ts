import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PROTOCOL_VERSION, uuidv7, type WireMutation } from '../shared/index.ts';
import { createApp } from '../server/src/http/app.ts';
import { buildDemoOrganisation } from '../server/src/seed/demo-data.ts';
import { seedOrganisation } from '../server/src/seed/seed.ts';
import { systemClock } from '../server/src/services/clock.ts';
import { createServices } from '../server/src/services/index.ts';
import { openStore } from '../server/src/storage/open.ts';
import type { Store } from '../server/src/storage/store.ts';
import { testConfig } from '../test/support/harness.ts';
import { incidentArgs, recoveryArgs } from '../test/support/factories.ts';

export const BATCH = 100;
/** Mutations pushed before the clock starts (20 batches). */
export const WARM_UP = 2_000;

export interface IngestResult {
  readonly mutations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /**
   * CPU time of this process per mutation (user + system, µs) while the loop ran: on a shared,
   * loaded machine wall-clock throughput is noise, CPU per mutation is not. Push only.
   */
  readonly cpuMicrosPerMutation?: number;
}

/**
 * HK$0.50 a recovery: the ~4,400 recoveries one bench user gives in a run stay inside frontline's
 * monthly bill-credit limit, so each is what the device said it was (within limit). At HK$20,
 * every recovery after the 150th broke the limit on the server and raised a limit exception (an
 * extra document and audit event each): a workload of anomalies, not the one this bench names.
 */
const RECOVERY_AMOUNT = { amount: 50, currency: 'HKD' } as const;

/** A realistic mix: four incidents to one within-limit recovery, all from one user. */
export function makeMutations(n: number): WireMutation[] {
  const now = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => {
    const isRecovery = i % 5 === 4;
    return {
      id: uuidv7(),
      name: isRecovery ? 'recovery.record' : 'incident.record',
      clientTime: now,
      args: isRecovery
        ? recoveryArgs({ occurredAt: now, amount: RECOVERY_AMOUNT })
        : incidentArgs({ occurredAt: now }),
    };
  });
}

/** Push ingest through the real app (JSON, validation, auth, handlers, one transaction a batch). */
export async function measurePush(store: Store, n: number): Promise<IngestResult> {
  const config = testConfig();
  await seedOrganisation(
    store,
    buildDemoOrganisation(new Date()),
    systemClock,
    config.passwordHashCost,
  );
  const app = createApp(createServices(store, config, systemClock));
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'frontline.chan',
      password: 'frontline-demo',
      deviceId: 'bench-device-1',
    }),
  });
  const { token } = (await login.json()) as { token: string };
  const pushBatch = async (mutations: WireMutation[]) => {
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations }),
    });
    if (!res.ok) throw new Error(`push failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { results: { status: string }[] };
    if (body.results.some((r) => r.status !== 'applied'))
      throw new Error('a benchmark mutation was not applied');
  };
  // Warm-up, not measured: the JIT's optimised code, the caches and the prepared statements of a
  // server that has been running. One batch left most of the hot path unoptimised.
  const warmUp = makeMutations(WARM_UP);
  for (let i = 0; i < warmUp.length; i += BATCH) await pushBatch(warmUp.slice(i, i + BATCH));
  const all = makeMutations(n);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < all.length; i += BATCH) await pushBatch(all.slice(i, i + BATCH));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const exceptions = (await store.listDocs('limit_exception')).length;
  if (exceptions > 0) throw new Error(`the bench raised ${exceptions} limit exceptions`);
  return {
    mutations: n,
    seconds,
    perSecond: n / seconds,
    cpuMicrosPerMutation: (used.user + used.system) / n,
  };
}

function rawRows(n: number) {
  return makeMutations(n).map((m) => ({ id: m.id, data: JSON.stringify(m.args) }));
}

/** Baseline: the same number of JSON rows inserted with the raw driver, one transaction per 100. */
export function measureRawSqlite(dir: string, n: number): IngestResult {
  const db = new BetterSqlite3(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table raw (id text primary key, data text not null)');
  const insert = db.prepare('insert into raw (id, data) values (?, ?)');
  const insertBatch = db.transaction((rows: { id: string; data: string }[]) => {
    for (const r of rows) insert.run(r.id, r.data);
  });
  const rows = rawRows(n);
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) insertBatch(rows.slice(i, i + BATCH));
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { mutations: n, seconds, perSecond: n / seconds };
}

export async function measureRawPostgres(url: string, n: number): Promise<IngestResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create table raw (id text primary key, data text not null)');
  const rows = rawRows(n);
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    const params = part.flatMap((r) => [r.id, r.data]);
    const values = part.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(',');
    await client.query('begin');
    await client.query(`insert into raw (id, data) values ${values}`, params);
    await client.query('commit');
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return { mutations: n, seconds, perSecond: n / seconds };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontline-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openSqlite(dir: string): Promise<Store> {
  return openStore({ dataDir: dir, sqliteFile: 'bench.db' });
}
