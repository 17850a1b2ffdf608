import { CompiledQuery, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import {
  auditHashInput,
  GENESIS_HASH,
  type AuditAction,
  type AuditEvent,
  type Locale,
  type Role,
} from '../../../shared/index.ts';
import type { Dialect } from './dialect.ts';
import { sha256Hex } from '../hash.ts';
import type {
  ApprovalRow,
  AuditRow,
  Database,
  DocRow,
  LedgerRow,
  PhoneApprovalRow,
  PhotoRow,
  SessionRow,
  UserRow,
} from './schema.ts';
import { PRIVATE_AUDIENCE } from './store.ts';
import { addSum, bucketOf, sumTotals, totalDeltas, usageSum } from './usage-totals.ts';
import { jsonInsert, SQLITE_TOTALS_UPSERT, TOTALS_UPSERT, type JsonTable } from './pg-batch.ts';
import { CACHED_KINDS, DocCache, docStamp, isCachedKind } from './doc-cache.ts';
import type {
  ApprovalIndexEntry,
  AuditDraft,
  AuditQuery,
  DocWrite,
  FeedKey,
  FeedPosition,
  FeedRow,
  LedgerEntry,
  LoginAttempt,
  MutationRecord,
  PhoneApprovalRecord,
  PhotoRecord,
  PushRecords,
  SessionRecord,
  SessionWithUser,
  Store,
  StoredDoc,
  StoredUser,
  Visibility,
} from './store.ts';

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;
const insertSqlCache = new Map<string, string>();

/** Serialises audit appends (and so the hash chain) across PostgreSQL server processes. */
const AUDIT_LOCK_KEY = 8157002;
/** With a hash of the user id: serialises one person's limit decisions across transactions. */
const USAGE_LOCK_KEY = 8157003;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const toUser = (r: Omit<UserRow, 'created_at'>): StoredUser => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  displayName: r.display_name,
  teamId: r.team_id,
  orgId: r.org_id,
  regions: JSON.parse(r.regions) as string[],
  locale: r.locale as Locale,
  active: r.active === 1,
});

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  deviceId: r.device_id,
  deviceName: r.device_name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

type DocSelect = Omit<DocRow, 'seq' | 'txid'> & { seq: number; txid: number };

const toDoc = (r: DocSelect): FeedRow => ({
  seq: Number(r.seq),
  txid: Number(r.txid),
  kind: r.kind,
  id: r.id,
  ownerId: r.owner_id,
  teamId: r.team_id,
  orgId: r.org_id,
  audience: r.audience,
  data: JSON.parse(r.data) as unknown,
  deleted: r.deleted === 1,
  updatedAt: r.updated_at,
});

const toLedger = (r: LedgerRow): LedgerEntry => ({
  recoveryId: r.recovery_id,
  userId: r.user_id,
  atMs: Number(r.at_ms),
  amount: Number(r.amount),
  currency: r.currency,
  compensationType: r.compensation_type,
  product: r.product,
  segment: r.segment,
  region: r.region,
  counts: r.counts === 1,
});

const mutationRow = (m: MutationRecord) => ({
  id: m.id,
  user_id: m.userId,
  device_id: m.deviceId,
  name: m.name,
  payload_hash: m.payloadHash,
  outcome: JSON.stringify(m.outcome),
  received_at: m.receivedAt,
});

const ledgerRow = (e: LedgerEntry): LedgerRow => ({
  recovery_id: e.recoveryId,
  user_id: e.userId,
  at_ms: e.atMs,
  amount: e.amount,
  currency: e.currency,
  compensation_type: e.compensationType,
  product: e.product,
  segment: e.segment,
  region: e.region,
  counts: e.counts ? 1 : 0,
});

const toAudit = (r: AuditRow): AuditEvent => ({
  seq: Number(r.seq),
  id: r.id,
  at: r.at,
  deviceAt: r.device_at,
  actorId: r.actor_id,
  deviceId: r.device_id,
  action: r.action as AuditAction,
  entityKind: r.entity_kind,
  entityId: r.entity_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const toApproval = (r: ApprovalRow): ApprovalIndexEntry => ({
  id: r.id,
  state: r.state,
  assignedRole: r.assigned_role,
  teamId: r.team_id,
  requesterId: r.requester_id,
  recoveryId: r.recovery_id,
  amount: Number(r.amount),
  currency: r.currency,
  createdMs: Number(r.created_ms),
  slaDueMs: Number(r.sla_due_ms),
  expiresMs: Number(r.expires_ms),
  updatedAt: r.updated_at,
});

const toPhoneApproval = (r: PhoneApprovalRow): PhoneApprovalRecord => ({
  id: r.id,
  requesterId: r.requester_id,
  requestCode: r.request_code,
  approverId: r.approver_id,
  amount: Number(r.amount),
  currency: r.currency,
  compensationType: r.compensation_type,
  window: Number(r.code_window),
  code: r.code,
  issuedMs: Number(r.issued_ms),
  expiresMs: Number(r.expires_ms),
  usedBy: r.used_by,
});

const toPhoto = (r: PhotoRow): PhotoRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  teamId: r.team_id,
  orgId: r.org_id,
  contentType: r.content_type,
  // better-sqlite3 and pg both hand back a Buffer; callers get a plain view of its bytes.
  bytes: new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength),
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: r.created_at,
});

const OPEN_STATES = ['pending', 'escalated'];

/** The chain's tail (seq and hash) that the next event is sealed onto. */
interface AuditTail {
  readonly seq: number;
  readonly hash: string;
}

/** Seals drafts onto `tail`: consecutive `seq`, each hash over the one before (SY15). */
function sealAudit(drafts: readonly AuditDraft[], tail: AuditTail): AuditEvent[] {
  let seq = tail.seq;
  let prevHash = tail.hash;
  return drafts.map((d) => {
    seq += 1;
    const event: AuditEvent = {
      seq,
      id: d.id,
      at: d.at,
      deviceAt: d.deviceAt,
      actorId: d.actorId,
      deviceId: d.deviceId,
      action: d.action,
      entityKind: d.entityKind,
      entityId: d.entityId,
      detail: d.detail,
      prevHash,
      hash: '',
    };
    event.hash = sha256Hex(auditHashInput(event));
    prevHash = event.hash;
    return event;
  });
}

const auditRow = (e: AuditEvent) => ({
  seq: e.seq,
  id: e.id,
  at: e.at,
  device_at: e.deviceAt,
  actor_id: e.actorId,
  device_id: e.deviceId,
  action: e.action,
  entity_kind: e.entityKind,
  entity_id: e.entityId,
  detail: JSON.stringify(e.detail),
  prev_hash: e.prevHash,
  hash: e.hash,
});

/**
 * Inserts sealed events only if the chain's tail is still ($2, $3), and counts them. Run with the
 * audit lock held, in a statement begun after it was taken: its snapshot sees every append
 * committed before ours (READ COMMITTED).
 */
const PG_AUDIT_IF_TAIL =
  `with tail as (select seq, hash from audit_events order by seq desc limit 1), ` +
  `ins as (${jsonInsert('audit_events', 1)} ` +
  `where exists (select 1 from tail where tail.seq = $2 and tail.hash = $3) returning 1) ` +
  `select count(*)::int as n from ins`;

/** What a process keeps across transactions: hints, each checked against the database. */
interface SharedState {
  readonly docCache: DocCache;
  auditTail: AuditTail | undefined;
}

/** Every cached kind's stamp in one statement (doc-cache.ts). */
const STAMPS_SQL =
  `select kind, count(*) as n, sum(seq) as s from docs ` +
  `where kind in (${CACHED_KINDS.map((k) => `'${k}'`).join(', ')}) group by kind`;

/** The storage adapter for both databases: the dialect differs only where SQL itself does. */
export class KyselyStore implements Store {
  /** Kinds this transaction wrote: their rows here may still roll back, so none is cached. */
  private readonly wroteKinds = new Set<string>();
  /** The cached kinds' stamps, read once per transaction. */
  private stamps: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly db: Kysely<Database> | Transaction<Database>,
    readonly dialect: Dialect,
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly shared: SharedState = { docCache: new DocCache(), auditTail: undefined },
  ) {}

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new KyselyStore(trx, this.dialect, undefined, this.shared)));
  }

  /**
   * `column in (…)`; on PostgreSQL `column = any($1)`: one array parameter and one statement text
   * whatever the count, instead of a list PostgreSQL parses and plans anew for each length.
   */
  private isOneOf(column: string, values: readonly string[]): RawBuilder<boolean> {
    return this.dialect === 'postgres'
      ? sql<boolean>`${sql.ref(column)} = any(${[...values]})`
      : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  async insertUsers(users: readonly StoredUser[]): Promise<void> {
    const now = new Date().toISOString();
    for (const part of chunks(users)) {
      await this.db
        .insertInto('users')
        .values(
          part.map((u) => ({
            id: u.id,
            username: u.username,
            password_hash: u.passwordHash,
            role: u.role,
            display_name: u.displayName,
            team_id: u.teamId,
            org_id: u.orgId,
            regions: JSON.stringify(u.regions),
            locale: u.locale,
            active: u.active ? 1 : 0,
            created_at: now,
          })),
        )
        .execute();
    }
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findUserByUsername(username: string): Promise<StoredUser | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        token_hash: s.tokenHash,
        user_id: s.userId,
        device_id: s.deviceId,
        device_name: s.deviceName,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
        revoked_at: s.revokedAt,
        revoked_by: s.revokedBy,
      })
      .execute();
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSession(row);
  }

  async findSessionByTokenHash(tokenHash: string): Promise<SessionWithUser | undefined> {
    // One round trip for every authenticated request: the session and its user, joined.
    const row = await this.db
      .selectFrom('sessions')
      .leftJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select([
        'users.username',
        'users.password_hash',
        'users.role',
        'users.display_name',
        'users.team_id',
        'users.org_id',
        'users.regions',
        'users.locale',
        'users.active',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    // `username` is never null in a user's row: null here means the join found none.
    const user =
      row.username === null
        ? undefined
        : toUser({ ...row, id: row.user_id } as Omit<UserRow, 'created_at'>);
    return { session: toSession(row), user };
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revokeSession(id: string, at: string, by: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listSessions(userId?: string): Promise<SessionRecord[]> {
    let q = this.db.selectFrom('sessions').selectAll().orderBy('created_at', 'desc');
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    return (await q.execute()).map(toSession);
  }

  async getLoginAttempt(key: string): Promise<LoginAttempt | undefined> {
    const r = await this.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return (
      r && {
        key: r.key,
        windowStartMs: Number(r.window_start_ms),
        failures: r.failures,
        lockedUntilMs: Number(r.locked_until_ms),
      }
    );
  }

  async putLoginAttempt(a: LoginAttempt): Promise<void> {
    const row = {
      key: a.key,
      window_start_ms: a.windowStartMs,
      failures: a.failures,
      locked_until_ms: a.lockedUntilMs,
    };
    await this.db
      .insertInto('login_attempts')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          window_start_ms: row.window_start_ms,
          failures: row.failures,
          locked_until_ms: row.locked_until_ms,
        }),
      )
      .execute();
  }

  async deleteLoginAttempt(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }

  async putDocs(docs: readonly DocWrite[]): Promise<void> {
    if (docs.length === 0) return;
    for (const d of docs) {
      if (!isCachedKind(d.kind) || this.wroteKinds.has(d.kind)) continue;
      this.shared.docCache.forget(d.kind);
      if (this.db.isTransaction) this.wroteKinds.add(d.kind);
    }
    // The last write of an id in one call wins; delete-then-insert gives every write a new feed
    // position, so a device that already pulled the old version gets the new one.
    const latest = new Map<string, DocWrite>();
    for (const d of docs) latest.set(`${d.kind}\u0000${d.id}`, d);
    const byKind = new Map<string, string[]>();
    for (const d of latest.values()) {
      if (d.isNew) continue;
      const ids = byKind.get(d.kind) ?? [];
      ids.push(d.id);
      byKind.set(d.kind, ids);
    }
    for (const [kind, ids] of byKind) {
      for (const part of chunks(ids)) {
        await this.db.deleteFrom('docs').where('kind', '=', kind).where('id', 'in', part).execute();
      }
    }
    const now = new Date().toISOString();
    for (const part of chunks([...latest.values()])) {
      await this.insertRows(
        'docs',
        part.map((d) => ({
          kind: d.kind,
          id: d.id,
          owner_id: d.ownerId,
          team_id: d.teamId,
          org_id: d.orgId,
          audience: d.audience,
          data: JSON.stringify(d.data),
          deleted: d.deleted ? 1 : 0,
          updated_at: now,
        })),
      );
    }
  }

  async getDocs(kind: string, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
    const out = new Map<string, StoredDoc>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('docs')
        .selectAll()
        .where('kind', '=', kind)
        .where(this.isOneOf('id', part))
        .execute();
      for (const r of rows) out.set(r.id, toDoc(r as DocSelect));
    }
    return out;
  }

  async getDocsOfKinds(ids: ReadonlyMap<string, readonly string[]>): Promise<StoredDoc[]> {
    const wanted = new Map<string, Set<string>>();
    for (const [kind, list] of ids) if (list.length > 0) wanted.set(kind, new Set(list));
    const kinds = [...wanted.keys()];
    const all = [...new Set(kinds.flatMap((k) => ids.get(k) ?? []))];
    const out: StoredDoc[] = [];
    // `kind in (…) and id in (…)` is read on the (kind, id) key; a row of one kind with an id asked
    // for under another is dropped here.
    for (const part of chunks(all)) {
      const rows = await this.db
        .selectFrom('docs')
        .selectAll()
        .where(this.isOneOf('kind', kinds))
        .where(this.isOneOf('id', part))
        .execute();
      for (const r of rows) if (wanted.get(r.kind)?.has(r.id)) out.push(toDoc(r as DocSelect));
    }
    return out;
  }

  async listDocs(kind: string): Promise<StoredDoc[]> {
    if (!isCachedKind(kind) || this.wroteKinds.has(kind)) return this.readDocs(kind);
    const stamp = (await this.cachedStamps()).get(kind) ?? docStamp(0, 0);
    const cached = this.shared.docCache.get(kind, stamp);
    if (cached) return cached;
    const rows = await this.readDocs(kind);
    if (!this.wroteKinds.has(kind)) this.shared.docCache.fill(kind, rows);
    return rows;
  }

  private cachedStamps(): Promise<Map<string, string>> {
    const read = async () => {
      const { rows } = await this.db.executeQuery<{ kind: string; n: number; s: number | string }>(
        CompiledQuery.raw(STAMPS_SQL),
      );
      return new Map(rows.map((r) => [r.kind, docStamp(Number(r.n), Number(r.s))]));
    };
    // Outside a transaction every call is its own snapshot; inside, one read serves the rest.
    if (!this.db.isTransaction) return read();
    this.stamps ??= read();
    return this.stamps;
  }

  private async readDocs(kind: string): Promise<FeedRow[]> {
    const rows = await this.db
      .selectFrom('docs')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('seq')
      .execute();
    return rows.map((r) => toDoc(r as DocSelect));
  }

  /**
   * The rows after `after` that a pull may return now, in feed order: on PostgreSQL only rows of
   * transactions that finished before every transaction still running (SY9). A transaction in
   * flight has an id ≥ the snapshot's xmin, so its rows will sort after any cursor a pull hands
   * out, whenever it commits.
   */
  private feedAfter(after: FeedPosition) {
    const q = this.db.selectFrom('docs');
    if (this.dialect === 'postgres') {
      return q
        .where(sql<boolean>`(txid, seq) > (${after.txid}, ${after.seq})`)
        .where(sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`);
    }
    // Every SQLite row has txid 0, so (txid, seq) order is seq order, read on the table's key.
    const afterSeq = after.txid > 0 ? Number.MAX_SAFE_INTEGER : after.txid < 0 ? -1 : after.seq;
    return q.where('seq', '>', afterSeq);
  }

  async feedKeys(after: FeedPosition, limit: number): Promise<FeedKey[]> {
    const q = this.feedAfter(after).select(['txid', 'seq', 'owner_id', 'team_id', 'audience']);
    const ordered = this.dialect === 'postgres' ? q.orderBy('txid') : q;
    const rows = await ordered.orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({
      txid: Number(r.txid),
      seq: Number(r.seq),
      ownerId: r.owner_id,
      teamId: r.team_id,
      audience: r.audience,
    }));
  }

  async pullDocs(after: FeedPosition, v: Visibility, limit: number): Promise<FeedRow[]> {
    let q = this.feedAfter(after).selectAll();
    if (v.seesEverything) {
      q = q.where((eb) =>
        eb.or([eb('audience', '!=', PRIVATE_AUDIENCE), eb('owner_id', '=', v.userId)]),
      );
    } else {
      q = q.where((eb) => {
        const ors = [eb('owner_id', '=', v.userId)];
        if (v.audiences.length > 0) ors.push(eb('audience', 'in', [...v.audiences]));
        if (v.teamIds.length > 0) ors.push(eb('team_id', 'in', [...v.teamIds]));
        return eb.or(ors);
      });
    }
    const ordered = this.dialect === 'postgres' ? q.orderBy('txid') : q;
    const rows = await ordered.orderBy('seq').limit(limit).execute();
    return rows.map((r) => toDoc(r as DocSelect));
  }

  async feedHead(): Promise<FeedPosition> {
    let q = this.db.selectFrom('docs').select(['txid', 'seq']);
    if (this.dialect === 'postgres') {
      q = q
        .where(sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`)
        .orderBy('txid', 'desc');
    }
    // SQLite: txid is always 0, so the head is the last seq, read on the table's key.
    const row = await q.orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? { txid: Number(row.txid), seq: Number(row.seq) } : { txid: 0, seq: 0 };
  }

  async getMutations(ids: readonly string[]): Promise<Map<string, MutationRecord>> {
    const out = new Map<string, MutationRecord>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('mutations')
        .selectAll()
        .where(this.isOneOf('id', part))
        .execute();
      for (const r of rows) {
        out.set(r.id, {
          id: r.id,
          userId: r.user_id,
          deviceId: r.device_id,
          name: r.name,
          payloadHash: r.payload_hash,
          outcome: JSON.parse(r.outcome) as unknown,
          receivedAt: r.received_at,
        });
      }
    }
    return out;
  }

  async insertMutations(rows: readonly MutationRecord[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.insertRows('mutations', part.map(mutationRow));
    }
  }

  async insertLedger(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // The running totals change in the same transaction; an upsert of a stored entry changes only
    // whether it counts, so the stored row says what to take out or put back.
    const known = entries.filter((e) => e.isNew !== true);
    const stored = new Map<string, LedgerEntry>();
    for (const part of chunks(known.map((e) => e.recoveryId))) {
      const rows = await this.db
        .selectFrom('ledger')
        .selectAll()
        .where(this.isOneOf('recovery_id', part))
        .execute();
      for (const r of rows) stored.set(r.recovery_id, toLedger(r));
    }
    // A new entry is inserted plainly: were the claim wrong, the unique key fails the write.
    for (const part of chunks(entries.filter((e) => e.isNew === true))) {
      await this.insertRows('ledger', part.map(ledgerRow));
    }
    for (const part of chunks(known)) {
      await this.db
        .insertInto('ledger')
        .values(part.map(ledgerRow))
        .onConflict((oc) =>
          oc.column('recovery_id').doUpdateSet((eb) => ({ counts: eb.ref('excluded.counts') })),
        )
        .execute();
    }
    const upsert = this.dialect === 'postgres' ? TOTALS_UPSERT : SQLITE_TOTALS_UPSERT;
    for (const part of chunks(totalDeltas(entries, stored))) {
      await this.insertRows('ledger_totals', part, upsert);
    }
  }

  async ledgerSince(userId: string, sinceMs: number): Promise<LedgerEntry[]> {
    const rows = await this.db
      .selectFrom('ledger')
      .selectAll()
      .where('user_id', '=', userId)
      .where('at_ms', '>=', sinceMs)
      .execute();
    return rows.map(toLedger);
  }

  async lockUsage(userId: string): Promise<void> {
    // SQLite needs none: one connection per process runs one transaction at a time, and a second
    // process that read before our commit fails its own write (SQLITE_BUSY) instead of passing.
    if (this.dialect === 'postgres') {
      const lock = sql`select pg_advisory_xact_lock(${USAGE_LOCK_KEY}, hashtext(${userId}))`;
      await lock.execute(this.db);
    }
  }

  async usageSums(
    userId: string,
    boundaries: readonly number[],
    untilMs: number,
  ): Promise<LedgerEntry[]> {
    const sorted = [...new Set(boundaries)].sort((a, b) => a - b);
    const first = sorted[0];
    if (first === undefined) return [];
    const rows = await this.db
      .selectFrom('ledger_totals')
      .selectAll()
      .where('user_id', '=', userId)
      .where('bucket_ms', '>=', bucketOf(first))
      .where('bucket_ms', '<=', untilMs)
      .execute();
    const { sums, exact } = sumTotals(userId, rows, sorted, untilMs);
    for (const range of exact) {
      const from = Math.max(range.fromMs, first);
      const until = Math.min(range.toMs, untilMs);
      for (const e of await this.ledgerSums(userId, sorted, from, until)) addSum(sums, e);
    }
    return [...sums.values()].filter((e) => e.amount !== 0);
  }

  /** Entries that count from `fromMs` to `untilMs`, summed per stretch between boundaries. */
  private async ledgerSums(
    userId: string,
    sorted: readonly number[],
    fromMs: number,
    untilMs: number,
  ): Promise<LedgerEntry[]> {
    const [first, ...rest] = sorted;
    if (first === undefined || fromMs > untilMs) return [];
    // Each entry is dated at the latest boundary at or before it.
    let bucket = sql<number>`cast(${first} as bigint)`;
    for (const b of rest)
      bucket = sql<number>`case when at_ms >= ${b} then cast(${b} as bigint) else ${bucket} end`;
    const rows = await this.db
      .selectFrom('ledger')
      .select([
        bucket.as('from_ms'),
        'compensation_type',
        'product',
        'segment',
        'region',
        'currency',
        (eb) => eb.fn.sum<number>('amount').as('total'),
      ])
      .where('user_id', '=', userId)
      .where('counts', '=', 1)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<=', untilMs)
      .groupBy(['from_ms', 'compensation_type', 'product', 'segment', 'region', 'currency'])
      .execute();
    return rows.map((r) => usageSum(userId, Number(r.from_ms), r));
  }

  async appendAudit(drafts: readonly AuditDraft[]): Promise<AuditEvent[]> {
    if (drafts.length === 0) return [];
    return this.transaction(async (tx) => (tx as KyselyStore).appendAuditLocked(drafts, false));
  }

  async recordPush(w: PushRecords): Promise<void> {
    if (this.dialect !== 'postgres' || w.ledger.some((e) => e.isNew !== true)) {
      await this.insertLedger(w.ledger);
      await this.insertMutations(w.mutations);
      await this.appendAudit(w.audits);
      return;
    }
    await this.transaction(async (tx) => {
      // One statement writes the mutations, the new ledger entries and their totals, and takes the
      // audit lock. The events are then sealed on this process's last tail and inserted only if it
      // still holds, in a statement whose snapshot is taken after the lock is held (READ
      // COMMITTED), so it sees every append committed before ours; otherwise the tail is read and
      // the events sealed again.
      const text =
        `with m as (${jsonInsert('mutations', 1)}), ` +
        `l as (${jsonInsert('ledger', 2)}), ` +
        `t as (${jsonInsert('ledger_totals', 3)}${TOTALS_UPSERT}) ` +
        `select pg_advisory_xact_lock($4)`;
      const params = [
        JSON.stringify(w.mutations.map(mutationRow)),
        JSON.stringify(w.ledger.map(ledgerRow)),
        JSON.stringify(totalDeltas(w.ledger, new Map())),
        AUDIT_LOCK_KEY,
      ];
      const self = tx as KyselyStore;
      await self.db.executeQuery(CompiledQuery.raw(text, params));
      await self.appendAuditLocked(w.audits, true);
    });
  }

  private async appendAuditLocked(
    drafts: readonly AuditDraft[],
    isLockHeld: boolean,
  ): Promise<AuditEvent[]> {
    if (drafts.length === 0) return [];
    // SQLite has one writer at a time already; PostgreSQL needs the chain's tail held until commit.
    if (this.dialect === 'postgres' && !isLockHeld)
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(this.db);
    if (this.dialect === 'postgres') {
      // The tail this process last wrote is most often still the tail: seal on it and insert only
      // if it is (one round trip); when another process appended meanwhile, read the tail.
      const guess = this.shared.auditTail;
      if (guess !== undefined) {
        const sealed = sealAudit(drafts, guess);
        const { rows } = await this.db.executeQuery<{ n: number }>(
          CompiledQuery.raw(PG_AUDIT_IF_TAIL, [
            JSON.stringify(sealed.map(auditRow)),
            guess.seq,
            guess.hash,
          ]),
        );
        if (Number(rows[0]?.n) === sealed.length) return this.keepTail(sealed);
      }
    }
    const last = await this.db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const sealed = sealAudit(drafts, {
      seq: last ? Number(last.seq) : 0,
      hash: last?.hash ?? GENESIS_HASH,
    });
    for (const part of chunks(sealed)) await this.insertRows('audit_events', part.map(auditRow));
    return this.keepTail(sealed);
  }

  /**
   * Remembers the new tail for the next append. Only a guess: were this transaction to roll back,
   * the next conditional insert finds another tail, inserts nothing and reads the real one.
   */
  private keepTail(sealed: readonly AuditEvent[]): AuditEvent[] {
    const tail = sealed.at(-1);
    if (tail) this.shared.auditTail = { seq: tail.seq, hash: tail.hash };
    return sealed as AuditEvent[];
  }

  async readAudit(query: AuditQuery): Promise<AuditEvent[]> {
    let q = this.db.selectFrom('audit_events').selectAll();
    if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
    if (query.actorId !== undefined) q = q.where('actor_id', '=', query.actorId);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    if (query.entityId !== undefined) q = q.where('entity_id', '=', query.entityId);
    if (query.fromAt !== undefined) q = q.where('at', '>=', query.fromAt);
    if (query.toAt !== undefined) q = q.where('at', '<', query.toAt);
    const rows = await q.orderBy('seq').limit(query.limit).execute();
    return rows.map(toAudit);
  }

  /**
   * A multi-row insert without the query builder: on the push hot path, building and compiling an
   * operation tree for hundreds of values costs more than the database's own work. On SQLite the
   * SQL text is made once per table × row count; on PostgreSQL the rows are one JSON parameter.
   */
  private async insertRows(
    table: JsonTable,
    rows: readonly object[],
    onConflict = '',
  ): Promise<void> {
    const first = rows[0];
    if (!first) return;
    if (this.dialect === 'postgres') {
      const text = jsonInsert(table, 1) + onConflict;
      await this.db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]));
      return;
    }
    const columns = Object.keys(first);
    const key = `${this.dialect}|${table}|${columns.join(',')}|${rows.length}|${onConflict}`;
    let text = insertSqlCache.get(key);
    if (text === undefined) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const tuples = rows.map(() => tuple).join(', ');
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples}${onConflict}`;
      insertSqlCache.set(key, text);
    }
    const params: unknown[] = [];
    for (const row of rows) {
      for (const c of columns) params.push((row as Record<string, unknown>)[c] ?? null);
    }
    await this.db.executeQuery(CompiledQuery.raw(text, params));
  }

  async upsertApprovals(rows: readonly ApprovalIndexEntry[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.db
        .insertInto('approvals')
        .values(
          part.map((a) => ({
            id: a.id,
            state: a.state,
            assigned_role: a.assignedRole,
            team_id: a.teamId,
            requester_id: a.requesterId,
            recovery_id: a.recoveryId,
            amount: a.amount,
            currency: a.currency,
            created_ms: a.createdMs,
            sla_due_ms: a.slaDueMs,
            expires_ms: a.expiresMs,
            updated_at: a.updatedAt,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            assigned_role: eb.ref('excluded.assigned_role'),
            team_id: eb.ref('excluded.team_id'),
            sla_due_ms: eb.ref('excluded.sla_due_ms'),
            expires_ms: eb.ref('excluded.expires_ms'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async listOpenApprovals(teamIds: readonly string[] | null): Promise<ApprovalIndexEntry[]> {
    if (teamIds !== null && teamIds.length === 0) return [];
    let q = this.db.selectFrom('approvals').selectAll().where('state', 'in', OPEN_STATES);
    if (teamIds !== null) q = q.where('team_id', 'in', [...teamIds]);
    const rows = await q.orderBy('created_ms').orderBy('id').execute();
    return rows.map(toApproval);
  }

  async claimDueApprovals(nowMs: number, limit: number): Promise<ApprovalIndexEntry[]> {
    let q = this.db
      .selectFrom('approvals')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('sla_due_ms', '<=', nowMs)]),
          eb.and([eb('state', 'in', OPEN_STATES), eb('expires_ms', '<=', nowMs)]),
        ]),
      )
      .orderBy('created_ms')
      .orderBy('id')
      .limit(limit);
    // Another process's timer (or a decision) holding a row: skip it, it is being dealt with.
    if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
    return (await q.execute()).map(toApproval);
  }

  async lockApproval(id: string): Promise<void> {
    // SQLite has one writer at a time; on PostgreSQL the row lock orders decisions and timers.
    if (this.dialect === 'postgres') {
      await this.db.selectFrom('approvals').select('id').where('id', '=', id).forUpdate().execute();
    }
  }

  async insertPhoneApproval(r: PhoneApprovalRecord): Promise<void> {
    await this.db
      .insertInto('phone_approvals')
      .values({
        id: r.id,
        requester_id: r.requesterId,
        request_code: r.requestCode,
        approver_id: r.approverId,
        amount: r.amount,
        currency: r.currency,
        compensation_type: r.compensationType,
        code_window: r.window,
        code: r.code,
        issued_ms: r.issuedMs,
        expires_ms: r.expiresMs,
        used_by: r.usedBy,
      })
      .execute();
  }

  async findPhoneApprovals(
    requesterId: string,
    requestCode: string,
  ): Promise<PhoneApprovalRecord[]> {
    const rows = await this.db
      .selectFrom('phone_approvals')
      .selectAll()
      .where('requester_id', '=', requesterId)
      .where('request_code', '=', requestCode)
      .orderBy('issued_ms', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toPhoneApproval);
  }

  async usePhoneApproval(id: string, recoveryId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('phone_approvals')
      .set({ used_by: recoveryId })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('used_by', 'is', null), eb('used_by', '=', recoveryId)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async putPhoto(p: PhotoRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('photos')
      .values({
        id: p.id,
        owner_id: p.ownerId,
        team_id: p.teamId,
        org_id: p.orgId,
        content_type: p.contentType,
        bytes: Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength),
        size: p.size,
        sha256: p.sha256,
        created_at: p.createdAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async getPhoto(id: string): Promise<PhotoRecord | undefined> {
    const row = await this.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toPhoto(row);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return r?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
