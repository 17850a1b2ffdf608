import type { NeedsApprovalReason } from '../../../shared/index.ts';
import type { AppStores } from '../stores/app-stores.ts';
import type { StoreErrorCode } from '../stores/store-error.ts';

/**
 * Every error code the UI can meet: the server's (shared/protocol/errors.ts), the transport's
 * (web/src/sync/api-error.ts) and the stores' (web/src/stores/store-error.ts). The catalogues are
 * typed against this union, so a new code cannot reach a screen without words.
 */
export type UiErrorCode = StoreErrorCode;

/** Why compensation needs approval: `no_rule`, `limits_stale`, `over_per_case`, `over_period`. */
export type LimitReasonCode = NeedsApprovalReason['code'];

/** The sync engine's status as the stores expose it (`idle`, `syncing`, `offline`, …). */
export type SyncStatusCode = ReturnType<AppStores['sync']['state']['get']>['status'];
