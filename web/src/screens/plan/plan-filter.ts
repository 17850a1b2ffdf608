import type { PlanVersion, Strategy, SubStrategy } from '../../../../shared/index.ts';

/** The words of a search, lower-cased; every one must appear for a section to match. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const matchesAll = (terms: readonly string[], ...texts: string[]) => {
  const haystack = texts.join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
};

function subStrategyText(ss: SubStrategy): string[] {
  return [
    ss.title,
    ss.summary,
    ...ss.tasks.flatMap((task) => [
      task.title,
      task.kpi.name,
      ...task.checkBackPoints.flatMap((c) => [c.title, c.criteria]),
    ]),
  ];
}

/**
 * The strategies of a plan that match a search, keeping only their matching sub-strategies
 * (all of them when the strategy itself matches). An empty search keeps everything.
 */
export function filterPlan(plan: PlanVersion, query: string): Strategy[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return plan.strategies;
  const found: Strategy[] = [];
  for (const strategy of plan.strategies) {
    if (matchesAll(terms, strategy.title, strategy.summary)) {
      found.push(strategy);
      continue;
    }
    const subStrategies = strategy.subStrategies.filter((ss) =>
      matchesAll(terms, strategy.title, ...subStrategyText(ss)),
    );
    if (subStrategies.length > 0) found.push({ ...strategy, subStrategies });
  }
  return found;
}

/** Strategies and sub-strategies as one list, for "feedback on a section" pickers. */
export function planSections(
  plan: PlanVersion,
): { readonly id: string; readonly title: string; readonly depth: 0 | 1 }[] {
  return plan.strategies.flatMap((s) => [
    { id: s.id, title: s.title, depth: 0 as const },
    ...s.subStrategies.map((ss) => ({ id: ss.id, title: ss.title, depth: 1 as const })),
  ]);
}
