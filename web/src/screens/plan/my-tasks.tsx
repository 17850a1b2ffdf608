import { useState } from 'preact/hooks';
import { TASK_STATUSES, type TaskStatus } from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyTask } from '../../stores/plan-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Badge, Button, Card, NumberField, SelectField, TextareaField } from '../../ui/index.ts';
import { errorCodeOf, useLive } from '../common/use-stores.ts';

const STATUS_TONE = {
  not_started: 'neutral',
  in_progress: 'info',
  blocked: 'warning',
  done: 'success',
} as const satisfies Record<TaskStatus, string>;

/** A KPI actual as typed: empty is "not reported"; anything else must be a number. */
export function parseKpiActual(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return { ok: true, value: null };
  const value = Number(trimmed);
  return Number.isFinite(value) && /^-?\d*\.?\d+$/.test(trimmed)
    ? { ok: true, value }
    : { ok: false };
}

function TaskEditor({
  task,
  stores,
  canEdit,
}: {
  task: MyTask;
  stores: AppStores;
  canEdit: boolean;
}) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [note, setNote] = useState(task.note ?? '');
  const [kpi, setKpi] = useState(task.kpiActual === null ? '' : String(task.kpiActual));
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const parsedKpi = parseKpiActual(kpi);

  async function save(event: Event) {
    event.preventDefault();
    if (!parsedKpi.ok) return;
    setBusy(true);
    setMessage(null);
    try {
      await stores.plan.updateTask({
        planVersionId: task.planVersionId,
        taskId: task.task.id,
        status,
        note: note.trim(),
        kpiActual: parsedKpi.value,
      });
      setMessage({ isError: false, text: t('tasks.saved') });
    } catch (err) {
      setMessage({ isError: true, text: i18n.errorMessage(errorCodeOf(err)) });
    } finally {
      setBusy(false);
    }
  }

  const { kpi: target } = task.task;
  return (
    <Card title={task.task.title} level={3}>
      <p class="meta-line">
        <span>{`${task.strategyTitle} › ${task.subStrategyTitle}`}</span>
      </p>
      <p class="meta-line">
        <span>{t('plan.due', { date: i18n.day(task.task.dueDate) })}</span>
        <span>
          {t('plan.kpi', { name: target.name, target: String(target.target), unit: target.unit })}
        </span>
        <Badge tone={STATUS_TONE[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
      </p>
      {canEdit ? (
        <form class="stack stack--tight" onSubmit={save}>
          <SelectField
            label={t('tasks.status')}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
            value={status}
            onValue={setStatus}
          />
          <NumberField
            label={t('tasks.kpiActual', { unit: target.unit })}
            inputMode="decimal"
            value={kpi}
            onValue={setKpi}
            error={parsedKpi.ok ? null : t('tasks.kpiInvalid')}
          />
          <TextareaField
            label={t('tasks.note')}
            hint={t('field.optionalHint')}
            value={note}
            onValue={setNote}
            rows={2}
          />
          <Button type="submit" variant="secondary" isBusy={isBusy}>
            {t('tasks.save')}
          </Button>
          {message ? (
            <p class={message.isError ? 'field__error' : 'saved-note'} role="status">
              {message.text}
            </p>
          ) : null}
        </form>
      ) : null}
    </Card>
  );
}

export function MyTasks({ stores, canEdit }: { stores: AppStores; canEdit: boolean }) {
  const { t } = useAppState().i18n.value;
  const list = useLive(() => stores.plan.myTasks, [stores], null);
  if (!list || list.length === 0) return null;
  return (
    <section class="stack stack--tight" aria-labelledby="plan-my-tasks" id="my-tasks">
      <h2 id="plan-my-tasks" class="section-title">
        {t('tasks.title')}
      </h2>
      <p class="muted">{t('tasks.intro')}</p>
      {list.map((task) => (
        <TaskEditor key={task.task.id} task={task} stores={stores} canEdit={canEdit} />
      ))}
    </section>
  );
}
