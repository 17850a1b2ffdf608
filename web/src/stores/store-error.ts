import type { ApiErrorCode } from '../sync/api-error.ts';

/** Codes the stores add to the server's (shared/protocol/errors.ts) and the transport's. */
export const STORE_ERROR_CODES = {
  /** No session on this device: sign in first. */
  signedOut: 'signed_out',
  /** Sign-out refused: records wait to sync or to be fixed. `details` says how many. */
  unsyncedRecords: 'unsynced_records',
  /** Sign-in refused: another user's unsynced records are on this device. */
  otherUserData: 'other_user_data',
  /** Fix or discard asked of a record that is not waiting for the user. */
  notNeedingAttention: 'not_needing_attention',
} as const;

export type StoreErrorCode =
  ApiErrorCode | (typeof STORE_ERROR_CODES)[keyof typeof STORE_ERROR_CODES];

/**
 * The one error the stores throw. Switch on `code`; turn it into words in the UI's one place for
 * that. `field` names the input at fault in the server's form (`args.amount.amount`).
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Readonly<Record<string, number | string>>,
  ) {
    super(message);
  }
}
