import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { Badge, Banner, Button, LinkButton } from '../../ui/index.ts';
import { useAction } from '../common/use-action.ts';

export interface PlanAcknowledgementProps {
  readonly stores: AppStores;
  /** An auditor reads but records nothing, acknowledgements included. */
  readonly canAcknowledge: boolean;
  /** On the plan screen itself: no "Read the plan" link, and say so once acknowledged. */
  readonly isOnPlan?: boolean;
}

/**
 * The current plan version waiting for "I have read it": an urgent change loud and first, an
 * ordinary new version as a notice. Acknowledging works offline and syncs later.
 */
export function PlanAcknowledgement({
  stores,
  canAcknowledge,
  isOnPlan,
}: PlanAcknowledgementProps) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const plan = state.unacknowledgedPlan.value;
  const current = state.plan.value;
  const { isBusy, problem: error, run } = useAction();

  // Whoever cannot record (an auditor) reads the plan but is not asked to acknowledge it.
  if (!canAcknowledge) return null;
  if (!plan) {
    return isOnPlan && current ? (
      <p>
        <Badge tone="success">{t('plan.acknowledged', { version: current.version })}</Badge>
      </p>
    ) : null;
  }

  async function acknowledge() {
    if (!plan || !(await run(() => stores.plan.acknowledgePlan(plan.id)))) return;
    // Saved for good: say so now rather than when the live read next catches up (it can lag
    // behind a write in Chromium while Dexie's query cache is on; see the screens' notes).
    if (state.unacknowledgedPlan.value?.id === plan.id) state.unacknowledgedPlan.value = null;
  }

  return (
    <Banner
      tone={plan.isUrgent ? 'danger' : 'info'}
      title={
        plan.isUrgent
          ? t('plan.urgentTitle', { version: plan.version })
          : t('plan.newVersionTitle', { version: plan.version })
      }
      actions={
        <>
          <Button onClick={() => void acknowledge()} isBusy={isBusy}>
            {t('plan.acknowledge')}
          </Button>
          {isOnPlan ? null : (
            <LinkButton href={hrefTo('/plan')} variant="secondary">
              {t('plan.read')}
            </LinkButton>
          )}
        </>
      }
    >
      <p>{plan.changeNote}</p>
      <p class="muted">{t('plan.effective', { date: i18n.day(plan.effectiveDate) })}</p>
      {error ? <p class="field__error">{error}</p> : null}
    </Banner>
  );
}
