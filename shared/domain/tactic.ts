import { z } from 'zod';
import { idSchema } from './ids.ts';
import { riskCategorySchema } from './risk.ts';
import { scopePatternSchema, matchingMostSpecificFirst, type Scope } from './scope.ts';
import { compensationTypeSchema } from './compensation.ts';
import { roleSchema } from './roles.ts';
import type { RiskCategory } from './risk.ts';

/** The risk-specific playbook: what to do for a category of risk in a scope. */
export const tacticSchema = z.object({
  id: idSchema,
  title: z.string().trim().min(1).max(200),
  category: riskCategorySchema,
  scope: scopePatternSchema,
  steps: z.array(z.string().trim().min(1).max(1000)).min(1).max(20),
  /** What may be offered, e.g. "bill credit up to the daily limit". */
  mayOffer: z.array(compensationTypeSchema).max(6),
  offerNote: z.string().trim().max(1000),
  escalateTo: roleSchema,
  escalationNote: z.string().trim().max(1000),
  active: z.boolean(),
});
export type Tactic = z.infer<typeof tacticSchema>;

/** Active tactics that apply to a risk category in a scope, most specific first. */
export function applicableTactics(
  tactics: readonly Tactic[],
  category: RiskCategory,
  scope: Scope,
): Tactic[] {
  return matchingMostSpecificFirst(
    tactics.filter((t) => t.active && t.category === category),
    scope,
    (t) => t.scope,
  );
}
