import { COMPETITOR_ACTION_TYPES, type CompetitorActionInput } from '../../../../shared/index.ts';
import { fromHkLocalInput, toHkLocalInput } from '../../format/hk-local-input.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { SessionView } from '../../stores/session-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import {
  Button,
  CheckboxGroupField,
  ChoiceField,
  LinkButton,
  NumberField,
  SelectField,
  Skeleton,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { nameOf, useReferenceLists } from '../common/reference.ts';
import { SavedPanel, WhenField } from './form-parts.tsx';
import {
  chosen,
  hasProblems,
  pastTimeProblem,
  personalDataWarning,
  requiredText,
  type Problem,
} from './validate.ts';
import { RecordFormFrame, SavedWhere, useRecordForm } from './use-record-form.tsx';

export const COMPETITOR_DRAFT = 'competitor';

function blankCompetitor(session: SessionView, nowMs: number) {
  return {
    competitor: '',
    actionType: '',
    description: '',
    region: session.user.regions.length === 1 ? (session.user.regions[0] ?? '') : '',
    products: [] as readonly string[],
    segments: [] as readonly string[],
    seenAt: toHkLocalInput(nowMs),
    predictedImpact: '',
    customersAtRisk: '',
  };
}
type CompetitorForm = ReturnType<typeof blankCompetitor>;

const FIELD_OF_STORE = {
  'args.competitor': 'competitor',
  'args.actionType': 'actionType',
  'args.description': 'description',
  'args.region': 'region',
  'args.products': 'products',
  'args.segments': 'segments',
  'args.seenAt': 'seenAt',
  'args.predictedImpact': 'predictedImpact',
  'args.customersAtRisk': 'customersAtRisk',
} as const satisfies Record<string, keyof CompetitorForm>;

const WHOLE_NUMBER = /^\d{1,8}$/;

function checkCompetitor(v: CompetitorForm, nowMs: number): Record<keyof CompetitorForm, Problem> {
  const atRisk = v.customersAtRisk.trim().replace(/,/g, '');
  return {
    competitor: requiredText(v.competitor, 120),
    actionType: chosen(v.actionType),
    description: requiredText(v.description),
    region: chosen(v.region),
    products: v.products.length === 0 ? 'form.chooseOne' : null,
    segments: null,
    seenAt: pastTimeProblem(v.seenAt, nowMs),
    predictedImpact: chosen(v.predictedImpact),
    customersAtRisk: atRisk === '' || WHOLE_NUMBER.test(atRisk) ? null : 'form.wholeNumber',
  };
}

/** What a competitor did, where, for which products: reported the same day (plan strategy 3). */
export function CompetitorScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('record.competitorTitle')}
      intro={t('competitor.intro')}
      back={{ href: hrefTo('/record'), label: t('nav.record') }}
    >
      {({ stores, session }) => <CompetitorFormView stores={stores} session={session} />}
    </ScreenFrame>
  );
}

function CompetitorFormView({ stores, session }: { stores: AppStores; session: SessionView }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t, lang } = i18n;
  const record = useRecordForm<CompetitorForm, { id: string }>(
    stores.drafts,
    COMPETITOR_DRAFT,
    () => blankCompetitor(session, Date.now()),
    FIELD_OF_STORE,
  );
  const { form, saved, setSaved, update } = record;
  const lists = useReferenceLists(stores.reference);
  const v = form.value;

  if (saved) {
    return (
      <SavedPanel
        title={t('competitor.saved')}
        actions={
          <>
            <Button isBlock onClick={() => setSaved(null)}>
              {t('competitor.another')}
            </Button>
            <LinkButton href={hrefTo(`/records/${saved.id}`)} variant="secondary" isBlock>
              {t('form.viewRecord')}
            </LinkButton>
          </>
        }
      >
        <SavedWhere />
      </SavedPanel>
    );
  }
  if (!form.isLoaded) return <Skeleton label={t('app.loading')} />;

  const { errorOf } = record.errorsOf(checkCompetitor(v, state.nowMs.value));
  const textWarning = personalDataWarning(v.description);
  const regions =
    session.user.regions.length > 0
      ? lists.region.filter((r) => session.user.regions.includes(r.code))
      : lists.region;

  const submit = (event: Event) =>
    record.submit(
      event,
      () => {
        if (hasProblems(checkCompetitor(v, Date.now()))) return null;
        const atRisk = v.customersAtRisk.trim().replace(/,/g, '');
        return {
          competitor: v.competitor.trim(),
          actionType: v.actionType as CompetitorActionInput['actionType'],
          description: v.description.trim(),
          region: v.region,
          products: [...v.products],
          segments: [...v.segments],
          seenAt: new Date(fromHkLocalInput(v.seenAt) ?? Date.now()).toISOString(),
          predictedImpact: v.predictedImpact as CompetitorActionInput['predictedImpact'],
          customersAtRisk: atRisk === '' ? null : Number(atRisk),
        };
      },
      (args) => stores.records.recordCompetitorAction(args, { draftKey: COMPETITOR_DRAFT }),
    );

  return (
    <RecordFormFrame record={record} onSubmit={submit} submitLabel={t('competitor.save')}>
      <TextField
        label={t('competitor.competitor')}
        hint={t('competitor.competitorHint')}
        value={v.competitor}
        onValue={(competitor) => update({ competitor })}
        isRequired
        requiredMarker={t('field.required')}
        maxLength={120}
        error={errorOf('competitor')}
      />
      <SelectField
        label={t('competitor.actionType')}
        options={COMPETITOR_ACTION_TYPES.map((a) => ({
          value: a,
          label: t(`competitorAction.${a}`),
        }))}
        value={v.actionType}
        onValue={(actionType) => update({ actionType })}
        placeholder={t('field.choose')}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('actionType')}
      />
      <TextareaField
        label={t('competitor.description')}
        hint={t('competitor.descriptionHint')}
        value={v.description}
        onValue={(description) => update({ description })}
        isRequired
        requiredMarker={t('field.required')}
        maxLength={4000}
        rows={4}
        warning={textWarning ? t(`privacy.${textWarning}`) : null}
        error={errorOf('description')}
      />
      <SelectField
        label={t('scope.region')}
        options={regions.map((r) => ({ value: r.code, label: nameOf(r, lang) }))}
        value={v.region}
        onValue={(region) => update({ region })}
        placeholder={t('field.choose')}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('region')}
      />
      <CheckboxGroupField
        legend={t('competitor.products')}
        options={lists.product.map((p) => ({ value: p.code, label: nameOf(p, lang) }))}
        values={v.products}
        onValues={(products) => update({ products })}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('products')}
      />
      <CheckboxGroupField
        legend={t('competitor.segments')}
        hint={t('competitor.segmentsHint')}
        options={lists.segment.map((s) => ({ value: s.code, label: nameOf(s, lang) }))}
        values={v.segments}
        onValues={(segments) => update({ segments })}
        error={errorOf('segments')}
      />
      <WhenField
        label={t('competitor.seenAt')}
        value={v.seenAt}
        onValue={(seenAt) => update({ seenAt })}
        error={errorOf('seenAt')}
      />
      <ChoiceField
        legend={t('competitor.impact')}
        hint={t('competitor.impactHint')}
        options={(['low', 'medium', 'high'] as const).map((i) => ({
          value: i,
          label: t(`impact.${i}`),
        }))}
        value={v.predictedImpact}
        onValue={(predictedImpact) => update({ predictedImpact })}
        isSegmented
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('predictedImpact')}
      />
      <NumberField
        label={t('competitor.customersAtRisk')}
        hint={t('competitor.customersAtRiskHint')}
        inputMode="numeric"
        value={v.customersAtRisk}
        onValue={(customersAtRisk) => update({ customersAtRisk })}
        error={errorOf('customersAtRisk')}
      />
    </RecordFormFrame>
  );
}
