import { z } from 'zod';

/** `*` in a scope dimension means "any". */
export const ANY = '*';

/** A code in one of the managed scope lists, e.g. `kowloon_east`. */
export const scopeCodeSchema = z
  .string()
  .min(1, 'is required')
  .max(40, 'is too long')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case code');

/** A concrete scope: where something happened. Every dimension names a code from its list. */
export const scopeSchema = z.object({
  product: scopeCodeSchema,
  segment: scopeCodeSchema,
  region: scopeCodeSchema,
});
export type Scope = z.infer<typeof scopeSchema>;

/** One dimension of a pattern: a code or `*`. */
export const scopeValuePatternSchema = z.union([z.literal(ANY), scopeCodeSchema]);

/** A scope pattern: what a tactic or limit rule applies to; each dimension may be `*`. */
export const scopePatternSchema = z.object({
  product: scopeValuePatternSchema,
  segment: scopeValuePatternSchema,
  region: scopeValuePatternSchema,
});
export type ScopePattern = z.infer<typeof scopePatternSchema>;

export const SCOPE_DIMENSIONS = ['product', 'segment', 'region'] as const;
export type ScopeDimension = (typeof SCOPE_DIMENSIONS)[number];

/** Whether a pattern value (`*` or a code) matches a concrete value. */
export function matchesValue(pattern: string, value: string): boolean {
  return pattern === ANY || pattern === value;
}

export function matchesScope(pattern: ScopePattern, scope: Scope): boolean {
  return SCOPE_DIMENSIONS.every((d) => matchesValue(pattern[d], scope[d]));
}

/** How many dimensions a pattern pins down: 0 (all `*`) to 3. */
export function specificity(pattern: ScopePattern): number {
  return SCOPE_DIMENSIONS.filter((d) => pattern[d] !== ANY).length;
}

/**
 * The items whose pattern matches `scope`, most specific first. Equal specificity keeps the
 * input order, so callers can pre-sort by their own tie-break.
 */
export function matchingMostSpecificFirst<T>(
  items: readonly T[],
  scope: Scope,
  patternOf: (item: T) => ScopePattern,
): T[] {
  return items
    .filter((item) => matchesScope(patternOf(item), scope))
    .map((item, index) => ({ item, index, rank: specificity(patternOf(item)) }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .map((x) => x.item);
}

export const referenceKindSchema = z.enum(['product', 'segment', 'region']);
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

/** One entry of a managed scope list (a product type, customer segment or region). */
export const referenceItemSchema = z.object({
  id: z.string(),
  kind: referenceKindSchema,
  code: scopeCodeSchema,
  name: z.object({ en: z.string().min(1), zhHK: z.string().min(1) }),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ReferenceItem = z.infer<typeof referenceItemSchema>;
