import { RISK_CATEGORIES, type RiskCategory, type Tactic } from '../../../shared/index.ts';
import type { I18n } from '../i18n/index.ts';
import type { AppStores } from '../stores/app-stores.ts';
import type { SessionView } from '../stores/session-store.ts';
import { useAppState } from '../shell/app-state.ts';
import { EmptyState, SelectField, TacticCard } from '../ui/index.ts';
import { ScreenFrame } from './common/screen-frame.tsx';
import { ScopeFields } from './common/scope-fields.tsx';
import { scopeLabel, useReferenceLists, type ReferenceLists } from './common/reference.ts';
import { useDraftForm } from './common/use-draft-form.ts';
import { useLive } from './common/use-stores.ts';

/** The props of a tactic's card, in words. */
export function tacticCardProps(tactic: Tactic, lists: ReferenceLists, i18n: I18n) {
  const { t } = i18n;
  return {
    title: tactic.title,
    scopeLabel: scopeLabel(lists, tactic.scope, i18n.lang, t),
    steps: tactic.steps,
    offers:
      tactic.mayOffer.length > 0
        ? tactic.mayOffer.map((c) => t(`compensation.${c}`)).join(t('list.separator'))
        : null,
    offerNote: tactic.offerNote,
    escalation: t(`role.${tactic.escalateTo}`),
    escalationNote: tactic.escalationNote,
    labels: {
      steps: t('tactics.steps'),
      offers: t('tactics.mayOffer'),
      escalate: t('tactics.escalate'),
    },
  };
}

/** The tactics for a category and scope, most specific first, live; [] until all are chosen. */
export function useTactics(
  stores: AppStores,
  category: string,
  scope: { product: string; segment: string; region: string },
): Tactic[] | null {
  const isKnown =
    category !== '' && scope.product !== '' && scope.segment !== '' && scope.region !== '';
  return useLive(
    () =>
      isKnown
        ? stores.reference.tacticsFor(category as RiskCategory, {
            product: scope.product,
            segment: scope.segment,
            region: scope.region,
          })
        : null,
    [stores, isKnown, category, scope.product, scope.segment, scope.region],
    null,
  );
}

/** What to do for a risk category in a product / segment / region, most specific first. */
export function TacticsScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame title={t('tactics.title')} intro={t('tactics.intro')}>
      {({ stores, session }) => <TacticsBody stores={stores} session={session} />}
    </ScreenFrame>
  );
}

function TacticsBody({ stores, session }: { stores: AppStores; session: SessionView }) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const lists = useReferenceLists(stores.reference);
  // The last lookup is kept like a draft: the same shop, the same questions.
  const form = useDraftForm(stores.drafts, 'tactics-lookup', () => ({
    category: '',
    product: '',
    segment: '',
    region: session.user.regions[0] ?? '',
  }));
  const v = form.value;
  const tactics = useTactics(stores, v.category, v);
  return (
    <>
      <form
        class="tactics-lookup"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('tactics.lookup')}
      >
        <SelectField
          label={t('incident.category')}
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          value={v.category}
          onValue={(category) => form.update({ category })}
          placeholder={t('field.choose')}
        />
        <ScopeFields lists={lists} value={v} onChange={form.update} />
      </form>
      <section class="stack" aria-labelledby="tactics-results">
        <h2 id="tactics-results" class="section-title">
          {t('tactics.results')}
        </h2>
        {tactics === null ? (
          <p class="muted" role="status">
            {t('tactics.chooseAll')}
          </p>
        ) : tactics.length === 0 ? (
          <EmptyState icon="tactics" title={t('tactics.none')} body={t('tactics.noneBody')} />
        ) : (
          <>
            <p class="muted" role="status">
              {t('tactics.count', { count: tactics.length })}
            </p>
            {tactics.map((tactic) => (
              <TacticCard key={tactic.id} level={3} {...tacticCardProps(tactic, lists, i18n)} />
            ))}
          </>
        )}
      </section>
    </>
  );
}
