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

const fmt = (r: IngestResult) =>
  `${Math.round(r.perSecond).toLocaleString('en-US').padStart(9)} /s  (${r.mutations} in ${r.seconds.toFixed(2)} s)` +
  (r.cpuMicrosPerMutation === undefined
    ? ''
    : `  ${r.cpuMicrosPerMutation.toFixed(1)} µs CPU/mutation (this process)`);

const line = (label: string, r: IngestResult) => `  ${label.padEnd(52)}${fmt(r)}\n`;

/** The figures of one database: one device alone, several at once, and the raw baseline. */
function report(title: string, target: number, pushes: IngestResult[], raw: IngestResult): void {
  const met = pushes.filter((p) => p.perSecond >= target);
  process.stdout.write(
    `\n${title}   (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n` +
      pushes
        .map((p, i) =>
          line(
            i === 0
              ? `push ingest, 1 device (after ${WARM_UP.toLocaleString('en-US')} not timed):`
              : `push ingest, ${DEVICES[i]} devices at once:`,
            p,
          ),
        )
        .join('') +
      line('raw insert baseline (same rows, 1 connection):', raw) +
      `  ratio push / raw: ${pushes.map((p, i) => `${(p.perSecond / raw.perSecond).toFixed(2)} (${DEVICES[i]})`).join(', ')}` +
      `   target ≥ ${target.toLocaleString('en-US')}/s: ` +
      (met.length === 0
        ? 'NOT met\n'
        : `met with ${met.map((p) => DEVICES[pushes.indexOf(p)]).join(' and ')} device(s)\n`),
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
    const pushes: IngestResult[] = [];
    for (const devices of DEVICES) {
      const store = await openSqlite(tmp.dir, `bench-${devices}.db`);
      pushes.push(await measurePush(store, N, { devices }));
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
    const pushes: IngestResult[] = [];
    for (const devices of DEVICES) {
      const url = await createDatabase(cluster.url, `bench_push_${devices}`);
      const store = await openStore({ databaseUrl: url, dataDir: '' });
      // Statistics as autovacuum keeps them on a server that has been running: without them, the
      // tables the warm-up filled are planned as if nearly empty.
      const afterWarmUp = () => analyze(url);
      pushes.push(await measurePush(store, N, { devices, afterWarmUp }));
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
