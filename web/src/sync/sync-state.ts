import type { StoredProblem } from '../db/rows.ts';
import type { PushProgress } from './push.ts';

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'needs_sign_in' | 'error';

/** Why syncing waits for the user rather than retrying: a new sign-in, or an app update (SY17). */
export type SyncPause = 'sign_in' | 'app_update';

/** What the UI shows about sync (product.md §5: online? how many wait? last success?). */
export interface SyncState {
  readonly status: SyncStatus;
  /** Mutations waiting to be pushed. */
  readonly pendingCount: number;
  /** Mutations the server refused, waiting for the user to fix or discard them. */
  readonly rejectedCount: number;
  readonly lastSyncAt: number | null;
  readonly lastError: StoredProblem | null;
  /** While the outbox drains: mutations answered so far, of how many. */
  readonly progress: PushProgress | null;
  readonly pausedFor: SyncPause | null;
  /** When the back-off timer will try again, if it is set. */
  readonly nextRetryAt: number | null;
}

/** Before the first sync of this session of the app. */
export const NOTHING_YET: SyncState = {
  status: 'idle',
  pendingCount: 0,
  rejectedCount: 0,
  lastSyncAt: null,
  lastError: null,
  progress: null,
  pausedFor: null,
  nextRetryAt: null,
};
