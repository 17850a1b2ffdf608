import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';
import { riskCategorySchema, severitySchema, ratingSchema } from './risk.ts';
import { scopeSchema } from './scope.ts';
import { personalDataIn } from './privacy.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, 'is too long');

/** An account or ticket number. Never a name, phone number or HKID number. */
export const customerRefSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(40, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]*$/, 'must be an account or ticket number')
  .refine((s) => personalDataIn(s).length === 0, {
    message: 'looks like personal data; use the account or ticket number',
  });

export const geoPointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
});

/** Fields every record born on a device carries; the server fills in the owner fields. */
const recordOwnership = {
  recordedBy: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  /** When the server first accepted the record. */
  receivedAt: instantSchema,
};

export const INCIDENT_STATUSES = ['open', 'in_recovery', 'resolved', 'closed'] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** The most photos one incident carries. */
export const MAX_INCIDENT_PHOTOS = 10;

/** A risk incident as recorded on the device. */
export const incidentInputSchema = z.object({
  id: idSchema,
  category: riskCategorySchema,
  description: text(4000),
  scope: scopeSchema,
  customerRef: customerRefSchema.nullable(),
  outsourcingPartyId: idSchema.nullable(),
  occurredAt: instantSchema,
  location: geoPointSchema.nullable(),
  photoIds: z.array(idSchema).max(MAX_INCIDENT_PHOTOS),
  severity: severitySchema,
  tacticIdsShown: z.array(idSchema).max(50),
  riskId: idSchema.nullable(),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export const incidentSchema = incidentInputSchema.extend({
  ...recordOwnership,
  status: incidentStatusSchema,
  updatedAt: instantSchema,
});
export type Incident = z.infer<typeof incidentSchema>;

/** Incident status moves forward only, one step or straight to closed. */
export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  const order = INCIDENT_STATUSES.indexOf(from);
  const target = INCIDENT_STATUSES.indexOf(to);
  return target > order && (target === order + 1 || to === 'closed');
}

export const COMPETITOR_ACTION_TYPES = [
  'price_cut',
  'promotion',
  'new_product',
  'poaching_staff',
  'poaching_customers',
  'other',
] as const;

export const impactLevelSchema = z.enum(['low', 'medium', 'high']);

export const competitorActionInputSchema = z.object({
  id: idSchema,
  competitor: text(120),
  actionType: z.enum(COMPETITOR_ACTION_TYPES),
  description: text(4000),
  region: z.string().min(1),
  products: z.array(z.string().min(1)).min(1, 'name at least one product').max(20),
  segments: z.array(z.string().min(1)).max(20),
  seenAt: instantSchema,
  predictedImpact: impactLevelSchema,
  customersAtRisk: z.number().int().min(0).max(10_000_000).nullable(),
});
export type CompetitorActionInput = z.infer<typeof competitorActionInputSchema>;

export const competitorActionSchema = competitorActionInputSchema.extend({
  ...recordOwnership,
  assessment: z
    .object({
      by: idSchema,
      at: instantSchema,
      impact: impactLevelSchema,
      note: text(4000),
      responseTacticId: idSchema.nullable(),
      responsePlanVersionId: idSchema.nullable(),
    })
    .nullable(),
});
export type CompetitorAction = z.infer<typeof competitorActionSchema>;

export const feedbackSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan_section'), planVersionId: idSchema, sectionId: idSchema }),
  z.object({ kind: z.literal('risk'), riskId: idSchema }),
  z.object({ kind: z.literal('general') }),
]);

export const feedbackInputSchema = z.object({
  id: idSchema,
  subject: feedbackSubjectSchema,
  kind: z.enum(['suggestion', 'concern']),
  text: text(4000),
  sentAt: instantSchema,
});
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export const feedbackSchema = feedbackInputSchema.extend({
  ...recordOwnership,
  answer: z.object({ by: idSchema, at: instantSchema, text: text(4000) }).nullable(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** A user confirms having read a plan version (and its urgent change). */
export const acknowledgementInputSchema = z.object({
  id: idSchema,
  planVersionId: idSchema,
  acknowledgedAt: instantSchema,
});
export const acknowledgementSchema = acknowledgementInputSchema.extend(recordOwnership);
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** The owner of an execution task reports its status. */
export const taskUpdateInputSchema = z.object({
  id: idSchema,
  planVersionId: idSchema,
  taskId: idSchema,
  status: z.enum(['not_started', 'in_progress', 'blocked', 'done']),
  note: z.string().trim().max(2000),
  kpiActual: z.number().nullable(),
  updatedAt: instantSchema,
});
export const taskUpdateSchema = taskUpdateInputSchema.extend(recordOwnership);
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;

export { ratingSchema };
