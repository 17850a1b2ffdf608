import type { z } from 'zod';
import type {
  DocKind,
  DocOf,
  ErrorCode,
  LoginResponse,
  MutationName,
  mutationArgsSchemas,
  User,
} from '../../../shared/index.ts';

// The shapes stored on the device. Pure types: nothing here imports Dexie.

/** The args of one mutation, as validated by its shared schema. */
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

/** A pulled document: the server's validated version, keyed by kind and id. */
export type DocRow = { [K in DocKind]: { kind: K; id: string; data: DocOf<K> } }[DocKind];

/** Why the server (or the device, for something it could never send) refused a mutation. */
export interface Rejection {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
}

/**
 * Where a record the user made stands: only on this device, accepted by the server, or refused
 * with a reason the user must act on (SY7).
 */
export const SYNC_STATES = ['saved_on_device', 'synced', 'needs_attention'] as const;
export type SyncStateOfRecord = (typeof SYNC_STATES)[number];

interface LocalRecordBase {
  /** The record id (`args.id`); for an incident status change, the change's own id. */
  readonly id: string;
  readonly userId: string;
  readonly state: SyncStateOfRecord;
  /** The mutation last sent for it; a fix sends a new one (SY7). */
  readonly mutationId: string;
  readonly rejection: Rejection | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A record made on this device, kept until the server's copy has been pulled. */
export type LocalRecordRow = {
  [N in MutationName]: LocalRecordBase & { readonly name: N; readonly args: MutationArgs<N> };
}[MutationName];

export const OUTBOX_STATES = ['pending', 'rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A mutation waiting to be pushed (or refused and waiting for the user); `seq` is push order. */
export interface OutboxRow {
  readonly seq?: number;
  readonly id: string;
  readonly name: MutationName;
  readonly clientTime: string;
  readonly args: unknown;
  readonly recordId: string;
  readonly state: OutboxState;
  readonly rejection: Rejection | null;
}

/** What sign-in gave this device. The token never leaves the data layer. */
export interface StoredSession {
  readonly token: string;
  readonly sessionId: string;
  readonly user: User;
  readonly expiresAt: string;
  readonly settings: LoginResponse['settings'];
}

export interface StoredProblem {
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** Every key of the `meta` table and the type of its value. */
export interface MetaValues {
  session: StoredSession;
  deviceId: string;
  /** The pull cursor (SY12): the feed position of the last page applied. */
  cursor: string;
  lastSyncAt: number;
  lastPullAt: number;
  /** When the device last finished a pull, so when its copy of the limits was known current. */
  limitsCheckedAt: number;
  lastError: StoredProblem;
  /** The server refused this session (401, SY16): syncing waits for a new sign-in. */
  authProblem: StoredProblem & { readonly sessionId: string };
  storagePersisted: boolean;
}
export type MetaKey = keyof MetaValues;

export interface MetaRow {
  readonly key: MetaKey;
  readonly value: unknown;
}

export interface DraftRow {
  readonly form: string;
  readonly value: unknown;
  readonly savedAt: number;
}

export type PhotoState = 'pending' | 'uploaded' | 'refused';

/**
 * A photo taken on this device (docs/sync.md SY20): the re-encoded bytes, kept from the moment it
 * is taken until the user's data leaves the device. `recordId` is null while only a draft holds
 * it; a saved record claims it, and only then is it uploaded.
 */
export interface PhotoRow {
  readonly id: string;
  readonly blob: Blob;
  readonly contentType: string;
  readonly bytes: number;
  /** SHA-256 of the bytes, lower-case hex: sent as `X-Content-SHA256`. */
  readonly sha256: string;
  readonly createdAt: number;
  readonly state: PhotoState;
  readonly recordId: string | null;
  /** Why the server refused it for good (a refusal blocks nothing, SY6). */
  readonly rejection?: Rejection | null;
}

/** The document kinds that are records a user makes, and the mutation that makes each. */
export const RECORD_KIND_OF = {
  'incident.record': 'incident',
  'recovery.record': 'recovery',
  'competitorAction.record': 'competitor_action',
  'feedback.send': 'feedback',
  'plan.acknowledge': 'acknowledgement',
  'task.update': 'task_update',
  'incident.setStatus': null,
  'approval.decide': null,
  'approval.withdraw': null,
  'recovery.markGiven': null,
  'limitException.acknowledge': null,
} as const satisfies Record<MutationName, DocKind | null>;
export type RecordDocKind = NonNullable<(typeof RECORD_KIND_OF)[MutationName]>;
export const RECORD_DOC_KINDS = Object.values(RECORD_KIND_OF).filter(
  (k): k is RecordDocKind => k !== null,
);
