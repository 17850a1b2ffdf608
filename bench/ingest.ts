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
import { startCpuReading } from './cpu.ts';

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
  /** The database server's CPU per mutation (PostgreSQL's processes; Linux only). Push only. */
  readonly databaseCpuMicrosPerMutation?: number;
  /** Share of the machine's cores idle while the loop ran (Linux only). Push only. */
  readonly machineIdle?: number;
}

/**
 * HK$0.10 a recovery: the ~12,400 recoveries one bench user gives in a run (warm-up and three
 * rounds from one device) stay inside frontline's HK$3,000 monthly bill-credit limit, so each is
 * what the device said it was (within limit). At HK$20, every recovery after the 150th broke the
 * limit on the server and raised a limit exception (an extra document and audit event each): a
 * workload of anomalies, not the one this bench names.
 */
const RECOVERY_AMOUNT = { amount: 10, currency: 'HKD' } as const;

/**
 * Frontline users of the demo organisation and a region each may record in: a device each when
 * the bench pushes from several at once (one user's pushes would queue on that user's period-use
 * lock, SY14, which is not what many devices of a shop look like).
 */
const PUSHERS = [
  { username: 'frontline.chan', region: 'kowloon_west' },
  { username: 'frontline.lam', region: 'hk_island' },
  { username: 'frontline.ng', region: 'nt_east' },
  { username: 'frontline.tsang', region: 'kowloon_east' },
] as const;

/** The most devices `measurePush` can push from at once (one demo user each). */
export const MAX_DEVICES = PUSHERS.length;

/** A realistic mix: four incidents to one within-limit recovery, in one region's scope. */
export function makeMutations(n: number, region = 'kowloon_west'): WireMutation[] {
  const now = new Date().toISOString();
  const scope = { product: 'mobile', segment: 'consumer', region };
  return Array.from({ length: n }, (_, i) => {
    const isRecovery = i % 5 === 4;
    return {
      id: uuidv7(),
      name: isRecovery ? 'recovery.record' : 'incident.record',
      clientTime: now,
      args: isRecovery
        ? recoveryArgs({ occurredAt: now, amount: RECOVERY_AMOUNT, scope })
        : incidentArgs({ occurredAt: now, scope }),
    };
  });
}

export interface PushOptions {
  /** Devices pushing at once, each its own user, each one batch at a time (1 to `MAX_DEVICES`). */
  readonly devices?: number;
  /** Runs between the warm-up and the timed pushes (PostgreSQL: ANALYZE, as autovacuum would). */
  readonly afterWarmUp?: () => Promise<void>;
  /** Timed rounds of `n` mutations, one after another in the same process (default 1). */
  readonly rounds?: number;
  /** The database server's command name, whose CPU is read from /proc (`postgres`). */
  readonly databaseCommand?: string;
}

/**
 * Push ingest through the real app (JSON, validation, auth, handlers, one transaction a batch):
 * `n` mutations in 100-mutation batches, shared out between `devices` that push at once, in
 * `rounds` timed rounds after a warm-up. One result a round.
 */
export async function measurePush(
  store: Store,
  n: number,
  options: PushOptions = {},
): Promise<IngestResult[]> {
  const pushers = PUSHERS.slice(0, options.devices ?? 1);
  const config = testConfig();
  await seedOrganisation(
    store,
    buildDemoOrganisation(new Date()),
    systemClock,
    config.passwordHashCost,
  );
  const app = createApp(createServices(store, config, systemClock));
  const devices = await Promise.all(
    pushers.map(async ({ username, region }, i) => {
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username,
          password: 'frontline-demo',
          deviceId: `bench-device-${i + 1}`,
        }),
      });
      if (!login.ok) throw new Error(`${username} could not sign in: ${login.status}`);
      const { token } = (await login.json()) as { token: string };
      return { token, region };
    }),
  );
  /** Sends one request body (serialised beforehand, as a phone sends it); returns the answer. */
  const pushBody = async (token: string, body: string) => {
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`push failed: ${res.status} ${text}`);
    return text;
  };
  /**
   * Each device's share of `total` mutations as 100-mutation request bodies, made before any
   * clock starts: serialising them is the phone's work, not the server's.
   */
  const shares = (total: number) =>
    devices.map((d) => {
      const list = makeMutations(Math.ceil(total / devices.length), d.region);
      const bodies: string[] = [];
      for (let j = 0; j < list.length; j += BATCH) {
        const mutations = list.slice(j, j + BATCH);
        bodies.push(JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations }));
      }
      return { bodies, count: list.length };
    });
  /**
   * Every device pushes its bodies, one at a time; all devices at once. Once one fails, the others
   * stop at their next batch. Returns the answers.
   */
  const pushAll = async (work: { bodies: string[] }[]) => {
    const answers: string[] = [];
    let hasFailed = false;
    await Promise.all(
      devices.map(async (d, i) => {
        for (const body of work[i]?.bodies ?? []) {
          if (hasFailed) return;
          try {
            answers.push(await pushBody(d.token, body));
          } catch (error) {
            hasFailed = true;
            throw error;
          }
        }
      }),
    );
    return answers;
  };
  /** The answers hold one result per mutation sent, every one applied (after the clock stops). */
  const checkApplied = (answers: string[], sent: number) => {
    let applied = 0;
    for (const answer of answers) {
      const { results } = JSON.parse(answer) as { results: { status: string }[] };
      applied += results.filter((r) => r.status === 'applied').length;
    }
    if (applied !== sent) throw new Error(`${applied} of ${sent} mutations were applied`);
  };
  const records = async () =>
    (await store.listDocs('incident')).length + (await store.listDocs('recovery')).length;
  const recordsBefore = await records();
  // Warm-up, not measured: the JIT's optimised code, the caches and the prepared statements of a
  // server that has been running. One batch left most of the hot path unoptimised.
  const warmUp = shares(WARM_UP);
  let sent = warmUp.reduce((sum, w) => sum + w.count, 0);
  checkApplied(await pushAll(warmUp), sent);
  await options.afterWarmUp?.();
  const results: IngestResult[] = [];
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    const work = shares(n);
    const pushed = work.reduce((sum, w) => sum + w.count, 0);
    const reading = startCpuReading(options.databaseCommand);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const answers = await pushAll(work);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const { commandSeconds, machineIdle } = reading();
    checkApplied(answers, pushed);
    sent += pushed;
    results.push({
      mutations: pushed,
      seconds,
      perSecond: pushed / seconds,
      cpuMicrosPerMutation: (used.user + used.system) / pushed,
      ...(commandSeconds !== undefined
        ? { databaseCpuMicrosPerMutation: (commandSeconds * 1e6) / pushed }
        : {}),
      ...(machineIdle !== undefined ? { machineIdle } : {}),
    });
  }
  // Every mutation made its record, once.
  const stored = (await records()) - recordsBefore;
  if (stored !== sent) throw new Error(`${sent} mutations applied, ${stored} records stored`);
  const exceptions = (await store.listDocs('limit_exception')).length;
  if (exceptions > 0) throw new Error(`the bench raised ${exceptions} limit exceptions`);
  return results;
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

export async function openSqlite(dir: string, file = 'bench.db'): Promise<Store> {
  return openStore({ dataDir: dir, sqliteFile: file });
}

/** ANALYZE on the database at `url`: the statistics autovacuum keeps on a running server. */
export async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
