import type { FrontlineDb } from '../db/database.ts';
import type { ApiClient } from '../sync/api-client.ts';
import type { SyncEngine } from '../sync/engine.ts';
import type { SyncState } from '../sync/sync-state.ts';
import type { Observable } from '../sync/observable.ts';
import { createApprovalsStore, type ApprovalsStore } from './approvals-store.ts';
import type { StoreContext } from './context.ts';
import { createDraftsStore, type DraftsStore } from './drafts-store.ts';
import { createLimitsStore, type LimitsStore } from './limits-store.ts';
import { createPhotosStore, type PhotosStore } from './photos-store.ts';
import { createPlanStore, type PlanStore } from './plan-store.ts';
import { createRecordsStore, type RecordsStore } from './records-store.ts';
import { createReferenceStore, type ReferenceStore } from './reference-store.ts';
import { createSessionStore, type SessionStore, type StorageManagerLike } from './session-store.ts';

export interface AppStoresDeps {
  readonly db: FrontlineDb;
  readonly engine: SyncEngine;
  readonly api: ApiClient;
  readonly clock?: () => number;
  /** `navigator.storage`, to ask for persistent storage at sign-in. */
  readonly storage?: StorageManagerLike;
}

export interface SyncStore {
  /** Online?, how many wait, how many need attention, last success, progress while draining. */
  readonly state: Observable<SyncState>;
  /** The "sync now" button. */
  syncNow(): Promise<void>;
}

/** The UI's only door to data: live reads and commands, grouped by concern. */
export interface AppStores {
  readonly session: SessionStore;
  readonly plan: PlanStore;
  readonly reference: ReferenceStore;
  readonly limits: LimitsStore;
  readonly records: RecordsStore;
  /** The approver's inbox and the requester's side of approvals (docs/approvals.md). */
  readonly approvals: ApprovalsStore;
  readonly drafts: DraftsStore;
  /** Photos of incidents: kept on the device at once, uploaded before the push (SY20). */
  readonly photos: PhotosStore;
  readonly sync: SyncStore;
}

/** Builds the stores over one database, API client and sync engine. */
export function createAppStores(deps: AppStoresDeps): AppStores {
  const ctx: StoreContext = {
    db: deps.db,
    engine: deps.engine,
    api: deps.api,
    now: deps.clock ?? Date.now,
  };
  return {
    session: createSessionStore(ctx, deps.storage),
    plan: createPlanStore(ctx),
    reference: createReferenceStore(ctx),
    limits: createLimitsStore(ctx),
    records: createRecordsStore(ctx),
    approvals: createApprovalsStore(ctx),
    drafts: createDraftsStore(ctx),
    photos: createPhotosStore(ctx),
    sync: { state: deps.engine.state, syncNow: () => deps.engine.syncNow() },
  };
}
