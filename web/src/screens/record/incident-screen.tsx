import { RISK_CATEGORIES, type RiskCategory } from '../../../../shared/index.ts';
import { fromHkLocalInput, toHkLocalInput } from '../../format/hk-local-input.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { SessionView } from '../../stores/session-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import {
  Button,
  LinkButton,
  SelectField,
  Skeleton,
  TacticCard,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { ScopeFields } from '../common/scope-fields.tsx';
import { useReferenceLists } from '../common/reference.ts';
import { useLive } from '../common/use-stores.ts';
import { tacticCardProps, useTactics } from '../tactics-screen.tsx';
import { SavedPanel, SeverityFields, WhenField } from './form-parts.tsx';
import { LocationField, locationOf, NO_LOCATION } from './location-field.tsx';
import { PhotoField } from './photo-field.tsx';
import {
  chosen,
  customerRefProblem,
  hasProblems,
  pastTimeProblem,
  personalDataWarning,
  requiredText,
  type Problem,
} from './validate.ts';
import { RecordFormFrame, SavedWhere, useRecordForm } from './use-record-form.tsx';

/** The draft of this form (drafts store key; the record's write clears it). */
export const INCIDENT_DRAFT = 'incident';

function blankIncident(session: SessionView, nowMs: number) {
  return {
    category: '',
    product: '',
    segment: '',
    region: session.user.regions.length === 1 ? (session.user.regions[0] ?? '') : '',
    customerRef: '',
    // An outsourcer records for their own organisation (the server refuses any other).
    partyId: session.user.role === 'outsourcer' ? (session.user.orgId ?? '') : '',
    occurredAt: toHkLocalInput(nowMs),
    description: '',
    likelihood: '',
    impact: '',
    riskId: '',
    ...NO_LOCATION,
    // Ids of photos already stored on the phone: the draft keeps them (SY20).
    photoIds: [] as readonly string[],
  };
}
type IncidentForm = ReturnType<typeof blankIncident>;

const FIELD_OF_STORE = {
  'args.category': 'category',
  'args.scope.product': 'product',
  'args.scope.segment': 'segment',
  'args.scope.region': 'region',
  'args.customerRef': 'customerRef',
  'args.outsourcingPartyId': 'partyId',
  'args.occurredAt': 'occurredAt',
  'args.description': 'description',
  'args.severity.likelihood': 'likelihood',
  'args.severity.impact': 'impact',
  'args.riskId': 'riskId',
  'args.location.lat': 'lat',
  'args.location.lng': 'lng',
  'args.location.accuracyM': 'accuracyM',
} as const satisfies Record<string, keyof IncidentForm>;

export function checkIncident(v: IncidentForm, nowMs: number): Record<keyof IncidentForm, Problem> {
  return {
    category: chosen(v.category),
    product: chosen(v.product),
    segment: chosen(v.segment),
    region: chosen(v.region),
    customerRef: customerRefProblem(v.customerRef, false),
    partyId: null,
    occurredAt: pastTimeProblem(v.occurredAt, nowMs),
    description: requiredText(v.description),
    likelihood: chosen(v.likelihood),
    impact: chosen(v.impact),
    riskId: null,
    lat: null,
    lng: null,
    accuracyM: null,
    photoIds: null,
  };
}

/** Record a risk incident: saved on the phone at once, sent when there is a connection. */
export function IncidentScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('record.incidentTitle')}
      intro={t('incident.intro')}
      back={{ href: hrefTo('/record'), label: t('nav.record') }}
    >
      {({ stores, session }) => <IncidentForm stores={stores} session={session} />}
    </ScreenFrame>
  );
}

function IncidentForm({ stores, session }: { stores: AppStores; session: SessionView }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const record = useRecordForm<IncidentForm, { id: string }>(
    stores.drafts,
    INCIDENT_DRAFT,
    () => blankIncident(session, Date.now()),
    FIELD_OF_STORE,
  );
  const { form, saved, setSaved, update, isSubmitted } = record;
  const lists = useReferenceLists(stores.reference);
  const parties = useLive(() => stores.reference.outsourcingParties, [stores], []);
  const risks = useLive(() => stores.reference.risks, [stores], []);
  const v = form.value;
  const tactics = useTactics(stores, v.category, v);

  if (saved) {
    return (
      <SavedPanel
        title={t('incident.saved')}
        actions={
          <>
            <LinkButton href={hrefTo(`/record/recovery/${saved.id}`)} isBlock>
              {t('incident.recordRecovery')}
            </LinkButton>
            <Button variant="secondary" isBlock onClick={() => setSaved(null)}>
              {t('incident.another')}
            </Button>
            <LinkButton href={hrefTo(`/records/${saved.id}`)} variant="ghost" isBlock>
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

  const problems = checkIncident(v, state.nowMs.value);
  const { shownField, errorOf } = record.errorsOf(problems);
  const isOutsourcer = session.user.role === 'outsourcer';
  const partyOptions = parties
    .filter((p) => !isOutsourcer || p.id === session.user.orgId)
    .map((p) => ({ value: p.id, label: p.name }));
  const riskOptions = risks
    .filter((r) => v.category === '' || r.category === v.category)
    .map((r) => ({ value: r.id, label: r.title }));
  const refWarning = personalDataWarning(v.customerRef);
  const textWarning = personalDataWarning(v.description);

  const submit = (event: Event) =>
    record.submit(
      event,
      () =>
        hasProblems(checkIncident(v, Date.now()))
          ? null
          : {
              category: v.category as RiskCategory,
              description: v.description.trim(),
              scope: { product: v.product, segment: v.segment, region: v.region },
              customerRef: v.customerRef.trim() === '' ? null : v.customerRef.trim(),
              outsourcingPartyId: v.partyId === '' ? null : v.partyId,
              occurredAt: new Date(fromHkLocalInput(v.occurredAt) ?? Date.now()).toISOString(),
              location: locationOf(v),
              photoIds: [...v.photoIds],
              severity: { likelihood: Number(v.likelihood), impact: Number(v.impact) },
              tacticIdsShown: (tactics ?? []).map((tactic) => tactic.id),
              riskId: v.riskId === '' ? null : v.riskId,
            },
      (args) => stores.records.recordIncident(args, { draftKey: INCIDENT_DRAFT }),
    );

  return (
    <RecordFormFrame record={record} onSubmit={submit} submitLabel={t('incident.save')}>
      <SelectField
        label={t('incident.category')}
        options={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        value={v.category}
        onValue={(category) => update({ category, riskId: '' })}
        placeholder={t('field.choose')}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('category')}
      />
      <ScopeFields
        lists={lists}
        value={v}
        onChange={update}
        regions={session.user.regions}
        isRequired
        errors={{
          product: errorOf('product'),
          segment: errorOf('segment'),
          region: errorOf('region'),
        }}
      />
      <section class="stack stack--tight" aria-labelledby="incident-tactics">
        <h2 id="incident-tactics" class="section-title">
          {t('incident.tactics')}
        </h2>
        {tactics === null ? (
          <p class="muted" role="status">
            {t('incident.tacticsPending')}
          </p>
        ) : tactics.length === 0 ? (
          <p class="muted" role="status">
            {t('tactics.noneBody')}
          </p>
        ) : (
          <>
            <p class="muted" role="status">
              {t('tactics.count', { count: tactics.length })}
            </p>
            {tactics.map((tactic, index) => (
              <TacticCard
                key={tactic.id}
                level={3}
                isCollapsible
                isOpen={index === 0}
                {...tacticCardProps(tactic, lists, i18n)}
              />
            ))}
          </>
        )}
      </section>
      <h2 class="section-title">{t('incident.details')}</h2>
      <TextField
        label={t('form.customerRef')}
        hint={t('form.customerRefHint')}
        value={v.customerRef}
        onValue={(customerRef) => update({ customerRef })}
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        warning={refWarning ? t(`privacy.${refWarning}`) : null}
        error={errorOf('customerRef')}
      />
      <SelectField
        label={t('incident.party')}
        hint={isOutsourcer ? t('incident.partyOwn') : t('incident.partyHint')}
        options={[
          ...(isOutsourcer ? [] : [{ value: '', label: t('incident.noParty') }]),
          ...partyOptions,
        ]}
        value={v.partyId}
        onValue={(partyId) => update({ partyId })}
        error={errorOf('partyId')}
      />
      <WhenField
        label={t('incident.when')}
        value={v.occurredAt}
        onValue={(occurredAt) => update({ occurredAt })}
        error={errorOf('occurredAt')}
      />
      <LocationField value={v} onChange={update} />
      <TextareaField
        label={t('incident.description')}
        hint={t('incident.descriptionHint')}
        value={v.description}
        onValue={(description) => update({ description })}
        isRequired
        requiredMarker={t('field.required')}
        maxLength={4000}
        warning={textWarning ? t(`privacy.${textWarning}`) : null}
        error={errorOf('description')}
      />
      <PhotoField
        photos={stores.photos}
        value={v.photoIds}
        onChange={(photoIds) => update({ photoIds })}
      />
      <SeverityFields
        likelihood={v.likelihood}
        impact={v.impact}
        onChange={update}
        problems={{
          likelihood:
            shownField === 'likelihood'
              ? 'form.checkField'
              : isSubmitted
                ? problems.likelihood
                : null,
          impact:
            shownField === 'impact' ? 'form.checkField' : isSubmitted ? problems.impact : null,
        }}
      />
      {riskOptions.length > 0 ? (
        <SelectField
          label={t('incident.risk')}
          hint={t('incident.riskHint')}
          options={[{ value: '', label: t('incident.noRisk') }, ...riskOptions]}
          value={v.riskId}
          onValue={(riskId) => update({ riskId })}
          error={errorOf('riskId')}
        />
      ) : null}
    </RecordFormFrame>
  );
}
