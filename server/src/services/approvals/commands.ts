import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ERROR_CODES,
  idSchema,
  PROTOCOL_VERSION,
  uuidv7,
  type ApprovalRequest,
  type ErrorBody,
  type MutationOutcome,
  type RejectionCode,
} from '../../../../shared/index.ts';
import { AppError } from '../../http/app-error.ts';
import type { Services } from '../index.ts';
import type { Principal } from '../auth.ts';
import { iso } from '../clock.ts';
import { push } from '../sync/push.ts';
import { approvalSettings } from './settings.ts';

// An online supervisor's decision over HTTP runs as the very same mutation a device would push
// (docs/approvals.md AP6): one handler, one at-most-once rule keyed by the Idempotency-Key
// header, one audit trail.

const STATUS: Record<RejectionCode, ContentfulStatusCode> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  invalid_transition: 409,
};

/** A decision that lost the race: the `409` names the state that won and shows the request. */
export class ApprovalConflict extends AppError {
  constructor(
    message: string,
    readonly request: ApprovalRequest,
  ) {
    super(409, ERROR_CODES.conflict, message, 'expectedState');
  }

  override toBody(): ErrorBody & { currentState: string; request: ApprovalRequest } {
    return { ...super.toBody(), currentState: this.request.state, request: this.request };
  }
}

/** A mutation's field (`args.reason`) as the HTTP caller named it (`reason`; the path's `id`). */
function httpField(field: string | undefined): string | undefined {
  if (field === undefined || field === 'name') return undefined;
  if (field === 'id') return 'Idempotency-Key';
  if (field === 'args.requestId') return 'id';
  return field.replace(/^args\./, '');
}

export interface CommandResult {
  readonly request: ApprovalRequest;
  /** True when this idempotency key was already used: the stored result, nothing done again. */
  readonly duplicate: boolean;
}

/**
 * Runs `approval.decide` or `approval.withdraw` for an online caller. Answers the request as it
 * is after the command, or throws the error a device would have got as a rejection.
 */
export async function runApprovalCommand(
  services: Services,
  p: Principal,
  name: 'approval.decide' | 'approval.withdraw',
  args: { requestId: string } & Record<string, unknown>,
  idempotencyKey: string | undefined,
): Promise<CommandResult> {
  if (idempotencyKey !== undefined && !idSchema.safeParse(idempotencyKey).success) {
    throw new AppError(
      400,
      ERROR_CODES.validation,
      'Idempotency-Key: must be a UUID in lower-case canonical form',
      'Idempotency-Key',
    );
  }
  if (!idSchema.safeParse(args.requestId).success) {
    throw new AppError(404, ERROR_CODES.notFound, 'No such approval request', 'id');
  }
  const { store, clock, config } = services;
  const id = idempotencyKey ?? uuidv7(clock.now());
  const { results } = await push(
    store,
    clock,
    p,
    {
      protocolVersion: PROTOCOL_VERSION,
      mutations: [{ id, name, clientTime: iso(clock.now()), args }],
    },
    { approvalSettings: approvalSettings(config), via: 'http' },
  );
  const [result] = results;
  if (!result) throw new Error('a push of one mutation answered nothing');
  const outcome: MutationOutcome =
    result.status === 'duplicate'
      ? result.original
      : result.status === 'applied'
        ? { status: 'applied' }
        : result;
  const current = (await store.getDocs('approval_request', [args.requestId])).get(args.requestId);
  const request = current?.data as ApprovalRequest | undefined;
  if (outcome.status === 'applied' && request) {
    return { request, duplicate: result.status === 'duplicate' };
  }
  if (outcome.status === 'applied') {
    throw new AppError(404, ERROR_CODES.notFound, 'No such approval request', 'id');
  }
  if (outcome.code === 'conflict' && request) {
    throw new ApprovalConflict(outcome.message, request);
  }
  throw new AppError(STATUS[outcome.code], outcome.code, outcome.message, httpField(outcome.field));
}
