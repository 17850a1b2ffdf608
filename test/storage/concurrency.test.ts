import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHashInput, uuidv7, type AuditEvent } from '../../shared/index.ts';
import { sha256Hex } from '../../server/src/hash.ts';
import { verifyAuditTrail } from '../../server/src/services/audit-trail.ts';
import type { AuditDraft, FeedPosition, FeedRow, Store } from '../../server/src/storage/store.ts';
import { isAfter } from '../../server/src/services/sync/visibility.ts';
import { databaseTargets } from '../support/databases.ts';
import {
  FEED_START,
  SEES_EVERYTHING,
  tacticDoc,
  usePrivatePostgres,
} from '../support/store-fixtures.ts';
import { openStoreAt } from '../support/harness.ts';
import { seededRandom } from '../support/flaky-fetch.ts';
import { settlesWithin, sleep } from '../support/time.ts';

// The storage contract under concurrency: the feed never skips a row that commits late (SY9), and
// racing appends still make one unbroken audit chain (SY15).

const draft = (detail: Record<string, unknown>): AuditDraft => ({
  id: uuidv7(),
  at: new Date().toISOString(),
  deviceAt: null,
  actorId: 'u1',
  deviceId: 'device-0001',
  action: 'create',
  entityKind: 'incident',
  entityId: uuidv7(),
  detail,
});

const position = (r: FeedRow): FeedPosition => ({ txid: r.txid, seq: r.seq });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.each(databaseTargets())('Store under concurrency on $name', ({ name }) => {
  const freshUrl = usePrivatePostgres(name, 'concurrency');

  let url: string;
  /** Writes; a second store on the same database plays the other server process or the puller. */
  let store: Store;
  let other: Store;
  beforeEach(async () => {
    url = await freshUrl();
    store = await open();
    other = await open();
  });
  afterEach(async () => {
    await other.close();
    await store.close();
  });
  const open = () => openStoreAt(name, url);

  it('[SY9] a row that commits late is pulled later, never skipped', async () => {
    const puller = other;
    await store.putDocs([tacticDoc('z')]);
    const first = await puller.pullDocs(FEED_START, SEES_EVERYTHING, 100);
    expect(first.map((r) => r.id)).toEqual(['z']);
    const cursor = position(first[0] as FeedRow);

    // T1 writes A (the lower sequence) and stays open; T2 writes B and commits.
    const t1Wrote = deferred();
    const release = deferred();
    const t1 = store.transaction(async (tx) => {
      await tx.putDocs([tacticDoc('a')]);
      t1Wrote.resolve();
      await release.promise;
    });
    await t1Wrote.promise;
    const t2 = store.transaction((tx) => tx.putDocs([tacticDoc('b')]));
    let early: FeedRow[] = [];
    // Released in `finally`: a failed expectation must not leave T1 holding its connection.
    try {
      if (name === 'postgres') {
        await t2;
        // B is committed and readable: only the feed rule can hold it back.
        expect((await puller.getDocs('tactic', ['a', 'b'])).size).toBe(1);
      } else {
        // SQLite serialises writers: T2 cannot even commit before T1 does.
        expect(await settlesWithin(t2, 50)).toBe(false);
      }
      early = await puller.pullDocs(cursor, SEES_EVERYTHING, 100);
      expect(early.map((r) => r.id)).not.toContain('b');
      expect(early).toEqual([]);
    } finally {
      release.resolve();
    }
    await t1;
    await t2;
    const next = early.length > 0 ? position(early.at(-1) as FeedRow) : cursor;
    const late = await puller.pullDocs(next, SEES_EVERYTHING, 100);
    expect([...early, ...late].map((r) => r.id)).toEqual(['a', 'b']);
    // The trap was set: A's sequence is below B's, so a cursor over the sequence alone, moved past
    // B by the early pull, would have skipped A for good.
    const [a, b] = late as [FeedRow, FeedRow];
    expect(a.seq).toBeLessThan(b.seq);
    expect(await puller.pullDocs(position(b), SEES_EVERYTHING, 100)).toEqual([]);
  });

  it('[SY9] concurrent writers and a puller that never stops: every committed row exactly once', async () => {
    const seed = Date.now();
    const rand = seededRandom(seed);
    const WRITERS = 40;
    const plans = Array.from({ length: WRITERS }, (_, w) => ({
      ids: Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => `w${w}-${i}`),
      startAfterMs: Math.floor(rand() * 25),
      holdMs: Math.floor(rand() * 15),
      isRolledBack: rand() < 0.15,
    }));
    const committed: string[] = [];
    const commitOrder: string[][] = [];
    let isWritingDone = false;
    const writing = Promise.all(
      plans.map(async (plan) => {
        await sleep(plan.startAfterMs);
        try {
          await store.transaction(async (tx) => {
            await tx.putDocs(plan.ids.map((id) => tacticDoc(id)));
            await sleep(plan.holdMs);
            if (plan.isRolledBack) throw new Error('rolled back on purpose');
          });
          committed.push(...plan.ids);
          commitOrder.push(plan.ids);
        } catch (err) {
          if (!plan.isRolledBack) throw err;
        }
      }),
    ).finally(() => {
      isWritingDone = true;
    });

    const pulled = new Map<string, FeedRow>();
    const duplicates: string[] = [];
    let cursor = FEED_START;
    let pulls = 0;
    for (;;) {
      // Read before pulling: an empty page from a pull begun after the last commit means done.
      const wasDone = isWritingDone;
      const page = await other.pullDocs(cursor, SEES_EVERYTHING, 5);
      pulls++;
      for (const row of page) {
        expect(isAfter(position(row), cursor), `seed ${seed}: feed order`).toBe(true);
        if (pulled.has(row.id)) duplicates.push(row.id);
        pulled.set(row.id, row);
        cursor = position(row);
      }
      if (page.length === 0 && wasDone) break;
      if (page.length < 5) await sleep(1);
    }
    await writing;

    expect(duplicates, `seed ${seed}`).toEqual([]);
    expect([...pulled.keys()].sort(), `seed ${seed}`).toEqual([...committed].sort());
    expect(committed.length).toBeGreaterThan(0);
    expect(pulls).toBeGreaterThan(WRITERS / 4);
    if (name === 'postgres') {
      // The run was adversarial: some transaction committed after one with a higher sequence.
      const firstSeq = (ids: string[]) =>
        Math.min(...ids.map((id) => pulled.get(id)?.seq ?? Infinity));
      const seqs = commitOrder.map(firstSeq);
      const inversions = seqs.filter((s, i) =>
        seqs.slice(0, i).some((earlier) => earlier > s),
      ).length;
      expect(inversions, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('[SY14] one person’s period use is held by one transaction at a time', async () => {
    const locked = deferred();
    const release = deferred();
    const first = store.transaction(async (tx) => {
      await tx.lockUsage('u1');
      locked.resolve();
      await release.promise;
    });
    await locked.promise;
    // Another server process on PostgreSQL; on SQLite the process's one connection.
    const elsewhere = name === 'postgres' ? other : store;
    const sameUser = elsewhere.transaction((tx) => tx.lockUsage('u1'));
    try {
      expect(await settlesWithin(sameUser, 100)).toBe(false);
      if (name === 'postgres') {
        expect(
          await settlesWithin(
            other.transaction((tx) => tx.lockUsage('u2')),
            2_000,
          ),
        ).toBe(true);
      }
    } finally {
      release.resolve();
    }
    await first;
    await sameUser;
    // A rolled-back transaction lets go too.
    await expect(
      store.transaction(async (tx) => {
        await tx.lockUsage('u1');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(
      await settlesWithin(
        elsewhere.transaction((tx) => tx.lockUsage('u1')),
        2_000,
      ),
    ).toBe(true);
  });

  it('[SY15] racing appends from two processes make one chain: seq 1..N, no break', async () => {
    const rand = seededRandom(42);
    const batches = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, j) => draft({ batch: i, entry: j, note: '稽核 ✓' })),
    );
    const sealed = await Promise.all(
      batches.map((drafts, i) => {
        // Two SQLite connections in one process cannot both write: better-sqlite3's busy wait blocks
        // the very event loop the other writer needs. Its writers share one connection instead.
        const s = i % 2 === 0 || name === 'sqlite' ? store : other;
        const delayMs = Math.floor(rand() * 5);
        // Appends end write transactions that did other work first, as a push does.
        return s.transaction(async (tx) => {
          await tx.putDocs([tacticDoc(`b${i}`)]);
          await sleep(delayMs);
          return tx.appendAudit(drafts);
        });
      }),
    );
    const total = batches.flat().length;
    // Each append's entries are contiguous: the lock is held for the whole append.
    for (const events of sealed) {
      const first = (events[0] as AuditEvent).seq;
      expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => first + k));
    }
    const trail = await store.readAudit({ limit: 1_000 });
    expect(trail.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    expect(new Set(trail.map((e) => e.id))).toEqual(new Set(batches.flat().map((d) => d.id)));
    trail.slice(1).forEach((e, k) => expect(e.prevHash).toBe(trail[k]?.hash));
    expect(await verifyAuditTrail(store)).toEqual({ ok: true, checked: total });
  });

  it('[SY15] an edited entry breaks the chain where it was edited', async () => {
    for (let i = 0; i < 6; i++) await store.appendAudit([draft({ amount: 100 * i })]);
    expect(await verifyAuditTrail(store)).toEqual({ ok: true, checked: 6 });
    const original = (await store.readAudit({ afterSeq: 2, limit: 1 }))[0] as AuditEvent;

    await rawSql('update audit_events set detail = ? where seq = ?', ['{"amount":1}', 3]);
    expect(await verifyAuditTrail(store)).toEqual({
      ok: false,
      checked: 2,
      broken: { seq: 3, reason: 'hash_mismatch' },
    });

    // Re-sealing the edited entry does not help: the next entry still names the old hash.
    const { hash: _old, ...edited } = (
      await store.readAudit({ afterSeq: 2, limit: 1 })
    )[0] as AuditEvent;
    expect(edited.detail).toEqual({ amount: 1 });
    await rawSql('update audit_events set hash = ? where seq = ?', [
      sha256Hex(auditHashInput(edited)),
      3,
    ]);
    expect(await verifyAuditTrail(store)).toEqual({
      ok: false,
      checked: 3,
      broken: { seq: 4, reason: 'chain_broken' },
    });

    // Put back as it was, the trail verifies again; a deleted entry shows as a gap.
    await rawSql('update audit_events set detail = ?, hash = ? where seq = ?', [
      JSON.stringify(original.detail),
      original.hash,
      3,
    ]);
    expect(await verifyAuditTrail(store)).toEqual({ ok: true, checked: 6 });
    await rawSql('delete from audit_events where seq = ?', [5]);
    expect(await verifyAuditTrail(store)).toEqual({
      ok: false,
      checked: 4,
      broken: { seq: 5, reason: 'gap' },
    });
  });

  /** Tampering as someone with database access would, around the application. */
  async function rawSql(text: string, params: unknown[]): Promise<void> {
    if (name === 'sqlite') {
      const db = new BetterSqlite3(url);
      try {
        db.prepare(text).run(...params);
      } finally {
        db.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let n = 0;
      await client.query(
        text.replace(/\?/g, () => `$${++n}`),
        params,
      );
    } finally {
      await client.end();
    }
  }
});
