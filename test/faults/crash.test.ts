import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type WireMutation,
} from '../../shared/index.ts';
import { DEMO_PASSWORDS } from '../../server/src/seed/demo-data.ts';
import { verifyAuditTrail } from '../../server/src/services/audit-trail.ts';
import { openStore } from '../../server/src/storage/open.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { databaseTargets, freshDatabaseUrl } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import { seededRandom } from '../support/flaky-fetch.ts';
import { mutation } from '../support/harness.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const BATCHES = 40;
const BATCH = 50;
const MOMENTS = ['on_send', 'after_commit', 'mid_push'] as const;
const CRASHES = MOMENTS.length;

const recordId = (m: WireMutation) => (m.args as { id: string }).id;

/** Incidents, and every fifth a small recovery for another customer, all happening now. */
function buildOutbox(count: number): WireMutation[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const scope = {
      product: 'mobile',
      segment: 'consumer',
      region: i % 2 === 0 ? 'kowloon_west' : 'kowloon_east',
    };
    const customerRef = `ACC-${String(i).padStart(8, '0')}`;
    const occurredAt = new Date(now - 60_000).toISOString();
    return i % 5 === 4
      ? mutation(
          'recovery.record',
          recoveryArgs({
            scope,
            customerRef,
            occurredAt,
            amount: { amount: 2_000, currency: 'HKD' },
          }),
          now,
        )
      : mutation('incident.record', incidentArgs({ scope, customerRef, occurredAt }), now);
  });
}

/** What fetch throws when the server is gone: refused, reset or closed mid-response. */
const isConnectionError = (err: unknown) => err instanceof TypeError;

interface Crash {
  /**
   * When the kill came: as a push left the client (before the server could answer it), as soon as
   * the push's commit was visible in the database, or at a random moment of a push.
   */
  readonly moment: (typeof MOMENTS)[number];
  /** Mutation ids whose push was answered before the kill. */
  readonly acknowledged: ReadonlySet<string>;
  /** The push on the wire when the kill came, if any. */
  readonly inFlight: readonly WireMutation[] | null;
  /** After the restart: did the in-flight push commit (all of it) or roll back (all of it)? */
  inFlightOutcome?: 'committed' | 'rolled_back';
  /** The client never got the in-flight push's answer (it may have come back just before the kill). */
  isAnswerLost?: boolean;
}

describe.each(databaseTargets())('server crash on $name', ({ name }) => {
  let server: ServerProcess | undefined;
  let observer: Store | undefined;
  let store: Store | undefined;

  afterEach(async () => {
    // Whatever happened, no server process outlives the test.
    await server?.stop();
    await observer?.close();
    await store?.close();
    server = undefined;
    observer = undefined;
    store = undefined;
  });

  it('[SY3][SY4][SY8] the server process is killed (SIGKILL) during pushes and restarted; every record that was acknowledged is there, and after the client retries, every record exactly once', async () => {
    const url = await freshDatabaseUrl(name);
    const dataDir =
      name === 'sqlite' ? path.dirname(url) : mkdtempSync(path.join(inject('tmpDir'), 'pg-data-'));
    const srv = await startServerProcess(
      name === 'postgres' ? { databaseUrl: url, dataDir } : { dataDir },
    );
    server = srv;
    const open = () =>
      name === 'postgres' ? openStore({ databaseUrl: url, dataDir }) : openStore({ dataDir });
    // A second connection that watches the server's commits, to time a kill right after one.
    const watch = await open();
    observer = watch;

    const api = async <T>(p: string, token: string | null, body?: unknown): Promise<T> => {
      const res = await fetch(`${srv.baseUrl}${p}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/json',
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}\n${srv.output()}`);
      return (await res.json()) as T;
    };
    const login = async (username: string, role: keyof typeof DEMO_PASSWORDS) =>
      (
        await api<LoginResponse>('/api/auth/login', null, {
          username,
          password: DEMO_PASSWORDS[role],
          deviceId: `crash-test-${role}`,
        })
      ).token;
    const chan = await login('frontline.chan', 'frontline');
    const manager = await login('manager.lee', 'manager');
    const auditor = await login('auditor.ho', 'auditor');

    /** Every incident and recovery id a manager pulls from the running server. */
    const pulledRecordIds = async (): Promise<string[]> => {
      const ids: string[] = [];
      let query = 'limit=1000';
      for (;;) {
        const page = await api<PullResponse>(`/api/sync/pull?${query}`, manager);
        for (const c of page.changes) {
          if (c.kind === 'incident' || c.kind === 'recovery') ids.push(c.id);
        }
        if (!page.hasMore) return ids;
        query = `limit=1000&cursor=${page.cursor}`;
      }
    };

    const outbox = buildOutbox(BATCHES * BATCH);
    const sent = [...outbox];
    const acknowledged = new Set<string>();
    const crashes: Crash[] = [];
    let inFlight: WireMutation[] | null = null;
    let pushesStarted = 0;
    let connectionErrors = 0;
    let duplicates = 0;
    /** Set while the server is down, restarting or being checked; the client waits on it. */
    let outage: Promise<void> | null = null;
    /** A failed check during an outage; the client stops on it. */
    let outageFailure: unknown;

    const crashAndRestart = async (moment: Crash['moment']): Promise<void> => {
      const crash: Crash = { moment, acknowledged: new Set(acknowledged), inFlight };
      crashes.push(crash);
      await srv.kill('SIGKILL');
      await srv.restart();
      // Before the client retries anything: every acknowledged mutation survived, with its
      // record, and the restarted server serves it (SY3).
      const stored = await watch.getMutations([...crash.acknowledged]);
      expect(stored.size, 'acknowledged mutations stored after the restart').toBe(
        crash.acknowledged.size,
      );
      const present = new Set(await pulledRecordIds());
      const lost = sent.filter((m) => crash.acknowledged.has(m.id) && !present.has(recordId(m)));
      expect(lost, 'acknowledged before the kill, missing after the restart').toEqual([]);
      if (crash.inFlight) {
        // A push is one transaction (SY2): all of it committed or none of it.
        const landed = crash.inFlight.filter((m) => present.has(recordId(m))).length;
        expect([0, crash.inFlight.length]).toContain(landed);
        crash.inFlightOutcome = landed === 0 ? 'rolled_back' : 'committed';
      }
    };

    // The crash plan: three pushes picked at random, one per third of the run, each killed at
    // its own moment (MOMENTS).
    const random = seededRandom(name === 'sqlite' ? 11 : 12);
    const spacing = Math.floor((BATCHES - 6) / CRASHES);
    const killAtPush = Array.from(
      { length: CRASHES },
      (_, i) => 3 + i * spacing + Math.floor(random() * (spacing - 1)),
    );

    let pushMs = 20;
    /** Resolves once `batch` has committed (seen from another connection), or is no longer on the wire. */
    const committed = async (batch: readonly WireMutation[]) => {
      const lastId = batch.at(-1)?.id ?? '';
      while (inFlight === batch && (await watch.getMutations([lastId])).size === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const killSoon = (batch: readonly WireMutation[]): Promise<void> => {
      const moment = MOMENTS[crashes.length % CRASHES] ?? 'mid_push';
      const delayMs = moment === 'on_send' ? 0 : Math.floor(random() * pushMs);
      // 'on_send' kills in the microtask after the client called fetch, before any of the push
      // can have been read, so its answer is surely lost. (A timer, even of 0 ms, let a loaded
      // CI machine serve the whole push first.)
      const trigger =
        moment === 'after_commit'
          ? committed(batch)
          : moment === 'on_send'
            ? Promise.resolve()
            : new Promise<void>((resolve) => setTimeout(resolve, delayMs));
      return trigger
        .then(() => crashAndRestart(moment))
        .catch((err: unknown) => {
          outageFailure ??= err;
        })
        .finally(() => {
          outage = null;
        });
    };

    /** The honest client: pushes its outbox in order; a lost connection means "retry later" (SY8). */
    const client = async () => {
      for (let attempts = 0; outbox.length > 0; attempts++) {
        if (attempts > BATCHES * 10) throw new Error('the client is not making progress');
        if (outage) await outage;
        if (outageFailure !== undefined) throw outageFailure;
        const batch = outbox.slice(0, BATCH);
        inFlight = batch;
        pushesStarted++;
        if (killAtPush.includes(pushesStarted) && !outage) outage = killSoon(batch);
        let body: PushResponse;
        const startedAt = performance.now();
        try {
          const res = await fetch(`${srv.baseUrl}/api/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${chan}`, 'content-type': 'application/json' },
            body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations: batch }),
            signal: AbortSignal.timeout(15_000),
          });
          if (res.status >= 500) throw new Error(`push: HTTP ${res.status} ${await res.text()}`);
          if (!res.ok) throw new Error(`push refused: HTTP ${res.status} ${await res.text()}`);
          body = (await res.json()) as PushResponse;
        } catch (err) {
          if (!isConnectionError(err)) throw err;
          connectionErrors++;
          const crash = crashes.find((c) => c.inFlight === batch);
          if (crash) crash.isAnswerLost = true;
          // Retry later: the outbox keeps the batch. Without an outage we know of, back off a little.
          if (!outage) await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        } finally {
          inFlight = null;
        }
        pushMs = 0.8 * pushMs + 0.2 * (performance.now() - startedAt);
        expect(body.results.map((r) => r.id)).toEqual(batch.map((m) => m.id));
        for (const r of body.results) {
          expect(
            r.status === 'applied' || (r.status === 'duplicate' && r.original.status === 'applied'),
            JSON.stringify(r),
          ).toBe(true);
          if (r.status === 'duplicate') duplicates++;
          acknowledged.add(r.id);
        }
        outbox.splice(0, batch.length);
      }
    };

    await client();
    // A crash planned near the end may still be restarting.
    while (outage) await outage;
    if (outageFailure !== undefined) throw outageFailure;

    expect(outbox).toHaveLength(0);
    expect(crashes).toHaveLength(CRASHES);
    // The kill as a push left the client cannot have missed it: that push's answer was lost.
    expect(crashes[0]).toMatchObject({ moment: 'on_send', isAnswerLost: true });
    expect(connectionErrors).toBeGreaterThanOrEqual(1);
    // SY3 + SY4 across a crash: exactly the pushes that committed without the client hearing so
    // come back as duplicates on retry; a rolled-back push is applied afresh.
    const committedUnheard = crashes.filter(
      (c) => c.inFlightOutcome === 'committed' && c.isAnswerLost === true,
    );
    expect(duplicates).toBe(committedUnheard.reduce((n, c) => n + (c.inFlight?.length ?? 0), 0));

    // Each record exactly once, through the restarted server...
    const expectedIds = sent.map(recordId).sort();
    expect((await pulledRecordIds()).sort()).toEqual(expectedIds);
    expect(await api('/api/audit/verify', auditor)).toMatchObject({ ok: true });

    // ...and in the database itself, reopened after one more SIGKILL.
    await watch.close();
    observer = undefined;
    await srv.kill('SIGKILL');
    store = await open();
    const docIds = [
      ...(await store.listDocs('incident')),
      ...(await store.listDocs('recovery')),
    ].map((d) => d.id);
    expect(docIds.sort()).toEqual(expectedIds);
    expect((await store.getMutations(sent.map((m) => m.id))).size).toBe(sent.length);
    const creates = await store.readAudit({ action: 'create', limit: 10_000 });
    expect(creates.map((e) => e.entityId ?? '').sort()).toEqual(expectedIds);
    const verified = await verifyAuditTrail(store);
    expect(verified.ok).toBe(true);

    const summary = crashes.map(
      (c) =>
        `${c.moment}: ${c.acknowledged.size} acked, in flight ${c.inFlightOutcome ?? 'none'}${c.isAnswerLost ? ' (answer lost)' : ''}`,
    );
    console.info(
      `[${name}] ${summary.join('; ')}; ${connectionErrors} connection errors, ${duplicates} duplicates, ${pushesStarted} pushes of ~${Math.round(pushMs)} ms`,
    );
  }, 60_000);
});
