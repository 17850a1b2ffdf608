import type { RejectionCode } from '../../../../shared/index.ts';

/**
 * A mutation the server will not apply, for a reason that will not change on resend. It is stored
 * with the mutation id and answered again to every resend (docs/sync.md SY5).
 */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const reject = {
  validation: (field: string, message: string) => new Rejection('validation', message, field),
  forbidden: (field: string, message: string) => new Rejection('forbidden', message, field),
  notFound: (field: string, message: string) => new Rejection('not_found', message, field),
  conflict: (field: string, message: string) => new Rejection('conflict', message, field),
  transition: (field: string, message: string) =>
    new Rejection('invalid_transition', message, field),
};
