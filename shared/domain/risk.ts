import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';

export const RISK_CATEGORIES = [
  'outsourcer_non_delivery',
  'missed_appointment',
  'service_outage',
  'billing_error',
  'installation_delay',
  'complaint_escalation',
  'fraud_suspicion',
  'data_privacy',
  'competitor_related',
  'other',
] as const;
export const riskCategorySchema = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof riskCategorySchema>;

/** Likelihood or impact on the usual 1–5 scale. */
export const ratingSchema = z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');

export const severitySchema = z.object({ likelihood: ratingSchema, impact: ratingSchema });
export type Severity = z.infer<typeof severitySchema>;

/** Risk score = likelihood × impact, 1–25. */
export function riskScore(s: Severity): number {
  return s.likelihood * s.impact;
}

export type RiskBand = 'low' | 'medium' | 'high' | 'extreme';

/** The band of a 1–25 score, as on a 5×5 heat map. */
export function riskBand(score: number): RiskBand {
  if (score >= 15) return 'extreme';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

/** A risk in the register, with inherent and residual (after controls) ratings. */
export const riskSchema = z.object({
  id: idSchema,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000),
  category: riskCategorySchema,
  ownerId: idSchema,
  inherent: severitySchema,
  residual: severitySchema,
  /** The tactics that act as this risk's controls. */
  controlTacticIds: z.array(idSchema).max(50),
  updatedAt: instantSchema,
});
export type Risk = z.infer<typeof riskSchema>;

/** Risk appetite: the highest acceptable residual score for a category. */
export const riskAppetiteSchema = z.object({
  category: riskCategorySchema,
  maxResidualScore: z.number().int().min(1).max(25),
});
export type RiskAppetite = z.infer<typeof riskAppetiteSchema>;

export function isWithinAppetite(risk: Risk, appetite: readonly RiskAppetite[]): boolean {
  const a = appetite.find((x) => x.category === risk.category);
  return a === undefined || riskScore(risk.residual) <= a.maxResidualScore;
}
