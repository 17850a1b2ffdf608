import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type PushResponse, type WireMutation } from '../../shared/index.ts';
import { verifyAuditTrail } from '../../server/src/services/audit-trail.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';
import {
  flakyFetch,
  NetworkFault,
  seededRandom,
  type FaultStats,
  type Fetch,
} from '../support/flaky-fetch.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';

const BATCH = 100;
const LOSSY = { dropRequest: 0.1, dropResponse: 0.3 } as const;
/** The share of its mutations a device recorded offline before the run: they go in full batches. */
const BACKLOG_SHARE = 0.25;
/** Then the user keeps recording while the device syncs: up to this many between two pushes. */
const MAX_BURST = 6;

const recordId = (m: WireMutation) => (m.args as { id: string }).id;

interface ClientReport {
  /** Pushes whose answer the device received. */
  answered: number;
  /** Pushes the server answered 200, received or lost on the way back: each committed one sync_batch. */
  committedPushes: number;
  /** Mutations answered `duplicate`: their first push committed but its answer was lost. */
  duplicates: number;
  /** Answered pushes that mixed resent (duplicate) and new (applied) mutations. */
  mixedBatches: number;
  serverErrors: number;
}

/**
 * An honest device. The user records incidents and, every fifth time, a small recovery for a
 * different customer (half of them linked to the incident just before, so order across batches
 * matters); everything goes to the outbox. The device pushes the head of its outbox in order, at
 * most 100 at a time, and retries until it hears an answer (SY8); it drops from the outbox only
 * what the server answered applied or duplicate. The user keeps working during sync, so a retry
 * after a lost answer may carry the lost mutations plus new ones.
 */
class Device {
  readonly outbox: WireMutation[] = [];
  readonly sent: WireMutation[] = [];
  private lastIncidentId: string | null = null;
  private readonly random: () => number;

  constructor(
    private readonly fetch: Fetch,
    private readonly token: string,
    private readonly total: number,
    private readonly deviceNo: number,
  ) {
    this.random = seededRandom(deviceNo * 104_729);
  }

  private record(count: number): void {
    for (let n = 0; n < count && this.sent.length < this.total; n++) {
      const i = this.sent.length;
      const scope = {
        product: 'mobile',
        segment: 'consumer',
        region: i % 2 === 0 ? 'kowloon_west' : 'kowloon_east',
      };
      const customerRef = `ACC-${this.deviceNo}${String(i).padStart(7, '0')}`;
      const clientTime = TEST_NOW - 600_000 + i;
      let m: WireMutation;
      if (i % 5 === 4) {
        const args = recoveryArgs({
          scope,
          customerRef,
          incidentId: i % 10 === 9 ? this.lastIncidentId : null,
          amount: { amount: 1_000 + (i % 7) * 500, currency: 'HKD' },
        });
        m = mutation('recovery.record', args, clientTime);
      } else {
        const args = incidentArgs({ scope, customerRef });
        this.lastIncidentId = args.id;
        m = mutation('incident.record', args, clientTime);
      }
      this.outbox.push(m);
      this.sent.push(m);
    }
  }

  async run(): Promise<ClientReport> {
    const report: ClientReport = {
      answered: 0,
      committedPushes: 0,
      duplicates: 0,
      mixedBatches: 0,
      serverErrors: 0,
    };
    // Mutations in a push that committed behind a lost answer: the test knows, the device does not.
    const committed = new Set<string>();
    this.record(Math.round(this.total * BACKLOG_SHARE));
    for (let failuresInARow = 0; this.outbox.length > 0 || this.sent.length < this.total;) {
      const batch = this.outbox.slice(0, BATCH);
      let body: PushResponse | undefined;
      if (batch.length > 0) {
        try {
          const res = await this.fetch('http://frontline.test/api/sync/push', {
            method: 'POST',
            headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, mutations: batch }),
          });
          if (res.status >= 500) {
            // SY8: the batch rolled back; the same mutations go again.
            report.serverErrors++;
            await res.arrayBuffer();
          } else if (!res.ok) {
            throw new Error(`push refused: HTTP ${res.status} ${await res.text()}`);
          } else {
            report.committedPushes++;
            body = (await res.json()) as PushResponse;
          }
        } catch (err) {
          if (!(err instanceof NetworkFault)) throw err;
          if (err.serverStatus === 200) {
            report.committedPushes++;
            for (const m of batch) committed.add(m.id);
          }
        }
      }
      this.record(Math.floor(this.random() * (MAX_BURST + 1)));
      if (body === undefined) {
        if (batch.length > 0 && ++failuresInARow > 50) throw new Error('a batch never got through');
        // Back off a tick so the other device gets the server in between.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      failuresInARow = 0;
      report.answered++;

      expect(body.results.map((r) => r.id)).toEqual(batch.map((m) => m.id));
      let duplicates = 0;
      for (const r of body.results) {
        // SY3 + SY4: what committed behind a lost answer comes back as a duplicate of "applied";
        // what never committed is applied now. Nothing in this outbox deserves a rejection.
        if (committed.has(r.id)) {
          expect(r).toEqual({ id: r.id, status: 'duplicate', original: { status: 'applied' } });
          duplicates++;
        } else {
          expect(r).toEqual({ id: r.id, status: 'applied' });
        }
      }
      report.duplicates += duplicates;
      if (duplicates > 0 && duplicates < batch.length) report.mixedBatches++;
      const done = new Set(body.results.filter((r) => r.status !== 'rejected').map((r) => r.id));
      this.outbox.splice(0, this.outbox.length, ...this.outbox.filter((m) => !done.has(m.id)));
    }
    return report;
  }
}

/** How many requests the server was handling at once, at most: proof the devices overlapped. */
interface Overlap {
  now: number;
  max: number;
}

/** The server app in-process, as if over the network: no port opened. */
function inProcess(s: TestServer, overlap: Overlap = { now: 0, max: 0 }): Fetch {
  return async (input, init) => {
    overlap.max = Math.max(overlap.max, ++overlap.now);
    try {
      return await s.app.request(input, init);
    } finally {
      overlap.now--;
    }
  };
}

/** Every record id in the feed a manager pulls, paging with hasMore (SY12). */
async function pullRecordIds(s: TestServer): Promise<string[]> {
  const token = await s.login('manager.lee');
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 100) throw new Error('pull never ended');
    const page = await s.pull(token, cursor, 500);
    for (const c of page.changes)
      if (c.kind === 'incident' || c.kind === 'recovery') ids.push(c.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

async function auditEvents(store: Store, action: 'create' | 'sync_batch') {
  const events = [];
  for (let afterSeq = 0; ;) {
    const page = await store.readAudit({ action, afterSeq, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
    afterSeq = page.at(-1)?.seq ?? afterSeq;
  }
}

/** Everything the outboxes held is on the server exactly once, with its mutation row and audit event. */
async function expectExactlyOnce(
  s: TestServer,
  sent: readonly WireMutation[],
  committedPushes: number,
) {
  const expectedIds = sent.map(recordId).sort();

  const docIds = [
    ...(await s.store.listDocs('incident')),
    ...(await s.store.listDocs('recovery')),
  ].map((d) => d.id);
  expect(docIds.sort()).toEqual(expectedIds);
  expect((await pullRecordIds(s)).sort()).toEqual(expectedIds);

  const stored = await s.store.getMutations(sent.map((m) => m.id));
  expect(stored.size).toBe(sent.length);
  expect(
    [...stored.values()].every((r) => (r.outcome as { status: string }).status === 'applied'),
  ).toBe(true);

  const creates = await auditEvents(s.store, 'create');
  expect(creates.map((e) => e.entityId ?? '').sort()).toEqual(expectedIds);
  // SY15: every push that committed appended exactly one sync_batch event, resends included.
  expect(await auditEvents(s.store, 'sync_batch')).toHaveLength(committedPushes);
  expect(await verifyAuditTrail(s.store)).toMatchObject({ ok: true });
}

/** Sums per-device figures. */
function total<T extends object>(parts: readonly T[]): T {
  const sum = {} as Record<string, number>;
  for (const part of parts)
    for (const [k, v] of Object.entries(part)) sum[k] = (sum[k] ?? 0) + (v as number);
  return sum as T;
}

/** The faults must really have happened, and hit committed pushes, or the test proves nothing. */
function expectRealFaults(stats: FaultStats, report: ClientReport): void {
  expect(stats.droppedRequests).toBeGreaterThan(20);
  expect(stats.droppedResponses).toBeGreaterThan(100);
  expect(report.duplicates).toBeGreaterThan(300);
  expect(report.mixedBatches).toBeGreaterThan(30);
  // Every push that reached the server committed (nothing rolled back unseen).
  expect(report.committedPushes).toBe(stats.requests - stats.droppedRequests - report.serverErrors);
}

describe.each(databaseTargets())('lossy network on $name', ({ name }) => {
  it('[SY3][SY4][SY8] a client pushing 2,000 mutations while 30% of responses are dropped after commit and 10% of requests before it ends with exactly 2,000 records', async () => {
    const s = await createTestServer(name);
    try {
      const net = flakyFetch(inProcess(s), { seed: 20_261_123, ...LOSSY });
      const device = new Device(
        net.fetch,
        await s.login('frontline.chan', 'device-chan-phone'),
        2_000,
        1,
      );

      const report = await device.run();

      expect(device.outbox).toHaveLength(0);
      expect(device.sent).toHaveLength(2_000);
      expectRealFaults(net.stats, report);
      await expectExactlyOnce(s, device.sent, report.committedPushes);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('[SY3][SY4][SY8] two devices of one user pushing 1,000 mutations each at once over lossy networks end with exactly 2,000 records', async () => {
    const s = await createTestServer(name);
    try {
      const overlap: Overlap = { now: 0, max: 0 };
      const devices = await Promise.all(
        [1, 2].map(async (n) => {
          // One PRNG per device, so each device's faults do not depend on how the two interleave.
          const net = flakyFetch(inProcess(s, overlap), { seed: 7_000 + n, ...LOSSY });
          return {
            net,
            device: new Device(
              net.fetch,
              await s.login('frontline.chan', `device-chan-${n}`),
              1_000,
              n + 1,
            ),
          };
        }),
      );

      const reports = await Promise.all(devices.map(({ device }) => device.run()));

      expect(overlap.max).toBe(2);
      for (const { device } of devices) expect(device.outbox).toHaveLength(0);
      const sent = devices.flatMap(({ device }) => device.sent);
      expect(sent).toHaveLength(2_000);
      const stats = total(devices.map(({ net }) => net.stats));
      const report = total(reports);
      expectRealFaults(stats, report);
      await expectExactlyOnce(s, sent, report.committedPushes);
    } finally {
      await s.close();
    }
  }, 60_000);
});
