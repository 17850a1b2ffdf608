import { z } from 'zod';
import { idSchema } from '../domain/ids.ts';
import { instantSchema } from '../domain/time.ts';
import {
  incidentInputSchema,
  incidentStatusSchema,
  competitorActionInputSchema,
  feedbackInputSchema,
  acknowledgementInputSchema,
  taskUpdateInputSchema,
} from '../domain/records.ts';
import { recoveryInputSchema } from '../domain/recovery.ts';
import {
  approvalDecideArgsSchema,
  approvalWithdrawArgsSchema,
  limitExceptionAcknowledgeArgsSchema,
  recoveryMarkGivenArgsSchema,
} from './approvals.ts';

/**
 * Every change a device can make, as a discriminated union on `name`. The same names are used on
 * both sides; the server is authoritative and answers each one.
 */
export const mutationArgsSchemas = {
  'incident.record': incidentInputSchema,
  'incident.setStatus': z.object({ incidentId: idSchema, status: incidentStatusSchema }),
  'recovery.record': recoveryInputSchema,
  'competitorAction.record': competitorActionInputSchema,
  'feedback.send': feedbackInputSchema,
  'plan.acknowledge': acknowledgementInputSchema,
  'task.update': taskUpdateInputSchema,
  'approval.decide': approvalDecideArgsSchema,
  'approval.withdraw': approvalWithdrawArgsSchema,
  'recovery.markGiven': recoveryMarkGivenArgsSchema,
  'limitException.acknowledge': limitExceptionAcknowledgeArgsSchema,
} as const;

export type MutationName = keyof typeof mutationArgsSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgsSchemas) as MutationName[];

const envelope = {
  /** UUIDv7 made on the device when the user acted; the idempotency key. */
  id: idSchema,
  /** Device clock when the user acted; kept for the audit trail, never trusted for ordering. */
  clientTime: instantSchema,
};

export const mutationSchema = z.discriminatedUnion('name', [
  z.object({
    ...envelope,
    name: z.literal('incident.record'),
    args: mutationArgsSchemas['incident.record'],
  }),
  z.object({
    ...envelope,
    name: z.literal('incident.setStatus'),
    args: mutationArgsSchemas['incident.setStatus'],
  }),
  z.object({
    ...envelope,
    name: z.literal('recovery.record'),
    args: mutationArgsSchemas['recovery.record'],
  }),
  z.object({
    ...envelope,
    name: z.literal('competitorAction.record'),
    args: mutationArgsSchemas['competitorAction.record'],
  }),
  z.object({
    ...envelope,
    name: z.literal('feedback.send'),
    args: mutationArgsSchemas['feedback.send'],
  }),
  z.object({
    ...envelope,
    name: z.literal('plan.acknowledge'),
    args: mutationArgsSchemas['plan.acknowledge'],
  }),
  z.object({
    ...envelope,
    name: z.literal('task.update'),
    args: mutationArgsSchemas['task.update'],
  }),
  z.object({
    ...envelope,
    name: z.literal('approval.decide'),
    args: mutationArgsSchemas['approval.decide'],
  }),
  z.object({
    ...envelope,
    name: z.literal('approval.withdraw'),
    args: mutationArgsSchemas['approval.withdraw'],
  }),
  z.object({
    ...envelope,
    name: z.literal('recovery.markGiven'),
    args: mutationArgsSchemas['recovery.markGiven'],
  }),
  z.object({
    ...envelope,
    name: z.literal('limitException.acknowledge'),
    args: mutationArgsSchemas['limitException.acknowledge'],
  }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationOf<N extends MutationName> = Extract<Mutation, { name: N }>;
