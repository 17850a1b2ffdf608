import { z } from 'zod';
import { idSchema } from '../domain/ids.ts';
import { instantSchema } from '../domain/time.ts';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH } from './version.ts';
import { ERROR_CODES } from './errors.ts';
import { planVersionSchema } from '../domain/plan.ts';
import { tacticSchema } from '../domain/tactic.ts';
import { limitSetSchema } from '../domain/limits.ts';
import { referenceItemSchema } from '../domain/scope.ts';
import { outsourcingPartySchema, teamSchema, userSchema } from '../domain/organisation.ts';
import { riskAppetiteSchema, riskSchema } from '../domain/risk.ts';
import {
  acknowledgementSchema,
  competitorActionSchema,
  feedbackSchema,
  incidentSchema,
  taskUpdateSchema,
} from '../domain/records.ts';
import { limitExceptionSchema, recoverySchema } from '../domain/recovery.ts';
import { approvalRequestSchema } from '../domain/approval.ts';
import { approvalKeySchema } from '../domain/phone-code.ts';
import { deviceSettingsSchema } from './auth.ts';

/**
 * A mutation as it travels. Only the envelope is checked for the batch as a whole; each mutation's
 * name and args are checked one by one, so one bad mutation is rejected alone (rule SY6).
 */
export const wireMutationSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(64),
  clientTime: instantSchema,
  args: z.unknown(),
});
export type WireMutation = z.infer<typeof wireMutationSchema>;

export const pushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  mutations: z.array(wireMutationSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

const rejectionCodeSchema = z.enum([
  ERROR_CODES.validation,
  ERROR_CODES.forbidden,
  ERROR_CODES.notFound,
  ERROR_CODES.conflict,
  ERROR_CODES.idempotencyConflict,
  ERROR_CODES.invalidTransition,
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

/** The outcome stored with a mutation id and answered again, as it was, to every resend. */
export const mutationOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied') }),
  z.object({
    status: z.literal('rejected'),
    code: rejectionCodeSchema,
    message: z.string(),
    field: z.string().optional(),
  }),
]);
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id: idSchema, status: z.literal('applied') }),
  z.object({ id: idSchema, status: z.literal('duplicate'), original: mutationOutcomeSchema }),
  z.object({
    id: idSchema,
    status: z.literal('rejected'),
    code: rejectionCodeSchema,
    message: z.string(),
    field: z.string().optional(),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  serverTime: instantSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Everything a device may hold, keyed by kind. Records carry their server-side status. */
export const syncDocSchemas = {
  user: userSchema,
  team: teamSchema,
  outsourcing_party: outsourcingPartySchema,
  reference: referenceItemSchema,
  plan_version: planVersionSchema,
  tactic: tacticSchema,
  limit_set: limitSetSchema,
  risk: riskSchema,
  risk_appetite: riskAppetiteSchema.extend({ id: z.string() }),
  incident: incidentSchema,
  recovery: recoverySchema,
  competitor_action: competitorActionSchema,
  feedback: feedbackSchema,
  acknowledgement: acknowledgementSchema,
  task_update: taskUpdateSchema,
  approval_request: approvalRequestSchema,
  limit_exception: limitExceptionSchema,
  /** The signed-in user's own key for phone approval codes; nobody else's device gets it. */
  approval_key: approvalKeySchema,
} as const;
export type DocKind = keyof typeof syncDocSchemas;
export const DOC_KINDS = Object.keys(syncDocSchemas) as DocKind[];
export type DocOf<K extends DocKind> = z.infer<(typeof syncDocSchemas)[K]>;

export const syncChangeSchema = z.discriminatedUnion(
  'kind',
  DOC_KINDS.map((kind) =>
    z.object({
      kind: z.literal(kind),
      id: z.string(),
      deleted: z.boolean(),
      data: syncDocSchemas[kind].nullable(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
export interface SyncChange<K extends DocKind = DocKind> {
  kind: K;
  id: string;
  deleted: boolean;
  data: DocOf<K> | null;
}

/** An opaque position in the server's change feed. Devices store it and send it back. */
export const cursorSchema = z
  .string()
  .max(64)
  .regex(/^\d+\.\d+$/, 'is not a cursor');

export const pullQuerySchema = z.object({
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).optional(),
});

export const pullResponseSchema = z.object({
  changes: z.array(syncChangeSchema),
  cursor: cursorSchema,
  /** More changes wait beyond this page: pull again at once. */
  hasMore: z.boolean(),
  serverTime: instantSchema,
  /**
   * The server's current device settings (SY19): a change of configuration reaches devices with
   * their next pull, not only at their next sign-in. Absent from servers older than SY19.
   */
  settings: deviceSettingsSchema.optional(),
});
export type PullResponse = Omit<z.infer<typeof pullResponseSchema>, 'changes'> & {
  changes: SyncChange[];
};

/** The longest a watch may be held open, in seconds: below the idle timeout of common proxies. */
export const MAX_WATCH_SECONDS = 30;
/** How long a device holds a watch open unless told otherwise. */
export const DEFAULT_WATCH_SECONDS = 25;

/** `GET /api/sync/watch`: wait until a pull from `cursor` would return something (SY18). */
export const watchQuerySchema = z.object({
  cursor: cursorSchema,
  waitSeconds: z.coerce.number().int().min(0).max(MAX_WATCH_SECONDS).default(DEFAULT_WATCH_SECONDS),
});

export const watchResponseSchema = z.object({
  /** True: a pull from the cursor returns at least one change now. False: the wait ended first. */
  changed: z.boolean(),
});
export type WatchResponse = z.infer<typeof watchResponseSchema>;
