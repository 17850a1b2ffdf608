import type { AuditAction, AuditEvent, Locale, Role, User } from '../../../shared/index.ts';
import type { Dialect } from './dialect.ts';

// The storage interface: the only door the services use. Two adapters implement it over the same
// query-builder code (SQLite and PostgreSQL), and one contract suite runs against both.

export interface StoredUser extends User {
  readonly passwordHash: string;
}

export interface SessionRecord {
  readonly id: string;
  readonly tokenHash: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

export interface SessionWithUser {
  readonly session: SessionRecord;
  /** Undefined if the user's row is gone. */
  readonly user: StoredUser | undefined;
}

export interface LoginAttempt {
  readonly key: string;
  readonly windowStartMs: number;
  readonly failures: number;
  readonly lockedUntilMs: number;
}

/**
 * The audience of a document only its owner may pull, even a viewer who sees everything (a
 * user's approval key: a manager or auditor holding it could mint codes in the user's name).
 */
export const PRIVATE_AUDIENCE = 'private';

/** Who may see a document: `owner`/`team`/`org` keys for records, an audience tag for the rest. */
export interface DocWrite {
  readonly kind: string;
  readonly id: string;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly orgId: string | null;
  /**
   * `all`, `staff`, `management`, `role:<role>`, `record` (visible through owner/team only), or
   * `private` (the owner only).
   */
  readonly audience: string;
  readonly data: unknown;
  readonly deleted?: boolean;
  /**
   * The writer checked, in this transaction, that no document of this kind and id exists, so there
   * is no old version to remove. A wrong claim fails on the unique key, never overwrites.
   */
  readonly isNew?: boolean;
}

export interface StoredDoc extends Required<Omit<DocWrite, 'isNew'>> {
  readonly updatedAt: string;
}

/** A position in the change feed: the writing transaction, then the row sequence. */
export interface FeedPosition {
  readonly txid: number;
  readonly seq: number;
}

export interface FeedRow extends StoredDoc, FeedPosition {}

/** Where a feed row sits and the keys a pull's visibility reads: what wakes a held watch (SY18). */
export interface FeedKey extends FeedPosition {
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly audience: string;
}

/** What a viewer may pull: documents with one of these audiences, or their own/teams' records. */
export interface Visibility {
  readonly seesEverything: boolean;
  readonly audiences: readonly string[];
  readonly userId: string;
  /** Teams whose records the viewer sees (a supervisor may lead several). */
  readonly teamIds: readonly string[];
}

export interface MutationRecord {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly name: string;
  readonly payloadHash: string;
  /** The stored outcome, answered again to every resend. */
  readonly outcome: unknown;
  readonly receivedAt: string;
}

export interface LedgerEntry {
  readonly recoveryId: string;
  readonly userId: string;
  readonly atMs: number;
  readonly amount: number;
  readonly currency: string;
  readonly compensationType: string;
  readonly product: string;
  readonly segment: string;
  readonly region: string;
  readonly counts: boolean;
  /**
   * The writer checked, in this transaction, that no entry for this recovery exists (a new
   * recovery). A wrong claim fails on the unique key, never overwrites.
   */
  readonly isNew?: boolean;
}

export interface AuditDraft {
  readonly id: string;
  readonly at: string;
  readonly deviceAt: string | null;
  readonly actorId: string | null;
  readonly deviceId: string | null;
  readonly action: AuditAction;
  readonly entityKind: string | null;
  readonly entityId: string | null;
  readonly detail: Record<string, unknown>;
}

/** The typed side of an approval request (docs/approvals.md). */
export interface ApprovalIndexEntry {
  readonly id: string;
  readonly state: string;
  readonly assignedRole: string;
  readonly teamId: string | null;
  readonly requesterId: string;
  readonly recoveryId: string;
  readonly amount: number;
  readonly currency: string;
  readonly createdMs: number;
  readonly slaDueMs: number;
  readonly expiresMs: number;
  readonly updatedAt: string;
}

/** An approval code a supervisor gave by phone for a request code and amount. */
export interface PhoneApprovalRecord {
  readonly id: string;
  readonly requesterId: string;
  readonly requestCode: string;
  readonly approverId: string;
  readonly amount: number;
  readonly currency: string;
  readonly compensationType: string;
  readonly window: number;
  readonly code: string;
  readonly issuedMs: number;
  readonly expiresMs: number;
  /** The recovery that used it, once one did. */
  readonly usedBy: string | null;
}

/** A photo as stored: its bytes, their hash, and the uploader's record keys (who may see it). */
export interface PhotoRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly teamId: string | null;
  readonly orgId: string | null;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** The byte count, kept so a photo's size is known without reading it. */
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}

/** What a push writes besides its documents (`Store.recordPush`). */
export interface PushRecords {
  readonly ledger: readonly LedgerEntry[];
  readonly mutations: readonly MutationRecord[];
  readonly audits: readonly AuditDraft[];
}

export interface AuditQuery {
  readonly afterSeq?: number;
  readonly limit: number;
  readonly actorId?: string;
  readonly action?: AuditAction;
  readonly entityId?: string;
  readonly fromAt?: string;
  readonly toAt?: string;
}

export interface Store {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction; inside a transaction, runs it in that one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  insertUsers(users: readonly StoredUser[]): Promise<void>;
  getUser(id: string): Promise<StoredUser | undefined>;
  findUserByUsername(username: string): Promise<StoredUser | undefined>;
  countUsers(): Promise<number>;

  insertSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** The session holding this token, with its user (one query: every request asks). */
  findSessionByTokenHash(tokenHash: string): Promise<SessionWithUser | undefined>;
  touchSession(id: string, at: string): Promise<void>;
  revokeSession(id: string, at: string, by: string): Promise<boolean>;
  listSessions(userId?: string): Promise<SessionRecord[]>;

  getLoginAttempt(key: string): Promise<LoginAttempt | undefined>;
  putLoginAttempt(attempt: LoginAttempt): Promise<void>;
  deleteLoginAttempt(key: string): Promise<void>;

  /** Writes the current version of each document; each gets a new feed position. */
  putDocs(docs: readonly DocWrite[]): Promise<void>;
  getDocs(kind: string, ids: readonly string[]): Promise<Map<string, StoredDoc>>;
  /** Documents of several kinds by id, in one query: `ids` per kind in, the stored ones out. */
  getDocsOfKinds(ids: ReadonlyMap<string, readonly string[]>): Promise<StoredDoc[]>;
  listDocs(kind: string): Promise<StoredDoc[]>;
  /**
   * Documents after `after` that the viewer may see, in feed order. Never returns a row of a
   * transaction that may still commit behind it (docs/sync.md SY9).
   */
  pullDocs(after: FeedPosition, visibility: Visibility, limit: number): Promise<FeedRow[]>;
  /** The last feed position any pull could return now (same SY9 rule); `0.0` for an empty feed. */
  feedHead(): Promise<FeedPosition>;
  /**
   * The keys of every row a pull from `after` could return now, whoever pulls (same SY9 rule), in
   * feed order, at most `limit`: one read tells every held watch whether to look (SY18).
   */
  feedKeys(after: FeedPosition, limit: number): Promise<FeedKey[]>;

  getMutations(ids: readonly string[]): Promise<Map<string, MutationRecord>>;
  insertMutations(rows: readonly MutationRecord[]): Promise<void>;

  insertLedger(entries: readonly LedgerEntry[]): Promise<void>;
  /** The user's ledger entries at or after `sinceMs`. */
  ledgerSince(userId: string, sinceMs: number): Promise<LedgerEntry[]>;
  /**
   * What the user gave (entries that count) from `boundaries[0]` up to `untilMs`, summed per
   * scope × type × currency and per stretch between consecutive boundaries; each sum is dated at
   * the start of its stretch. With period starts as boundaries, period use computed from these
   * sums equals period use computed from every entry, in rows bounded by scopes, not by records.
   */
  usageSums(userId: string, boundaries: readonly number[], untilMs: number): Promise<LedgerEntry[]>;
  /**
   * Holds the user's period use until this transaction ends, so that pushes from two of the user's
   * devices are judged one after the other, each with the other's use (docs/sync.md SY14).
   */
  lockUsage(userId: string): Promise<void>;

  /**
   * Writes what one push produced besides its documents: ledger entries, mutation outcomes, then
   * the audit events sealed onto the chain. The same effects as `insertLedger`, `insertMutations`
   * and `appendAudit` in that order. On PostgreSQL, when every ledger entry is new, that is two
   * statements while this process's last chain tail still holds (the writes with the audit lock,
   * then the events sealed on that tail); otherwise the tail is read and the events sealed again.
   */
  recordPush(records: PushRecords): Promise<void>;

  /** Appends to the hash-chained trail, serialised across processes; returns the sealed events. */
  appendAudit(drafts: readonly AuditDraft[]): Promise<AuditEvent[]>;
  readAudit(query: AuditQuery): Promise<AuditEvent[]>;

  /** Writes the typed side of approval requests (insert or replace by id). */
  upsertApprovals(rows: readonly ApprovalIndexEntry[]): Promise<void>;
  /** Open (pending or escalated) requests, oldest first; of these teams, or all when null. */
  listOpenApprovals(teamIds: readonly string[] | null): Promise<ApprovalIndexEntry[]>;
  /**
   * Open requests past their SLA (pending) or expiry at `nowMs`, oldest deadline first. On
   * PostgreSQL the rows stay locked until the transaction ends and rows another transaction holds
   * are skipped, so several server processes share the work without doing any twice.
   */
  claimDueApprovals(nowMs: number, limit: number): Promise<ApprovalIndexEntry[]>;
  /** Holds one request until this transaction ends: decisions on it are taken one at a time. */
  lockApproval(id: string): Promise<void>;

  insertPhoneApproval(row: PhoneApprovalRecord): Promise<void>;
  /** Codes issued for one request code of one requester, newest first. */
  findPhoneApprovals(requesterId: string, requestCode: string): Promise<PhoneApprovalRecord[]>;
  /** Marks a code used by a recovery; false when another recovery already used it. */
  usePhoneApproval(id: string, recoveryId: string): Promise<boolean>;

  /**
   * Stores a photo unless one with its id exists; true when this call stored it. Concurrent
   * calls with one id store it once (the others wait for it and answer false).
   */
  putPhoto(photo: PhotoRecord): Promise<boolean>;
  getPhoto(id: string): Promise<PhotoRecord | undefined>;

  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
}

export type { Role, Locale };
