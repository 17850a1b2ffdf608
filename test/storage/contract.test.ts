import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHashInput, GENESIS_HASH, uuidv7, type AuditAction } from '../../shared/index.ts';
import { sha256Hex } from '../../server/src/hash.ts';
import { isUniqueViolation } from '../../server/src/storage/errors.ts';
import type {
  AuditDraft,
  FeedPosition,
  FeedRow,
  LedgerEntry,
  SessionRecord,
  Store,
  StoredUser,
  Visibility,
} from '../../server/src/storage/store.ts';
import { isAfter } from '../../server/src/services/sync/visibility.ts';
import { databaseTargets } from '../support/databases.ts';
import {
  FEED_START,
  SEES_EVERYTHING,
  tacticDoc,
  usePrivatePostgres,
} from '../support/store-fixtures.ts';
import { openStoreAt } from '../support/harness.ts';

// The storage contract: what every adapter behind `Store` must do, run against each database.

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const at = (offsetMs = 0) => new Date(T0 + offsetMs).toISOString();

function user(username: string, overrides: Partial<StoredUser> = {}): StoredUser {
  return {
    id: uuidv7(),
    username,
    passwordHash: `scrypt$${username}`,
    role: 'frontline',
    displayName: `Name of ${username}`,
    teamId: null,
    orgId: null,
    regions: ['kowloon_west'],
    locale: 'en',
    active: true,
    ...overrides,
  };
}

function session(userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: uuidv7(),
    tokenHash: sha256Hex(randomUUID()),
    userId,
    deviceId: 'device-0001',
    deviceName: null,
    createdAt: at(),
    lastSeenAt: at(),
    expiresAt: at(86_400_000),
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

const doc = tacticDoc;

function ledger(
  recoveryId: string,
  userId: string,
  atMs: number,
  overrides: Partial<LedgerEntry> = {},
): LedgerEntry {
  return {
    recoveryId,
    userId,
    atMs,
    amount: 5_000,
    currency: 'HKD',
    compensationType: 'bill_credit',
    product: 'mobile',
    segment: 'consumer',
    region: 'kowloon_west',
    counts: true,
    ...overrides,
  };
}

function draft(action: AuditAction, overrides: Partial<AuditDraft> = {}): AuditDraft {
  return {
    id: uuidv7(),
    at: at(),
    deviceAt: null,
    actorId: null,
    deviceId: null,
    action,
    entityKind: null,
    entityId: null,
    detail: {},
    ...overrides,
  };
}

const position = (r: FeedRow): FeedPosition => ({ txid: r.txid, seq: r.seq });

/** Pulls every page after `from`, `limit` rows at a time. */
async function pullPages(
  store: Store,
  v: Visibility,
  limit: number,
  from = FEED_START,
): Promise<FeedRow[][]> {
  const pages: FeedRow[][] = [];
  let cursor = from;
  for (;;) {
    const page = await store.pullDocs(cursor, v, limit);
    if (page.length === 0) return pages;
    pages.push(page);
    cursor = position(page.at(-1) as FeedRow);
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe.each(databaseTargets())('Store contract on $name', ({ name }) => {
  const freshUrl = usePrivatePostgres(name, 'contract');
  const open = (url: string) => openStoreAt(name, url);

  let url: string;
  let store: Store;
  const extra: Store[] = [];
  beforeEach(async () => {
    url = await freshUrl();
    store = await open(url);
  });
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await store.close();
  });

  describe('users', () => {
    it('inserts, gets by id, finds by username and counts', async () => {
      const chan = user('frontline.chan', {
        teamId: uuidv7(),
        regions: ['kowloon_west', 'kowloon_east'],
        locale: 'zh-HK',
      });
      const ho = user('auditor.ho', {
        role: 'auditor',
        regions: [],
        active: false,
        orgId: uuidv7(),
      });
      expect(await store.countUsers()).toBe(0);
      await store.insertUsers([chan, ho]);
      expect(await store.countUsers()).toBe(2);
      expect(await store.getUser(chan.id)).toEqual(chan);
      expect(await store.findUserByUsername('auditor.ho')).toEqual(ho);
      expect(await store.getUser(uuidv7())).toBeUndefined();
      expect(await store.findUserByUsername('nobody.here')).toBeUndefined();
    });

    it('refuses a second user with the same username', async () => {
      await store.insertUsers([user('frontline.chan')]);
      const err = await rejection(store.insertUsers([user('frontline.chan')]));
      expect(isUniqueViolation(err)).toBe(true);
      expect(await store.countUsers()).toBe(1);
    });
  });

  describe('sessions', () => {
    it('inserts, finds by id and by token hash (with its user), and touches', async () => {
      const chan = user('frontline.chan', { teamId: uuidv7(), regions: ['hk_island'] });
      const lam = user('frontline.lam', { active: false, orgId: uuidv7(), locale: 'zh-HK' });
      await store.insertUsers([chan, lam]);
      const s = session(chan.id, { deviceName: 'Shop iPad 平板' });
      const other = session(lam.id);
      await store.insertSession(s);
      await store.insertSession(other);
      expect(await store.getSession(s.id)).toEqual(s);
      expect(await store.findSessionByTokenHash(s.tokenHash)).toEqual({ session: s, user: chan });
      expect(await store.findSessionByTokenHash(other.tokenHash)).toEqual({
        session: other,
        user: lam,
      });
      expect(await store.findSessionByTokenHash(sha256Hex('other'))).toBeUndefined();
      // A session whose user row is gone is still found, without a user (the caller refuses it).
      const orphan = session(uuidv7());
      await store.insertSession(orphan);
      expect(await store.findSessionByTokenHash(orphan.tokenHash)).toEqual({
        session: orphan,
        user: undefined,
      });
      await store.touchSession(s.id, at(120_000));
      expect(await store.getSession(s.id)).toEqual({ ...s, lastSeenAt: at(120_000) });
    });

    it('revokes once: a second revoke answers false and keeps the first revocation', async () => {
      const s = session(uuidv7());
      await store.insertSession(s);
      expect(await store.revokeSession(s.id, at(1_000), 'manager-1')).toBe(true);
      expect(await store.revokeSession(s.id, at(2_000), 'manager-2')).toBe(false);
      expect(await store.getSession(s.id)).toMatchObject({
        revokedAt: at(1_000),
        revokedBy: 'manager-1',
      });
      expect(await store.revokeSession(uuidv7(), at(), 'manager-1')).toBe(false);
    });

    it('lists all sessions or one user’s, newest first', async () => {
      const [u1, u2] = [uuidv7(), uuidv7()];
      const older = session(u1, { createdAt: at(0) });
      const newer = session(u1, { createdAt: at(60_000) });
      const other = session(u2, { createdAt: at(30_000) });
      for (const s of [older, other, newer]) await store.insertSession(s);
      expect((await store.listSessions(u1)).map((s) => s.id)).toEqual([newer.id, older.id]);
      expect((await store.listSessions()).map((s) => s.id)).toEqual([newer.id, other.id, older.id]);
      expect(await store.listSessions(uuidv7())).toEqual([]);
    });
  });

  describe('login attempts', () => {
    it('puts, gets, overwrites by key and deletes', async () => {
      const first = {
        key: 'user:frontline.chan',
        windowStartMs: T0,
        failures: 1,
        lockedUntilMs: 0,
      };
      await store.putLoginAttempt(first);
      expect(await store.getLoginAttempt(first.key)).toEqual(first);
      const locked = { ...first, failures: 5, lockedUntilMs: T0 + 900_000 };
      await store.putLoginAttempt(locked);
      expect(await store.getLoginAttempt(first.key)).toEqual(locked);
      await store.putLoginAttempt({
        key: 'addr:10.0.0.1',
        windowStartMs: T0,
        failures: 2,
        lockedUntilMs: 0,
      });
      await store.deleteLoginAttempt(first.key);
      expect(await store.getLoginAttempt(first.key)).toBeUndefined();
      expect(await store.getLoginAttempt('addr:10.0.0.1')).toMatchObject({ failures: 2 });
    });
  });

  describe('documents', () => {
    it('puts and reads back by id and by kind', async () => {
      const a = doc('a', {
        ownerId: 'u1',
        teamId: 't1',
        orgId: 'o1',
        audience: 'record',
        kind: 'incident',
      });
      const b = doc('b', { kind: 'incident', audience: 'record', ownerId: 'u2' });
      const t = doc('a', { kind: 'tactic' });
      await store.putDocs([a, b, t]);
      const got = await store.getDocs('incident', ['a', 'b', 'missing']);
      expect([...got.keys()].sort()).toEqual(['a', 'b']);
      expect(got.get('a')).toMatchObject({ ...a, deleted: false });
      expect(typeof got.get('a')?.updatedAt).toBe('string');
      // The same id under another kind is another document.
      expect((await store.getDocs('tactic', ['a'])).get('a')?.data).toEqual({ id: 'a' });
      expect((await store.listDocs('incident')).map((d) => d.id)).toEqual(['a', 'b']);
      expect(await store.listDocs('risk')).toEqual([]);
      expect((await store.getDocs('incident', [])).size).toBe(0);
    });

    it('reads documents of several kinds by id in one call, each id under its own kind only', async () => {
      await store.putDocs([
        doc('i1', { kind: 'incident', audience: 'record' }),
        doc('r1', { kind: 'recovery', audience: 'record' }),
        doc('r2', { kind: 'incident', audience: 'record' }),
        doc('t1'),
      ]);
      const got = await store.getDocsOfKinds(
        new Map([
          ['incident', ['i1', 'missing']],
          ['recovery', ['r1', 'r2']],
          ['risk', []],
        ]),
      );
      expect(got.map((d) => `${d.kind}:${d.id}`).sort()).toEqual(['incident:i1', 'recovery:r1']);
      expect(got.find((d) => d.id === 'r1')).toMatchObject({ kind: 'recovery', deleted: false });
      expect(await store.getDocsOfKinds(new Map())).toEqual([]);
    });

    it('lists reference kinds afresh after every committed write, and never a rolled-back one', async () => {
      await store.putDocs([doc('a', { data: { v: 1 } })]);
      const first = await store.listDocs('tactic');
      expect(first.map((d) => d.data)).toEqual([{ v: 1 }]);
      // A second reader (another process on the same database) writes; the stamp tells.
      const other = await open(url);
      extra.push(other);
      expect((await other.listDocs('tactic')).map((d) => d.data)).toEqual([{ v: 1 }]);
      await other.putDocs([doc('a', { data: { v: 2 } })]);
      expect((await store.listDocs('tactic')).map((d) => d.data)).toEqual([{ v: 2 }]);
      await other.putDocs([doc('a', { data: { v: 3 }, deleted: true }), doc('b')]);
      expect((await store.listDocs('tactic')).map((d) => [d.id, d.deleted])).toEqual([
        ['a', true],
        ['b', false],
      ]);
      // A transaction reads its own write, which then rolls back: no one sees it afterwards.
      await expect(
        store.transaction(async (tx) => {
          await tx.putDocs([doc('c', { data: { v: 4 } })]);
          expect((await tx.listDocs('tactic')).map((d) => d.id)).toEqual(['a', 'b', 'c']);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await other.listDocs('tactic')).map((d) => d.id)).toEqual(['a', 'b']);
      // SQLite hands the rolled-back `seq` out again: the same count and sum, other rows.
      await other.putDocs([doc('d', { data: { v: 5 } })]);
      const last = await store.listDocs('tactic');
      expect(last.map((d) => [d.id, d.data])).toEqual([
        ['a', { v: 3 }],
        ['b', { id: 'b' }],
        ['d', { v: 5 }],
      ]);
      expect(await other.listDocs('tactic')).toEqual(last);
    });

    it('[SY10] a second write of an id replaces it: one row, a new and higher feed position', async () => {
      await store.putDocs([doc('x', { data: { v: 1 } }), doc('y')]);
      const before = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
      const first = before.find((r) => r.id === 'x') as FeedRow;
      await store.putDocs([doc('x', { data: { v: 2 } })]);

      expect(await store.listDocs('tactic')).toHaveLength(2);
      const all = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
      expect(all.map((r) => r.id)).toEqual(['y', 'x']);
      const second = all.find((r) => r.id === 'x') as FeedRow;
      expect(isAfter(position(second), position(first))).toBe(true);
      expect(second.data).toEqual({ v: 2 });
      // A device that had pulled the first version gets the second one, and only it.
      const since = await store.pullDocs(position(before.at(-1) as FeedRow), SEES_EVERYTHING, 100);
      expect(since.map((r) => [r.id, r.data])).toEqual([['x', { v: 2 }]]);
    });

    it('keeps the last of several writes of one id in one call', async () => {
      await store.putDocs([doc('x', { data: { v: 1 } }), doc('x', { data: { v: 2 } })]);
      const rows = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
      expect(rows.map((r) => r.data)).toEqual([{ v: 2 }]);
    });

    it('round-trips the deleted flag', async () => {
      await store.putDocs([
        doc('gone', { deleted: true }),
        doc('here', { deleted: false }),
        doc('plain'),
      ]);
      const got = await store.getDocs('tactic', ['gone', 'here', 'plain']);
      expect(got.get('gone')?.deleted).toBe(true);
      expect(got.get('here')?.deleted).toBe(false);
      expect(got.get('plain')?.deleted).toBe(false);
      await store.putDocs([doc('here', { deleted: true })]);
      const pulled = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
      expect(pulled.map((r) => [r.id, r.deleted])).toEqual([
        ['gone', true],
        ['plain', false],
        ['here', true],
      ]);
    });

    it('round-trips JSON data exactly: unicode, nesting, numbers, nulls', async () => {
      const data = {
        title: '服務補救 — service recovery 🚀',
        emoji: '👩🏽‍🔧',
        quotes: `it's "quoted" \\ back\\slash\nnew line\ttab`,
        control: '\u0000\u0001\u001f',
        nested: { deep: [{ a: 1, b: [true, false, null] }, [], {}], empty: '' },
        numbers: [0, -1, 2_147_483_648, Number.MAX_SAFE_INTEGER, 0.1, -2.5e-7],
        nothing: null,
      };
      await store.putDocs([doc('json', { data }), doc('list', { data: [1, 'two', { three: 3 }] })]);
      const got = await store.getDocs('tactic', ['json', 'list']);
      expect(got.get('json')?.data).toStrictEqual(data);
      expect(got.get('list')?.data).toStrictEqual([1, 'two', { three: 3 }]);
      const pulled = await store.pullDocs(FEED_START, SEES_EVERYTHING, 10);
      expect(pulled.find((r) => r.id === 'json')?.data).toStrictEqual(data);
    });
  });

  describe('pulling the feed', () => {
    const docs = [
      doc('own', { kind: 'incident', audience: 'record', ownerId: 'u1', teamId: 't1' }),
      doc('teammate', { kind: 'incident', audience: 'record', ownerId: 'u2', teamId: 't1' }),
      doc('stranger', {
        kind: 'incident',
        audience: 'record',
        ownerId: 'u3',
        teamId: 't2',
        orgId: 'o1',
      }),
      doc('for-all', { audience: 'all' }),
      doc('for-staff', { kind: 'risk', audience: 'staff' }),
      doc('for-management', { kind: 'risk_appetite', audience: 'management' }),
      doc('for-outsourcers', { audience: 'role:outsourcer' }),
    ];
    const pulledIds = async (v: Partial<Visibility>) =>
      (await store.pullDocs(FEED_START, { ...SEES_EVERYTHING, seesEverything: false, ...v }, 100))
        .map((r) => r.id)
        .sort();

    it('[SY11] returns what the viewer may see: everything, an audience, their own, their team', async () => {
      await store.putDocs(docs);
      expect((await store.pullDocs(FEED_START, SEES_EVERYTHING, 100)).map((r) => r.id)).toEqual(
        docs.map((d) => d.id),
      );
      expect(await pulledIds({ audiences: ['all', 'staff'], userId: 'u1' })).toEqual([
        'for-all',
        'for-staff',
        'own',
      ]);
      expect(await pulledIds({ audiences: [], userId: 'u1', teamIds: ['t1'] })).toEqual([
        'own',
        'teammate',
      ]);
      expect(await pulledIds({ audiences: ['all', 'role:outsourcer'], userId: 'u9' })).toEqual([
        'for-all',
        'for-outsourcers',
      ]);
      expect(await pulledIds({ audiences: ['management'], userId: 'u3', teamIds: ['t9'] })).toEqual(
        ['for-management', 'stranger'],
      );
      expect(await pulledIds({ audiences: [], userId: 'u9' })).toEqual([]);
    });

    it('[SY9] returns rows in feed order, after the cursor only', async () => {
      await store.putDocs(docs.slice(0, 3));
      await store.putDocs(docs.slice(3));
      const rows = await store.pullDocs(FEED_START, SEES_EVERYTHING, 100);
      expect(rows.map((r) => r.id)).toEqual(docs.map((d) => d.id));
      for (let i = 1; i < rows.length; i++) {
        expect(isAfter(position(rows[i] as FeedRow), position(rows[i - 1] as FeedRow))).toBe(true);
      }
      const third = rows[2] as FeedRow;
      expect(
        (await store.pullDocs(position(third), SEES_EVERYTHING, 100)).map((r) => r.id),
      ).toEqual(docs.slice(3).map((d) => d.id));
      expect(await store.pullDocs(position(rows.at(-1) as FeedRow), SEES_EVERYTHING, 100)).toEqual(
        [],
      );
    });

    it('[SY12] pages of `limit` rows cover the feed with no duplicate and no gap', async () => {
      // Several writes, so that on PostgreSQL the feed spans several transactions.
      const ids = Array.from({ length: 23 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);
      await store.putDocs(ids.slice(0, 9).map((id) => doc(id)));
      await store.putDocs(ids.slice(9, 10).map((id) => doc(id)));
      await store.putDocs(ids.slice(10).map((id) => doc(id)));
      // A rewrite moves a row to the end of the feed.
      await store.putDocs([doc('doc-03', { data: { v: 2 } })]);
      const expected = [...ids.filter((id) => id !== 'doc-03'), 'doc-03'];

      for (const limit of [1, 4, 5, 23, 50]) {
        const pages = await pullPages(store, SEES_EVERYTHING, limit);
        expect(pages.every((p) => p.length <= limit)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
        expect(pages.flat().map((r) => r.id)).toEqual(expected);
      }
      // Paging holds with visibility too: only what the viewer may see, still in order.
      await store.putDocs([doc('mine', { kind: 'incident', audience: 'record', ownerId: 'u1' })]);
      const mine = await pullPages(
        store,
        { seesEverything: false, audiences: [], userId: 'u1', teamIds: [] },
        2,
      );
      expect(mine.flat().map((r) => r.id)).toEqual(['mine']);
    });
  });

  describe('mutations', () => {
    it('inserts and gets by id, with the outcome as stored; an id is taken once', async () => {
      const applied = {
        id: uuidv7(),
        userId: 'u1',
        deviceId: 'device-0001',
        name: 'incident.record',
        payloadHash: sha256Hex('a'),
        outcome: { status: 'applied' },
        receivedAt: at(),
      };
      const rejected = {
        ...applied,
        id: uuidv7(),
        name: 'recovery.record',
        outcome: {
          status: 'rejected',
          code: 'validation',
          message: 'args.amount.amount: 整數',
          field: 'args.amount.amount',
        },
      };
      await store.insertMutations([applied, rejected]);
      const got = await store.getMutations([applied.id, rejected.id, uuidv7()]);
      expect(got.size).toBe(2);
      expect(got.get(applied.id)).toEqual(applied);
      expect(got.get(rejected.id)).toEqual(rejected);
      expect(
        isUniqueViolation(await rejection(store.insertMutations([{ ...applied, outcome: {} }]))),
      ).toBe(true);
      expect((await store.getMutations([])).size).toBe(0);
    });
  });

  describe('ledger', () => {
    it('returns a user’s entries at or after a time', async () => {
      const [u1, u2] = [uuidv7(), uuidv7()];
      await store.insertLedger([
        ledger('r-old', u1, T0 - 1),
        ledger('r-edge', u1, T0, { amount: 30_000, compensationType: 'fee_waiver', counts: false }),
        ledger('r-new', u1, T0 + 5_000),
        ledger('r-other', u2, T0 + 5_000),
      ]);
      const since = await store.ledgerSince(u1, T0);
      expect(since.map((e) => e.recoveryId).sort()).toEqual(['r-edge', 'r-new']);
      expect(since.find((e) => e.recoveryId === 'r-edge')).toEqual(
        ledger('r-edge', u1, T0, { amount: 30_000, compensationType: 'fee_waiver', counts: false }),
      );
      expect(await store.ledgerSince(u2, T0 + 5_001)).toEqual([]);
    });

    it('upserts on the recovery id: a second insert updates whether it counts', async () => {
      const u1 = uuidv7();
      await store.insertLedger([ledger('r1', u1, T0, { counts: false })]);
      await store.insertLedger([ledger('r1', u1, T0, { counts: true })]);
      expect(await store.ledgerSince(u1, 0)).toEqual([ledger('r1', u1, T0, { counts: true })]);
      await store.insertLedger([ledger('r1', u1, T0, { counts: false })]);
      expect((await store.ledgerSince(u1, 0)).map((e) => e.counts)).toEqual([false]);
    });
  });

  describe('period use', () => {
    it('[SY14] sums what counts per scope, type and currency, dated at the start of each stretch', async () => {
      const [u1, u2] = [uuidv7(), uuidv7()];
      await store.insertLedger([
        ledger('before-first', u1, 50, { amount: 1 }),
        ledger('a', u1, 100, { amount: 10 }),
        ledger('b', u1, 150, { amount: 20 }),
        ledger('fee', u1, 160, { amount: 5, compensationType: 'fee_waiver' }),
        ledger('usd', u1, 170, { amount: 7, currency: 'USD' }),
        ledger('not-counted', u1, 150, { amount: 1_000, counts: false }),
        ledger('other-user', u2, 150, { amount: 1_000 }),
        ledger('c', u1, 200, { amount: 40 }),
        ledger('east', u1, 299, { amount: 1, region: 'kowloon_east' }),
        ledger('d', u1, 300, { amount: 100 }),
        ledger('at-until', u1, 400, { amount: 1_000 }),
        ledger('after-until', u1, 401, { amount: 1 }),
      ]);
      // Boundaries in any order, repeated: the week may start before the month.
      const sums = await store.usageSums(u1, [300, 100, 200, 200], 400);
      const rows = sums
        .map((e) => [e.atMs, e.compensationType, e.region, e.currency, e.amount].join(' '))
        .sort();
      expect(rows).toEqual(
        [
          '100 bill_credit kowloon_west HKD 30',
          '100 fee_waiver kowloon_west HKD 5',
          '100 bill_credit kowloon_west USD 7',
          '200 bill_credit kowloon_west HKD 40',
          '200 bill_credit kowloon_east HKD 1',
          '300 bill_credit kowloon_west HKD 1100',
        ].sort(),
      );
      expect(
        sums.every(
          (e) => e.userId === u1 && e.counts && e.product === 'mobile' && e.segment === 'consumer',
        ),
      ).toBe(true);
      expect(await store.usageSums(u1, [], 400)).toEqual([]);
      expect(await store.usageSums(u2, [500], 1_000)).toEqual([]);
    });
  });

  describe('audit trail', () => {
    it('[SY15] seals consecutive entries, each chained to the one before, across appends', async () => {
      const first = await store.appendAudit([
        draft('seed'),
        draft('sign_in', { actorId: 'u1', detail: { 名: '陳' } }),
      ]);
      const second = await store.appendAudit([
        draft('create', { entityKind: 'incident', entityId: 'i1' }),
      ]);
      expect(await store.appendAudit([])).toEqual([]);
      const sealed = [...first, ...second];
      expect(sealed.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(sealed.map((e) => e.prevHash)).toEqual([
        GENESIS_HASH,
        sealed[0]?.hash,
        sealed[1]?.hash,
      ]);
      for (const e of sealed) {
        const { hash, ...rest } = e;
        expect(hash).toBe(sha256Hex(auditHashInput(rest)));
      }
      expect(await store.readAudit({ limit: 10 })).toEqual(sealed);
    });

    it('[SY21] keeps an event’s detail exactly, NUL and half an emoji included', async () => {
      const odd = { note: `NUL \u0000, half ${'🚀'.slice(0, 1)}, whole 🚀, \\u0000 as text` };
      // The first append reads the tail; the second seals on the one this process remembers.
      const first = await store.appendAudit([draft('create', { detail: odd })]);
      const second = await store.appendAudit([
        draft('update', { detail: { fine: 'yes' } }),
        draft('update', { detail: odd }),
      ]);
      const sealed = [...first, ...second];
      expect(sealed.map((e) => e.detail)).toEqual([odd, { fine: 'yes' }, odd]);
      expect(await store.readAudit({ limit: 10 })).toEqual(sealed);
      for (const e of await store.readAudit({ limit: 10 })) {
        const { hash, ...rest } = e;
        expect(hash).toBe(sha256Hex(auditHashInput(rest)));
      }
    });

    it('[SY15] an append after another process appended chains onto that process’s entry', async () => {
      const other = await open(url);
      extra.push(other);
      const mine = await store.appendAudit([draft('seed')]);
      const theirs = await other.appendAudit([draft('sign_in'), draft('create')]);
      // A rolled-back append leaves the tail where it was.
      await expect(
        store.transaction(async (tx) => {
          await tx.appendAudit([draft('update')]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const again = await store.appendAudit([draft('update')]);
      const more = await other.appendAudit([draft('approve')]);
      const all = await store.readAudit({ limit: 10 });
      expect(all).toEqual([...mine, ...theirs, ...again, ...more]);
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      all.forEach((e, i) => {
        const { hash, ...rest } = e;
        expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : all[i - 1]?.hash);
        expect(hash).toBe(sha256Hex(auditHashInput(rest)));
      });
    });

    it('reads with filters: actor, action, entity, time window, after a seq, limit', async () => {
      await store.appendAudit([
        draft('sign_in', { actorId: 'u1', at: at(0) }),
        draft('create', { actorId: 'u1', entityKind: 'incident', entityId: 'i1', at: at(1_000) }),
        draft('create', { actorId: 'u2', entityKind: 'incident', entityId: 'i2', at: at(2_000) }),
        draft('update', {
          actorId: 'u2',
          entityKind: 'incident',
          entityId: 'i1',
          at: at(3_000),
          deviceAt: at(-60_000),
        }),
        draft('sync_batch', {
          actorId: 'u1',
          deviceId: 'device-0001',
          at: at(4_000),
          detail: { applied: 2 },
        }),
      ]);
      const seqs = async (q: Parameters<Store['readAudit']>[0]) =>
        (await store.readAudit(q)).map((e) => e.seq);
      expect(await seqs({ limit: 100 })).toEqual([1, 2, 3, 4, 5]);
      expect(await seqs({ limit: 100, actorId: 'u1' })).toEqual([1, 2, 5]);
      expect(await seqs({ limit: 100, action: 'create' })).toEqual([2, 3]);
      expect(await seqs({ limit: 100, entityId: 'i1' })).toEqual([2, 4]);
      expect(await seqs({ limit: 100, fromAt: at(1_000), toAt: at(3_000) })).toEqual([2, 3]);
      expect(await seqs({ limit: 100, afterSeq: 3 })).toEqual([4, 5]);
      expect(await seqs({ limit: 2, afterSeq: 1 })).toEqual([2, 3]);
      expect(
        await seqs({ limit: 100, actorId: 'u2', action: 'update', fromAt: at(3_000) }),
      ).toEqual([4]);
      expect((await store.readAudit({ limit: 1, afterSeq: 3 }))[0]).toMatchObject({
        deviceAt: at(-60_000),
        actorId: 'u2',
      });
    });
  });

  describe('meta', () => {
    it('gets nothing, then sets and overwrites a value', async () => {
      expect(await store.getMeta('seeded')).toBeUndefined();
      await store.setMeta('seeded', 'one');
      await store.setMeta('seeded', 'two');
      await store.setMeta('other', 'x');
      expect(await store.getMeta('seeded')).toBe('two');
      expect(await store.getMeta('other')).toBe('x');
    });
  });

  describe('transactions', () => {
    it('sees its own writes, and a throw rolls every one of them back', async () => {
      await store.appendAudit([draft('seed')]);
      const err = await rejection(
        store.transaction(async (tx) => {
          await tx.insertUsers([user('frontline.lam')]);
          await tx.putDocs([doc('inside')]);
          await tx.insertLedger([ledger('r1', 'u1', T0)]);
          await tx.setMeta('k', 'v');
          await tx.appendAudit([draft('create')]);
          // A nested call joins the same transaction.
          await tx.transaction((inner) => inner.insertSession(session('u1')));
          expect((await tx.getDocs('tactic', ['inside'])).size).toBe(1);
          expect(await tx.countUsers()).toBe(1);
          throw new Error('boom');
        }),
      );
      expect((err as Error).message).toBe('boom');
      expect(await store.countUsers()).toBe(0);
      expect(await store.listDocs('tactic')).toEqual([]);
      expect(await store.pullDocs(FEED_START, SEES_EVERYTHING, 10)).toEqual([]);
      expect(await store.ledgerSince('u1', 0)).toEqual([]);
      expect(await store.getMeta('k')).toBeUndefined();
      expect(await store.listSessions()).toEqual([]);
      // The rolled-back entry left no hole in the chain: the next one takes its place.
      const [next] = await store.appendAudit([draft('create')]);
      expect(next?.seq).toBe(2);
      expect((await store.readAudit({ limit: 10 })).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('commits every write and returns the function’s value', async () => {
      const value = await store.transaction(async (tx) => {
        await tx.putDocs([doc('a')]);
        await tx.setMeta('k', 'v');
        return 42;
      });
      expect(value).toBe(42);
      expect((await store.getDocs('tactic', ['a'])).size).toBe(1);
      expect(await store.getMeta('k')).toBe('v');
    });
  });

  describe('migrations', () => {
    it('opening the same database again applies nothing twice and keeps the data', async () => {
      await store.insertUsers([user('frontline.chan')]);
      await store.putDocs([doc('a')]);
      await store.appendAudit([draft('seed')]);
      const again = await open(url);
      extra.push(again);
      const third = await open(url);
      extra.push(third);
      expect(await third.countUsers()).toBe(1);
      expect((await again.getDocs('tactic', ['a'])).size).toBe(1);
      const [next] = await again.appendAudit([draft('create')]);
      expect(next?.seq).toBe(2);
      expect(await store.readAudit({ limit: 10 })).toHaveLength(2);
    });
  });
});
