import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../../shared/index.ts';

/** The one error type: a status, a stable code, words for people and the field at fault. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
      },
    };
  }
}

/** A dotted path such as `mutations.3.args.amount.amount`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The first issue of a failed parse, as an error that names the field. */
export function validationError(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0];
  // An issue at the root (an array, a string or null where an object belongs) is the body's fault.
  const path = issuePath([...(prefix ? [prefix] : []), ...(issue?.path ?? [])]) || 'body';
  const message = issue ? `${path}: ${issue.message}` : 'invalid input';
  return new AppError(400, ERROR_CODES.validation, message, path);
}

export const errors = {
  unauthenticated: (message = 'Sign in first') =>
    new AppError(401, ERROR_CODES.unauthenticated, message),
  forbidden: (message: string, field?: string) =>
    new AppError(403, ERROR_CODES.forbidden, message, field),
  notFound: (message: string, field?: string) =>
    new AppError(404, ERROR_CODES.notFound, message, field),
};
