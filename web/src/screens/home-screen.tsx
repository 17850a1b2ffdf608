import { canWrite } from '../../../shared/index.ts';
import type { AppStores } from '../stores/app-stores.ts';
import { useAppState } from '../shell/app-state.ts';
import { hrefTo } from '../shell/router.ts';
import { Card, Icon, LinkButton, List } from '../ui/index.ts';
import { PlanAcknowledgement } from './plan/plan-acknowledgement.tsx';
import { RecordRow } from './records/record-row.tsx';
import { recoveryStatusOf } from './records/record-summary.ts';
import { ScreenFrame } from './common/screen-frame.tsx';
import { useLive } from './common/use-stores.ts';

const RECENT = 5;

/**
 * What needs me: the plan version to acknowledge (an urgent change first and loud), records the
 * server refused, compensation waiting for approval, my open tasks, then my recent records.
 */
export function HomeScreen() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const session = state.session.value;
  return (
    <ScreenFrame
      title={t('home.title')}
      intro={session ? t('home.hello', { name: session.user.displayName }) : undefined}
    >
      {({ stores, session }) => (
        <HomeBody stores={stores} mayRecord={canWrite(session.user.role)} />
      )}
    </ScreenFrame>
  );
}

function HomeBody({ stores, mayRecord }: { stores: AppStores; mayRecord: boolean }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const plan = state.plan.value ?? null;
  const records = useLive(() => stores.records.mine, [stores], null);
  const tasks = useLive(() => stores.plan.myTasks, [stores], []);
  const needsAttention = (records ?? []).filter((r) => r.syncState === 'needs_attention');
  const awaiting = (records ?? []).filter(
    (r) => r.name === 'recovery.record' && recoveryStatusOf(r) === 'awaiting_approval',
  );
  const openTasks = tasks.filter((task) => task.status !== 'done');
  const recent = (records ?? []).slice(0, RECENT);

  return (
    <>
      <PlanAcknowledgement stores={stores} canAcknowledge={mayRecord} />

      {state.inbox.value && state.inbox.value.count > 0 ? (
        <LinkButton href={hrefTo('/approvals')} isBlock>
          <Icon name="approvals" />
          {t('home.approvalsWaiting', { count: state.inbox.value.count })}
        </LinkButton>
      ) : null}

      {mayRecord ? (
        <div class="action-grid">
          <LinkButton href={hrefTo('/record/incident')} variant="secondary">
            <Icon name="incident" />
            {t('record.incidentTitle')}
          </LinkButton>
          <LinkButton href={hrefTo('/record/recovery')} variant="secondary">
            <Icon name="recovery" />
            {t('record.recoveryTitle')}
          </LinkButton>
        </div>
      ) : null}

      <section class="stack stack--tight" aria-labelledby="home-attention">
        <h2 id="home-attention" class="section-title">
          {t('home.needsAttention')}
        </h2>
        {records === null ? (
          <p class="muted">{t('app.loading')}</p>
        ) : needsAttention.length === 0 ? (
          <p class="muted">{t('home.nothingNeedsAttention')}</p>
        ) : (
          <List>
            {needsAttention.map((r) => (
              <RecordRow key={r.id} record={r} i18n={i18n} plan={plan} />
            ))}
          </List>
        )}
      </section>

      {awaiting.length > 0 ? (
        <section class="stack stack--tight" aria-labelledby="home-awaiting">
          <h2 id="home-awaiting" class="section-title">
            {t('home.awaitingApproval')}
          </h2>
          <p class="muted">{t('home.awaitingApprovalHint')}</p>
          <List>
            {awaiting.map((r) => (
              <RecordRow key={r.id} record={r} i18n={i18n} plan={plan} />
            ))}
          </List>
        </section>
      ) : null}

      {openTasks.length > 0 ? (
        <Card title={t('home.myTasks')}>
          <p>{t('home.openTasks', { count: openTasks.length })}</p>
          {openTasks[0] ? (
            <p class="muted">
              {t('home.nextTask', {
                title: openTasks[0].task.title,
                due: i18n.day(openTasks[0].task.dueDate),
              })}
            </p>
          ) : null}
          <LinkButton href={hrefTo('/plan')} variant="secondary">
            {t('home.openMyTasks')}
          </LinkButton>
        </Card>
      ) : null}

      <section class="stack stack--tight" aria-labelledby="home-recent">
        <h2 id="home-recent" class="section-title">
          {t('home.recent')}
        </h2>
        {records === null ? null : recent.length === 0 ? (
          <p class="muted">{t('home.noRecords')}</p>
        ) : (
          <>
            <List>
              {recent.map((r) => (
                <RecordRow key={r.id} record={r} i18n={i18n} plan={plan} />
              ))}
            </List>
            <LinkButton href={hrefTo('/records')} variant="ghost">
              {t('home.allRecords')}
            </LinkButton>
          </>
        )}
      </section>
    </>
  );
}
