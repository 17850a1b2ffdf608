// `npm run bench`: prints figures and ratios against baselines measured in the same run.
// Benchmarks are programs, not timed tests: nothing here passes or fails.
import os from 'node:os';
import { openStore } from '../server/src/storage/open.ts';
import { createDatabase, startPostgres } from '../test/support/postgres.ts';
import {
  measurePush,
  measureRawPostgres,
  measureRawSqlite,
  analyze,
  MAX_DEVICES,
  openSqlite,
  tempDir,
  WARM_UP,
  type IngestResult,
} from './ingest.ts';
import { runPwaBenchmarks } from './pwa.ts';
import { runInboxLatency } from './inbox-latency.ts';

const N = Number(process.env.BENCH_MUTATIONS ?? 20_000);

/** Timed rounds of N mutations for each push figure, one after another in the same process. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const perSecond = (r: IngestResult) =>
  `${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)} /s`;

/** The round with the median throughput (the lower middle one of an even count). */
function median(rounds: readonly IngestResult[]): IngestResult {
  const sorted = [...rounds].sort((a, b) => a.perSecond - b.perSecond);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no rounds measured');
  return middle;
}

/** One push figure: the median round, every round in order, and where the CPU went. */
function pushLine(label: string, rounds: readonly IngestResult[]): string {
  const m = median(rounds);
  const cpu = [
    m.cpuMicrosPerMutation === undefined
      ? undefined
      : `${m.cpuMicrosPerMutation.toFixed(0)} µs CPU/mutation in this process`,
    m.databaseCpuMicrosPerMutation === undefined
      ? undefined
      : `${m.databaseCpuMicrosPerMutation.toFixed(0)} in the database server`,
    m.machineIdle === undefined
      ? undefined
      : `${(m.machineIdle * 100).toFixed(0)}% of the cores idle`,
  ].filter((part) => part !== undefined);
  return (
    `  ${label.padEnd(48)}${perSecond(m)} median; rounds ${rounds.map((r) => perSecond(r).trim()).join(', ')}\n` +
    (cpu.length > 0 ? `  ${''.padEnd(48)}(median round: ${cpu.join(', ')})\n` : '')
  );
}

/** The figures of one database: one device alone, several at once, and the raw baseline. */
function report(
  title: string,
  target: number,
  pushes: readonly (readonly IngestResult[])[],
  raw: IngestResult,
): void {
  const medians = pushes.map(median);
  const met = DEVICES.filter((_, i) => (medians[i]?.perSecond ?? 0) >= target);
  process.stdout.write(
    `\n${title}   (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n` +
      `  push ingest: ${ROUNDS} rounds of ${N.toLocaleString('en-US')} mutations in 100-mutation batches, after ${WARM_UP.toLocaleString('en-US')} not timed\n` +
      pushes
        .map((rounds, i) =>
          pushLine(i === 0 ? '1 device:' : `${DEVICES[i]} devices at once:`, rounds),
        )
        .join('') +
      `  ${'raw insert baseline (same rows, 1 connection):'.padEnd(48)}${perSecond(raw)}\n` +
      `  ratio push / raw (medians): ${medians.map((m, i) => `${(m.perSecond / raw.perSecond).toFixed(2)} (${DEVICES[i]})`).join(', ')}` +
      `   target ≥ ${target.toLocaleString('en-US')}/s: ` +
      (met.length === 0
        ? 'NOT met\n'
        : met.length === DEVICES.length
          ? 'met (medians)\n'
          : `met by the median with ${met.join(' and ')} device(s) only\n`),
  );
}

/** How many devices push at once in each push run: one alone, then all the bench has. */
const DEVICES = [1, MAX_DEVICES] as const;

process.stdout.write(
  `Frontline Playbook benchmarks — ${os.cpus().length} cores, Node ${process.version}, ${N} mutations per run\n`,
);

{
  const tmp = tempDir();
  try {
    const raw = measureRawSqlite(tmp.dir, N);
    const pushes: IngestResult[][] = [];
    for (const devices of DEVICES) {
      const store = await openSqlite(tmp.dir, `bench-${devices}.db`);
      pushes.push(await measurePush(store, N, { devices, rounds: ROUNDS }));
      await store.close();
    }
    report('SQLite (WAL, synchronous=FULL)', 20_000, pushes, raw);
  } finally {
    tmp.remove();
  }
}

if (process.env.BENCH_SKIP_POSTGRES === '1') {
  process.stdout.write('\nPostgreSQL: skipped (BENCH_SKIP_POSTGRES=1)\n');
} else {
  const cluster = await startPostgres({ durable: true });
  try {
    const raw = await measureRawPostgres(await createDatabase(cluster.url, 'bench_raw'), N);
    const pushes: IngestResult[][] = [];
    for (const devices of DEVICES) {
      const url = await createDatabase(cluster.url, `bench_push_${devices}`);
      const store = await openStore({ databaseUrl: url, dataDir: '' });
      // Statistics as autovacuum keeps them on a server that has been running: without them, the
      // tables the warm-up filled are planned as if nearly empty.
      const afterWarmUp = () => analyze(url);
      pushes.push(
        await measurePush(store, N, {
          devices,
          afterWarmUp,
          rounds: ROUNDS,
          databaseCommand: 'postgres',
        }),
      );
      await store.close();
    }
    report(
      'PostgreSQL (local, default durability: fsync on, synchronous_commit on)',
      10_000,
      pushes,
      raw,
    );
  } finally {
    await cluster.stop();
  }
}

if (process.env.BENCH_SKIP_PWA === '1') {
  process.stdout.write('\nPWA: skipped (BENCH_SKIP_PWA=1)\n');
} else {
  await runPwaBenchmarks((text) => process.stdout.write(text));
}

if (process.env.BENCH_SKIP_INBOX === '1') {
  process.stdout.write('\nInbox latency: skipped (BENCH_SKIP_INBOX=1)\n');
} else {
  await runInboxLatency((text) => process.stdout.write(text));
}
