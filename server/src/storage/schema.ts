import type { Generated } from 'kysely';

// Row types for the query builder. JSON is stored as text and booleans as 0/1 so that one code
// path serves SQLite and PostgreSQL (decision record docs/decisions/0002-storage.md).

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  display_name: string;
  team_id: string | null;
  org_id: string | null;
  regions: string;
  locale: string;
  active: number;
  created_at: string;
}

export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  device_id: string;
  device_name: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface LoginAttemptRow {
  key: string;
  window_start_ms: number;
  failures: number;
  locked_until_ms: number;
}

/**
 * The sync feed and document store in one: the current version of every document a device may
 * hold. A write deletes the old row and inserts a new one, so `seq` and `txid` always mark the
 * latest change. `txid` is the writing PostgreSQL transaction (0 on SQLite).
 */
export interface DocRow {
  seq: Generated<number>;
  txid: Generated<number>;
  kind: string;
  id: string;
  owner_id: string | null;
  team_id: string | null;
  org_id: string | null;
  audience: string;
  data: string;
  deleted: number;
  updated_at: string;
}

export interface MutationRow {
  id: string;
  user_id: string;
  device_id: string;
  name: string;
  payload_hash: string;
  outcome: string;
  received_at: string;
}

export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  device_at: string | null;
  actor_id: string | null;
  device_id: string | null;
  action: string;
  entity_kind: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Compensation that counts toward period limits, one row per recovery, for fast period sums. */
export interface LedgerRow {
  recovery_id: string;
  user_id: string;
  at_ms: number;
  amount: number;
  currency: string;
  compensation_type: string;
  product: string;
  segment: string;
  region: string;
  counts: number;
}

/** Running sums of the ledger entries that count, per user × bucket × scope × type × currency. */
export interface LedgerTotalRow {
  user_id: string;
  bucket_ms: number;
  compensation_type: string;
  product: string;
  segment: string;
  region: string;
  currency: string;
  total: number;
  /** The latest entry time summed into this row (a bucket may hold entries after "now"). */
  max_at_ms: number;
}

/** The typed side of an approval request document: what the timers and inboxes query. */
export interface ApprovalRow {
  id: string;
  state: string;
  assigned_role: string;
  team_id: string | null;
  requester_id: string;
  recovery_id: string;
  amount: number;
  currency: string;
  created_ms: number;
  sla_due_ms: number;
  expires_ms: number;
  updated_at: string;
}

/** An approval code a supervisor gave by phone. */
export interface PhoneApprovalRow {
  id: string;
  requester_id: string;
  request_code: string;
  approver_id: string;
  amount: number;
  currency: string;
  compensation_type: string;
  code_window: number;
  code: string;
  issued_ms: number;
  expires_ms: number;
  used_by: string | null;
}

/** A photo of a risk incident: the bytes and who may see them (the uploader's record keys). */
export interface PhotoRow {
  id: string;
  owner_id: string;
  team_id: string | null;
  org_id: string | null;
  content_type: string;
  bytes: Uint8Array;
  size: number;
  sha256: string;
  created_at: string;
}

export interface MetaRow {
  key: string;
  value: string;
}

export interface Database {
  users: UserRow;
  sessions: SessionRow;
  login_attempts: LoginAttemptRow;
  docs: DocRow;
  mutations: MutationRow;
  audit_events: AuditRow;
  ledger: LedgerRow;
  ledger_totals: LedgerTotalRow;
  meta: MetaRow;
  approvals: ApprovalRow;
  phone_approvals: PhoneApprovalRow;
  photos: PhotoRow;
}
