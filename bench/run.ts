// `npm run bench`: prints figures and ratios against baselines measured in the same run.
// Benchmarks are programs, not timed tests: nothing here passes or fails.
import os from 'node:os';
import { openStore } from '../server/src/storage/open.ts';
import { createDatabase, startPostgres } from '../test/support/postgres.ts';
import {
  measurePush,
  measureRawPostgres,
  measureRawSqlite,
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

function report(title: string, target: number, push: IngestResult, raw: IngestResult): void {
  const ratio = push.perSecond / raw.perSecond;
  process.stdout.write(
    `\n${title}   (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n` +
      `  push ingest (100-mutation batches, after ${WARM_UP.toLocaleString('en-US')} not timed): ${fmt(push)}\n` +
      `  raw insert baseline (same rows):${' '.repeat(36)}${fmt(raw)}\n` +
      `  ratio push / raw: ${ratio.toFixed(2)}   target ≥ ${target.toLocaleString('en-US')}/s: ${push.perSecond >= target ? 'met' : 'NOT met'}\n`,
  );
}

process.stdout.write(
  `Frontline Playbook benchmarks — ${os.cpus().length} cores, Node ${process.version}, ${N} mutations per run\n`,
);

{
  const tmp = tempDir();
  try {
    const raw = measureRawSqlite(tmp.dir, N);
    const store = await openSqlite(tmp.dir);
    const push = await measurePush(store, N);
    await store.close();
    report('SQLite (WAL, synchronous=FULL)', 20_000, push, raw);
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
    const store = await openStore({
      databaseUrl: await createDatabase(cluster.url, 'bench_push'),
      dataDir: '',
    });
    const push = await measurePush(store, N);
    await store.close();
    report(
      'PostgreSQL (local, default durability: fsync on, synchronous_commit on)',
      10_000,
      push,
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
