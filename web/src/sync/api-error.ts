import { ERROR_CODES, type ErrorCode } from '../../../shared/index.ts';

/** Failures that never reached an answer from the server. */
export const TRANSPORT_FAILURES = {
  /** No connection, or it broke: the server may or may not have handled the request. */
  network: 'network',
  /** No answer in time; aborted. Same uncertainty as `network`. */
  timeout: 'timeout',
  /** An answer that does not match the shared schema. */
  badResponse: 'bad_response',
} as const;
export type TransportFailure = (typeof TRANSPORT_FAILURES)[keyof typeof TRANSPORT_FAILURES];

export type ApiErrorCode = ErrorCode | TransportFailure;

/** The 401 codes that mean "this device must sign in again" (SY16); the outbox is kept. */
const SIGN_IN_CODES: ReadonlySet<string> = new Set([
  ERROR_CODES.unauthenticated,
  ERROR_CODES.sessionRevoked,
  ERROR_CODES.sessionExpired,
]);

/**
 * The one error the API client throws: a stable code to switch on (from shared/protocol/errors.ts,
 * or a transport failure), the HTTP status when there was one, and the field at fault.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or null when no answer arrived. */
    readonly status: number | null,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** From `Retry-After` on a 429. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** The session is revoked, expired or unknown: pause and ask the user to sign in. */
  get needsSignIn(): boolean {
    return this.status === 401 && SIGN_IN_CODES.has(this.code);
  }

  /** Worth trying again later with the same request (SY8): nothing was refused for good. */
  get isRetryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 429 || this.status === 408;
  }

  /** No answer at all: the device is (or behaves as) offline. */
  get isTransport(): boolean {
    return this.status === null;
  }
}
