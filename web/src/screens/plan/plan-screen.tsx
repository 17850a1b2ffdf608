import { useState } from 'preact/hooks';
import { canWrite, type PlanVersion, type Role } from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { Badge, EmptyState, TextField } from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { MyTasks } from './my-tasks.tsx';
import { PlanAcknowledgement } from './plan-acknowledgement.tsx';
import { filterPlan } from './plan-filter.ts';

/** Today in Hong Kong as `YYYY-MM-DD`, to compare with the plan's dates. */
const hkToday = (nowMs: number) => new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The current plan version as the server trimmed it for my role: strategies → sub-strategies →
 * tasks → check-back points, a search over all of it, acknowledging this version, and my own
 * tasks with their status.
 */
export function PlanScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame title={t('plan.title')}>
      {({ stores, session }) => <PlanBody stores={stores} role={session.user.role} />}
    </ScreenFrame>
  );
}

function PlanBody({ stores, role }: { stores: AppStores; role: Role }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const plan = state.plan.value;
  if (plan === undefined) return null;
  if (plan === null) {
    return <EmptyState icon="plan" title={t('plan.none')} body={t('plan.noneBody')} />;
  }
  const isOverdue = plan.nextReviewDue < hkToday(state.nowMs.value);
  return (
    <>
      <div class="stack stack--tight">
        <p class="lead">
          <strong>{plan.title}</strong>
        </p>
        <p class="meta-line">
          <span>{t('plan.version', { version: plan.version })}</span>
          <span>{t('plan.effective', { date: i18n.day(plan.effectiveDate) })}</span>
          <span>{t('plan.nextReview', { date: i18n.day(plan.nextReviewDue) })}</span>
          {isOverdue ? <Badge tone="warning">{t('plan.reviewOverdue')}</Badge> : null}
        </p>
      </div>
      <PlanAcknowledgement stores={stores} canAcknowledge={canWrite(role)} isOnPlan />
      <MyTasks stores={stores} canEdit={canWrite(role)} />
      <PlanContents plan={plan} role={role} />
    </>
  );
}

function PlanContents({ plan, role }: { plan: PlanVersion; role: Role }) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const strategies = filterPlan(plan, query);
  const isSearching = query.trim() !== '';
  // Outsourcers only ever get sections for everyone: the label would say nothing to them.
  const showAudience = role !== 'outsourcer';
  const mayGiveFeedback = canWrite(role);
  return (
    <section class="stack stack--tight" aria-labelledby="plan-contents">
      <h2 id="plan-contents" class="section-title">
        {t('plan.contents')}
      </h2>
      <div role="search">
        <TextField
          type="search"
          label={t('plan.search')}
          hint={t('plan.searchHint')}
          value={query}
          onValue={setQuery}
          autoComplete="off"
        />
      </div>
      <p class="muted" role="status">
        {isSearching
          ? t('plan.searchResults', { count: strategies.length })
          : t('plan.strategyCount', { count: strategies.length })}
      </p>
      {strategies.map((strategy, index) => (
        <details
          key={`${strategy.id}-${isSearching ? 'search' : 'all'}`}
          class="section"
          open={isSearching || index === 0}
        >
          <summary>
            <h3 class="strategy-title">{strategy.title}</h3>
          </summary>
          <div class="section__body">
            <p>{strategy.summary}</p>
            {showAudience ? (
              <p class="meta-line">
                <span>{t('plan.audience', { audience: t(`audience.${strategy.audience}`) })}</span>
              </p>
            ) : null}
            {mayGiveFeedback ? (
              <a href={hrefTo(`/record/feedback/${strategy.id}`)}>{t('plan.feedbackOnSection')}</a>
            ) : null}
            {strategy.subStrategies.map((ss) => (
              <section key={ss.id} class="sub-strategy">
                <h4>{ss.title}</h4>
                <p>{ss.summary}</p>
                {showAudience && ss.audience !== strategy.audience ? (
                  <p class="meta-line">
                    <span>{t('plan.audience', { audience: t(`audience.${ss.audience}`) })}</span>
                  </p>
                ) : null}
                {ss.tasks.map((task) => (
                  <div key={task.id} class="task">
                    <h5>{task.title}</h5>
                    <p class="meta-line">
                      <span>{t('plan.due', { date: i18n.day(task.dueDate) })}</span>
                      <span>
                        {t('plan.kpi', {
                          name: task.kpi.name,
                          target: String(task.kpi.target),
                          unit: task.kpi.unit,
                        })}
                      </span>
                      <span>{t(`taskStatus.${task.status}`)}</span>
                    </p>
                    {task.checkBackPoints.length > 0 ? (
                      <>
                        <p class="task__label">{t('plan.checkBacks')}</p>
                        <ul>
                          {task.checkBackPoints.map((c) => (
                            <li key={c.id}>
                              <strong>{c.title}</strong>
                              {` · ${i18n.day(c.dueDate)} · ${c.criteria}`}
                            </li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                  </div>
                ))}
                {mayGiveFeedback ? (
                  <a href={hrefTo(`/record/feedback/${ss.id}`)}>{t('plan.feedbackOnSection')}</a>
                ) : null}
              </section>
            ))}
          </div>
        </details>
      ))}
    </section>
  );
}
