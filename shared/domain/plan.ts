import { z } from 'zod';
import { idSchema } from './ids.ts';
import { dateSchema, instantSchema } from './time.ts';
import type { Role } from './roles.ts';

/** Who may read a plan section: everyone (incl. outsourcers), own staff only, or management only. */
export const audienceSchema = z.enum(['everyone', 'staff', 'management']);
export type Audience = z.infer<typeof audienceSchema>;

export const TASK_STATUSES = ['not_started', 'in_progress', 'blocked', 'done'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, 'is too long');

export const kpiSchema = z.object({
  name: text(200),
  unit: text(40),
  target: z.number(),
});

/** A point at which execution is checked against the plan (ITCSCR508A: check-back). */
export const checkBackPointSchema = z.object({
  id: idSchema,
  title: text(200),
  dueDate: dateSchema,
  criteria: text(2000),
});
export type CheckBackPoint = z.infer<typeof checkBackPointSchema>;

export const executionTaskSchema = z.object({
  id: idSchema,
  title: text(200),
  ownerId: idSchema,
  dueDate: dateSchema,
  status: taskStatusSchema,
  kpi: kpiSchema,
  checkBackPoints: z.array(checkBackPointSchema).max(20),
});
export type ExecutionTask = z.infer<typeof executionTaskSchema>;

export const subStrategySchema = z.object({
  id: idSchema,
  title: text(200),
  summary: text(4000),
  audience: audienceSchema,
  tasks: z.array(executionTaskSchema).max(50),
});
export type SubStrategy = z.infer<typeof subStrategySchema>;

export const strategySchema = z.object({
  id: idSchema,
  title: text(200),
  summary: text(4000),
  audience: audienceSchema,
  subStrategies: z.array(subStrategySchema).max(30),
});
export type Strategy = z.infer<typeof strategySchema>;

/** A published version of the CRM strategy execution plan. Published versions never change. */
export const planVersionSchema = z.object({
  id: idSchema,
  version: z.number().int().positive(),
  title: text(200),
  changeNote: text(4000),
  /** An urgent change is shown prominently on every device until acknowledged. */
  isUrgent: z.boolean(),
  effectiveDate: dateSchema,
  nextReviewDue: dateSchema,
  publishedAt: instantSchema,
  publishedBy: idSchema,
  strategies: z.array(strategySchema).max(30),
});
export type PlanVersion = z.infer<typeof planVersionSchema>;

export function audiencesFor(role: Role): readonly Audience[] {
  switch (role) {
    case 'outsourcer':
      return ['everyone'];
    case 'frontline':
    case 'supervisor':
      return ['everyone', 'staff'];
    case 'manager':
    case 'auditor':
      return ['everyone', 'staff', 'management'];
  }
}

/**
 * The plan as a role may read it: sections outside the role's audiences are removed, so a device
 * never holds what its user may not see.
 */
export function planForRole(plan: PlanVersion, role: Role): PlanVersion {
  const allowed = new Set(audiencesFor(role));
  return {
    ...plan,
    strategies: plan.strategies
      .filter((s) => allowed.has(s.audience))
      .map((s) => ({
        ...s,
        subStrategies: s.subStrategies.filter((ss) => allowed.has(ss.audience)),
      })),
  };
}

export function findTask(plan: PlanVersion, taskId: string): ExecutionTask | undefined {
  for (const s of plan.strategies)
    for (const ss of s.subStrategies) for (const t of ss.tasks) if (t.id === taskId) return t;
  return undefined;
}
