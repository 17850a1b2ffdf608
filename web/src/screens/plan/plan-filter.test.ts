import { describe, expect, it } from 'vitest';
import type { PlanVersion } from '../../../../shared/index.ts';
import { filterPlan, planSections } from './plan-filter.ts';

const id = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const task = (n: number, title: string, kpi: string, criteria: string) => ({
  id: id(n),
  title,
  ownerId: id(99),
  dueDate: '2026-12-01',
  status: 'not_started' as const,
  kpi: { name: kpi, unit: '%', target: 90 },
  checkBackPoints: [{ id: id(n + 50), title: 'Monthly check', dueDate: '2026-12-01', criteria }],
});

const PLAN: PlanVersion = {
  id: id(1),
  version: 3,
  title: 'CRM plan',
  changeNote: 'New',
  isUrgent: false,
  effectiveDate: '2026-11-01',
  nextReviewDue: '2027-01-01',
  publishedAt: '2026-11-01T00:00:00.000Z',
  publishedBy: id(98),
  strategies: [
    {
      id: id(10),
      title: 'Keep customers through service recovery',
      summary: 'Fast and fair.',
      audience: 'everyone',
      subStrategies: [
        {
          id: id(11),
          title: 'Recover on the spot',
          summary: 'Within the limits.',
          audience: 'everyone',
          tasks: [task(12, 'Train shop staff', 'Staff trained', 'All shops done')],
        },
        {
          id: id(13),
          title: 'Call back escalations',
          summary: 'Within 24 hours.',
          audience: 'staff',
          tasks: [task(14, 'Set up call-back rota', 'Calls within 24h', 'Rota in place')],
        },
      ],
    },
    {
      id: id(20),
      title: 'Make outsourced installation reliable',
      summary: 'Contractors keep appointments.',
      audience: 'everyone',
      subStrategies: [],
    },
  ],
};

describe('searching the plan', () => {
  it('keeps everything for an empty search', () => {
    expect(filterPlan(PLAN, '  ')).toBe(PLAN.strategies);
  });

  it('keeps a whole strategy whose title matches', () => {
    const found = filterPlan(PLAN, 'OUTSOURCED');
    expect(found.map((s) => s.id)).toEqual([id(20)]);
  });

  it('narrows a strategy to the sub-strategies whose tasks or check-backs match', () => {
    const found = filterPlan(PLAN, 'rota');
    expect(found).toHaveLength(1);
    expect(found[0]?.subStrategies.map((ss) => ss.id)).toEqual([id(13)]);
    expect(filterPlan(PLAN, 'shops done')[0]?.subStrategies.map((ss) => ss.id)).toEqual([id(11)]);
  });

  it('needs every word to match', () => {
    expect(filterPlan(PLAN, 'rota trained')).toEqual([]);
    expect(filterPlan(PLAN, 'recovery rota')[0]?.subStrategies.map((ss) => ss.id)).toEqual([
      id(13),
    ]);
  });

  it('lists every section for feedback, sub-strategies under their strategy', () => {
    expect(planSections(PLAN).map((s) => [s.id, s.depth])).toEqual([
      [id(10), 0],
      [id(11), 1],
      [id(13), 1],
      [id(20), 0],
    ]);
  });
});
