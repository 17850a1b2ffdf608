import type { FeedbackInput, PlanVersion } from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { ChoiceField, LinkButton, SelectField, Skeleton, TextareaField } from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { useLive } from '../common/use-stores.ts';
import { planSections } from '../plan/plan-filter.ts';
import { SavedPanel } from './form-parts.tsx';
import {
  chosen,
  hasProblems,
  personalDataWarning,
  requiredText,
  type Problem,
} from './validate.ts';
import { RecordFormFrame, SavedWhere, useRecordForm } from './use-record-form.tsx';

const SUBJECTS = ['plan_section', 'risk', 'general'] as const;
type SubjectKind = (typeof SUBJECTS)[number];

export const feedbackDraftKey = (sectionId: string | null) =>
  sectionId ? `feedback:${sectionId}` : 'feedback';

function blankFeedback(sectionId: string | null) {
  return {
    subject: 'plan_section' as string,
    sectionId: sectionId ?? '',
    riskId: '',
    kind: '',
    text: '',
  };
}
type FeedbackForm = ReturnType<typeof blankFeedback>;

const FIELD_OF_STORE = {
  'args.subject.sectionId': 'sectionId',
  'args.subject.planVersionId': 'sectionId',
  'args.subject.riskId': 'riskId',
  'args.subject': 'subject',
  'args.kind': 'kind',
  'args.text': 'text',
} as const satisfies Record<string, keyof FeedbackForm>;

function checkFeedback(
  v: FeedbackForm,
  plan: PlanVersion | null,
): Record<keyof FeedbackForm, Problem> {
  const sectionIds = plan ? planSections(plan).map((s) => s.id) : [];
  return {
    subject: chosen(v.subject),
    sectionId:
      v.subject !== 'plan_section'
        ? null
        : v.sectionId === ''
          ? 'form.required'
          : sectionIds.includes(v.sectionId)
            ? null
            : 'form.sectionGone',
    riskId: v.subject === 'risk' ? chosen(v.riskId) : null,
    kind: chosen(v.kind),
    text: requiredText(v.text),
  };
}

/**
 * A suggestion or concern on a section of the current plan, a risk, or in general: how the
 * ideas of all staff and outsourcers reach the plan (product.md §3, Feedback).
 */
export function FeedbackScreen({ sectionId }: { readonly sectionId: string | null }) {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('record.feedbackTitle')}
      intro={t('feedback.intro')}
      back={{ href: hrefTo('/record'), label: t('nav.record') }}
    >
      {({ stores }) => (
        <FeedbackFormView key={sectionId ?? ''} stores={stores} sectionId={sectionId} />
      )}
    </ScreenFrame>
  );
}

function FeedbackFormView({ stores, sectionId }: { stores: AppStores; sectionId: string | null }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const plan = state.plan.value ?? null;
  const draftKey = feedbackDraftKey(sectionId);
  const record = useRecordForm<FeedbackForm, { id: string }>(
    stores.drafts,
    draftKey,
    () => blankFeedback(sectionId),
    FIELD_OF_STORE,
  );
  const { form, saved, update } = record;
  const risks = useLive(() => stores.reference.risks, [stores], []);
  const v = form.value;

  if (saved) {
    return (
      <SavedPanel
        title={t('feedback.saved')}
        actions={
          <>
            <LinkButton href={hrefTo('/plan')} isBlock>
              {t('feedback.backToPlan')}
            </LinkButton>
            <LinkButton href={hrefTo(`/records/${saved.id}`)} variant="secondary" isBlock>
              {t('form.viewRecord')}
            </LinkButton>
          </>
        }
      >
        <p>{t('feedback.savedDetail')}</p>
        <SavedWhere />
      </SavedPanel>
    );
  }
  if (!form.isLoaded) return <Skeleton label={t('app.loading')} />;

  const { errorOf } = record.errorsOf(checkFeedback(v, plan));
  const textWarning = personalDataWarning(v.text);

  const submit = (event: Event) =>
    record.submit(
      event,
      () => {
        if (hasProblems(checkFeedback(v, plan))) return null;
        const subject: FeedbackInput['subject'] =
          v.subject === 'plan_section' && plan
            ? { kind: 'plan_section', planVersionId: plan.id, sectionId: v.sectionId }
            : v.subject === 'risk'
              ? { kind: 'risk', riskId: v.riskId }
              : { kind: 'general' };
        return { subject, kind: v.kind as FeedbackInput['kind'], text: v.text.trim() };
      },
      (args) => stores.records.sendFeedback(args, { draftKey }),
    );

  return (
    <RecordFormFrame record={record} onSubmit={submit} submitLabel={t('feedback.send')}>
      <ChoiceField
        legend={t('feedback.about')}
        options={SUBJECTS.filter((s) => s !== 'plan_section' || plan).map((s) => ({
          value: s,
          label: t(`feedback.subject.${s}`),
        }))}
        value={v.subject as SubjectKind}
        onValue={(subject) => update({ subject })}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('subject')}
      />
      {v.subject === 'plan_section' && plan ? (
        <SelectField
          label={t('feedback.section')}
          hint={t('feedback.sectionHint', { version: plan.version })}
          options={planSections(plan).map((s) => ({
            value: s.id,
            label: s.depth === 0 ? s.title : `— ${s.title}`,
          }))}
          value={v.sectionId}
          onValue={(id) => update({ sectionId: id })}
          placeholder={t('field.choose')}
          isRequired
          requiredMarker={t('field.required')}
          error={errorOf('sectionId')}
        />
      ) : null}
      {v.subject === 'risk' ? (
        <SelectField
          label={t('feedback.risk')}
          options={risks.map((r) => ({ value: r.id, label: r.title }))}
          value={v.riskId}
          onValue={(riskId) => update({ riskId })}
          placeholder={t('field.choose')}
          isRequired
          requiredMarker={t('field.required')}
          error={errorOf('riskId')}
        />
      ) : null}
      <ChoiceField
        legend={t('feedback.kind')}
        options={(['suggestion', 'concern'] as const).map((k) => ({
          value: k,
          label: t(`feedback.kind.${k}`),
        }))}
        value={v.kind as 'suggestion' | 'concern' | ''}
        onValue={(kind) => update({ kind })}
        isSegmented
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('kind')}
      />
      <TextareaField
        label={t('feedback.text')}
        hint={t('feedback.textHint')}
        value={v.text}
        onValue={(text) => update({ text })}
        isRequired
        requiredMarker={t('field.required')}
        maxLength={4000}
        rows={5}
        warning={textWarning ? t(`privacy.${textWarning}`) : null}
        error={errorOf('text')}
      />
    </RecordFormFrame>
  );
}
