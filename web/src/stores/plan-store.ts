import type { ExecutionTask, PlanVersion, TaskStatus } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { latestVersion, listDocs } from '../db/docs.ts';
import { liveRead } from '../db/live.ts';
import { getMeta } from '../db/meta.ts';
import type { MutationArgs } from '../db/rows.ts';
import { iso, requireSession, type StoreContext } from './context.ts';
import type { Readable } from './readable.ts';
import { writeRecord } from './record-write.ts';

/** One execution task I own in the current plan, with its latest reported status. */
export interface MyTask {
  readonly task: ExecutionTask;
  readonly planVersionId: string;
  readonly strategyTitle: string;
  readonly subStrategyTitle: string;
  /** The latest status I reported (on any device), else the plan's. */
  readonly status: TaskStatus;
  readonly note: string | null;
  readonly kpiActual: number | null;
}

export type TaskUpdateInput = Omit<MutationArgs<'task.update'>, 'id' | 'updatedAt'>;

export interface PlanStore {
  /** The current plan: the highest published version on the device, trimmed to my role. */
  readonly current: Readable<PlanVersion | null>;
  /** The current plan when I have not acknowledged it yet (show it prominently if `isUrgent`). */
  readonly unacknowledged: Readable<PlanVersion | null>;
  readonly myTasks: Readable<MyTask[]>;
  /** Confirms I read a plan version. Acknowledging twice records nothing new. */
  acknowledgePlan(planVersionId: string): Promise<{ id: string; isNew: boolean }>;
  /** Reports the status (and KPI actual) of a task I own. */
  updateTask(input: TaskUpdateInput): Promise<{ id: string }>;
}

/** My acknowledgements, on the device or pulled: plan version id → acknowledgement id. */
async function myAcknowledgements(db: FrontlineDb, userId: string): Promise<Map<string, string>> {
  const acks = new Map<string, string>();
  for (const a of await listDocs(db, 'acknowledgement'))
    if (a.recordedBy === userId) acks.set(a.planVersionId, a.id);
  for (const row of await db.local.where('name').equals('plan.acknowledge').toArray()) {
    if (row.name === 'plan.acknowledge' && row.userId === userId)
      acks.set(row.args.planVersionId, row.id);
  }
  return acks;
}

async function loadMyTasks(db: FrontlineDb, userId: string): Promise<MyTask[]> {
  const plan = await latestVersion(db, 'plan_version');
  if (!plan) return [];
  type Update = {
    taskId: string;
    status: TaskStatus;
    note: string;
    kpiActual: number | null;
    updatedAt: string;
  };
  const latest = new Map<string, Update>();
  const consider = (u: Update & { planVersionId: string }) => {
    const seen = latest.get(u.taskId);
    if (u.planVersionId === plan.id && (!seen || seen.updatedAt <= u.updatedAt))
      latest.set(u.taskId, u);
  };
  for (const u of await listDocs(db, 'task_update')) if (u.recordedBy === userId) consider(u);
  for (const row of await db.local.where('name').equals('task.update').toArray()) {
    if (row.name === 'task.update' && row.userId === userId) consider(row.args);
  }
  const tasks: MyTask[] = [];
  for (const s of plan.strategies)
    for (const ss of s.subStrategies)
      for (const task of ss.tasks) {
        if (task.ownerId !== userId) continue;
        const u = latest.get(task.id);
        tasks.push({
          task,
          planVersionId: plan.id,
          strategyTitle: s.title,
          subStrategyTitle: ss.title,
          status: u?.status ?? task.status,
          note: u?.note ?? null,
          kpiActual: u?.kpiActual ?? null,
        });
      }
  return tasks.sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate));
}

export function createPlanStore(ctx: StoreContext): PlanStore {
  const { db } = ctx;
  return {
    current: liveRead(() => latestVersion(db, 'plan_version')),
    unacknowledged: liveRead(async () => {
      const session = await getMeta(db, 'session');
      const plan = await latestVersion(db, 'plan_version');
      if (!session || !plan) return null;
      return (await myAcknowledgements(db, session.user.id)).has(plan.id) ? null : plan;
    }),
    myTasks: liveRead(async () => {
      const session = await getMeta(db, 'session');
      return session ? loadMyTasks(db, session.user.id) : [];
    }),
    async acknowledgePlan(planVersionId) {
      const session = await requireSession(db);
      const existing = (await myAcknowledgements(db, session.user.id)).get(planVersionId);
      if (existing !== undefined) return { id: existing, isNew: false };
      const record = await writeRecord(ctx, 'plan.acknowledge', ({ id, nowMs }) => ({
        id,
        planVersionId,
        acknowledgedAt: iso(nowMs),
      }));
      return { id: record.id, isNew: true };
    },
    async updateTask(input) {
      const record = await writeRecord(ctx, 'task.update', ({ id, nowMs }) => ({
        ...input,
        id,
        updatedAt: iso(nowMs),
      }));
      return { id: record.id };
    },
  };
}
