import { z } from 'zod';
import { idSchema } from './ids.ts';
import { currencySchema, minorUnitsSchema } from './money.ts';
import { instantSchema } from './time.ts';
import { ANY, scopeValuePatternSchema } from './scope.ts';
import { compensationTypeSchema } from './compensation.ts';
import { roleSchema } from './roles.ts';

const patternOf = <T extends z.ZodType>(value: T) => z.union([z.literal(ANY), value]);

export const periodSchema = z.enum(['day', 'week', 'month']);

/**
 * One row of the delegation-of-authority matrix: role × product × segment × region × compensation
 * type (each may be `*`) → maximum per case and maximum per period per person.
 */
export const limitRuleSchema = z.object({
  id: idSchema,
  role: patternOf(roleSchema),
  product: scopeValuePatternSchema,
  segment: scopeValuePatternSchema,
  region: scopeValuePatternSchema,
  compensationType: patternOf(compensationTypeSchema),
  currency: currencySchema,
  maxPerCase: minorUnitsSchema,
  maxPerPeriod: minorUnitsSchema,
  period: periodSchema,
});
export type LimitRule = z.infer<typeof limitRuleSchema>;

/** A published version of the limit matrix. Like plan versions, published sets never change. */
export const limitSetSchema = z.object({
  id: idSchema,
  version: z.number().int().positive(),
  effectiveFrom: instantSchema,
  publishedAt: instantSchema,
  publishedBy: idSchema,
  changeNote: z.string().trim().min(1).max(4000),
  rules: z.array(limitRuleSchema).max(2000),
});
export type LimitSet = z.infer<typeof limitSetSchema>;
