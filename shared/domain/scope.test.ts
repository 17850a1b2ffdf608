import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ANY,
  matchesScope,
  matchesValue,
  matchingMostSpecificFirst,
  scopePatternSchema,
  scopeSchema,
  specificity,
  type Scope,
  type ScopePattern,
} from './scope.ts';

const SCOPE: Scope = { product: 'broadband', segment: 'sme', region: 'kowloon_west' };
const pattern = (product: string, segment: string, region: string): ScopePattern => ({
  product,
  segment,
  region,
});

describe('matchesScope', () => {
  it('`*` matches any value; a code matches only itself', () => {
    expect(matchesValue(ANY, 'mobile')).toBe(true);
    expect(matchesValue('mobile', 'mobile')).toBe(true);
    expect(matchesValue('mobile', 'broadband')).toBe(false);
    expect(matchesValue('mobile', ANY)).toBe(false);
  });

  it('an all-`*` pattern matches every scope', () => {
    expect(matchesScope(pattern('*', '*', '*'), SCOPE)).toBe(true);
  });

  it('every pinned dimension must match', () => {
    expect(matchesScope(pattern('broadband', 'sme', 'kowloon_west'), SCOPE)).toBe(true);
    expect(matchesScope(pattern('broadband', '*', 'kowloon_west'), SCOPE)).toBe(true);
    expect(matchesScope(pattern('mobile', '*', '*'), SCOPE)).toBe(false);
    expect(matchesScope(pattern('*', 'consumer', '*'), SCOPE)).toBe(false);
    expect(matchesScope(pattern('*', '*', 'kowloon_east'), SCOPE)).toBe(false);
    expect(matchesScope(pattern('broadband', 'sme', 'kowloon_east'), SCOPE)).toBe(false);
  });
});

describe('specificity', () => {
  it.each([
    [pattern('*', '*', '*'), 0],
    [pattern('broadband', '*', '*'), 1],
    [pattern('*', '*', 'kowloon_west'), 1],
    [pattern('*', 'sme', 'kowloon_west'), 2],
    [pattern('broadband', 'sme', 'kowloon_west'), 3],
  ])('%o pins %i dimensions', (p, n) => {
    expect(specificity(p)).toBe(n);
  });
});

describe('matchingMostSpecificFirst', () => {
  interface Item {
    readonly name: string;
    readonly scope: ScopePattern;
  }
  const item = (name: string, scope: ScopePattern): Item => ({ name, scope });
  const names = (items: readonly Item[]) => items.map((i) => i.name);

  it('keeps only matching items, most specific first', () => {
    const items = [
      item('any', pattern('*', '*', '*')),
      item('exact', pattern('broadband', 'sme', 'kowloon_west')),
      item('other product', pattern('mobile', '*', '*')),
      item('product', pattern('broadband', '*', '*')),
      item('segment+region', pattern('*', 'sme', 'kowloon_west')),
    ];
    expect(names(matchingMostSpecificFirst(items, SCOPE, (i) => i.scope))).toEqual([
      'exact',
      'segment+region',
      'product',
      'any',
    ]);
  });

  it('equal specificity keeps the input order (stable tie-break)', () => {
    const items = [
      item('region', pattern('*', '*', 'kowloon_west')),
      item('any-1', pattern('*', '*', '*')),
      item('product', pattern('broadband', '*', '*')),
      item('any-2', pattern('*', '*', '*')),
      item('segment', pattern('*', 'sme', '*')),
    ];
    expect(names(matchingMostSpecificFirst(items, SCOPE, (i) => i.scope))).toEqual([
      'region',
      'product',
      'segment',
      'any-1',
      'any-2',
    ]);
    expect(names(matchingMostSpecificFirst([...items].reverse(), SCOPE, (i) => i.scope))).toEqual([
      'segment',
      'product',
      'region',
      'any-2',
      'any-1',
    ]);
  });

  it('returns an empty list when nothing matches, and does not mutate its input', () => {
    const items = Object.freeze([item('mobile', pattern('mobile', '*', '*'))]);
    expect(matchingMostSpecificFirst(items, SCOPE, (i) => i.scope)).toEqual([]);
    expect(items).toHaveLength(1);
  });

  it('property: exactly the matching items, non-increasing specificity, input order among equals', () => {
    const valueArb = (codes: readonly string[]) => fc.constantFrom(ANY, ...codes);
    const patternArb = fc.record({
      product: valueArb(['broadband', 'mobile']),
      segment: valueArb(['sme', 'consumer']),
      region: valueArb(['kowloon_west', 'kowloon_east']),
    });
    fc.assert(
      fc.property(fc.array(patternArb, { maxLength: 30 }), (patterns) => {
        const items = patterns.map((scope, index) => ({ index, scope }));
        const out = matchingMostSpecificFirst(items, SCOPE, (i) => i.scope);
        expect(out.map((i) => i.index).sort((a, b) => a - b)).toEqual(
          items.filter((i) => matchesScope(i.scope, SCOPE)).map((i) => i.index),
        );
        for (let k = 1; k < out.length; k++) {
          const prev = out[k - 1] as (typeof out)[number];
          const cur = out[k] as (typeof out)[number];
          const order = specificity(prev.scope) - specificity(cur.scope);
          expect(order).toBeGreaterThanOrEqual(0);
          if (order === 0) expect(prev.index).toBeLessThan(cur.index);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('scope schemas', () => {
  it('a concrete scope names a lower-case code in every dimension, never `*`', () => {
    expect(scopeSchema.safeParse(SCOPE).success).toBe(true);
    expect(scopeSchema.safeParse({ ...SCOPE, region: '*' }).success).toBe(false);
    expect(scopeSchema.safeParse({ ...SCOPE, product: 'Broadband' }).success).toBe(false);
    expect(scopeSchema.safeParse({ ...SCOPE, segment: '' }).success).toBe(false);
    expect(scopeSchema.safeParse({ ...SCOPE, segment: 'x'.repeat(41) }).success).toBe(false);
  });

  it('a pattern may use `*` in any dimension', () => {
    expect(scopePatternSchema.safeParse(pattern('*', '*', '*')).success).toBe(true);
    expect(scopePatternSchema.safeParse(pattern('broadband', '*', 'kowloon_west')).success).toBe(
      true,
    );
    expect(scopePatternSchema.safeParse(pattern('**', '*', '*')).success).toBe(false);
  });
});
