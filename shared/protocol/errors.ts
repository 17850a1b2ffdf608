/**
 * Stable error codes: the server sends them, the web turns them into words in one place.
 * Never rename one; add a new one.
 */
export const ERROR_CODES = {
  validation: 'validation',
  unauthenticated: 'unauthenticated',
  sessionRevoked: 'session_revoked',
  sessionExpired: 'session_expired',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  idempotencyConflict: 'idempotency_conflict',
  tooManyAttempts: 'too_many_attempts',
  payloadTooLarge: 'payload_too_large',
  unsupportedProtocol: 'unsupported_protocol',
  badCredentials: 'bad_credentials',
  badCursor: 'bad_cursor',
  invalidTransition: 'invalid_transition',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The body of every error response: `{ error: { code, message, field? } }`. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly field?: string };
}
