import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { riskBand, riskScore, type RiskBand } from '../../../../shared/index.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Badge, Banner, Button, ChoiceField, TextField, type Tone } from '../../ui/index.ts';
import type { Problem } from './validate.ts';

/** Moves focus to the first field that says it is invalid, after a refused submit. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>(
    '[aria-invalid="true"], [role="radiogroup"][aria-invalid="true"] input',
  );
  if (target?.getAttribute('role') === 'radiogroup') target.querySelector('input')?.focus();
  else target?.focus();
}

/** "Draft from 10:42 restored" with "Start again". */
export function DraftNotice({
  restoredAt,
  onStartAgain,
}: {
  readonly restoredAt: number | null;
  readonly onStartAgain: () => void;
}) {
  const state = useAppState();
  const i18n = state.i18n.value;
  if (restoredAt === null) return null;
  return (
    <Banner
      tone="info"
      title={i18n.t('form.draftRestored', { when: i18n.relative(restoredAt, state.nowMs.value) })}
      actions={
        <Button variant="ghost" onClick={onStartAgain}>
          {i18n.t('form.startAgain')}
        </Button>
      }
    >
      <p>{i18n.t('form.draftRestoredDetail')}</p>
    </Banner>
  );
}

/** Why the form was not saved, heard at once. */
export function FormError({ message }: { readonly message: string | null }) {
  const { t } = useAppState().i18n.value;
  if (!message) return null;
  return (
    <Banner tone="danger" role="alert" title={t('form.notSaved')}>
      <p>{message}</p>
    </Banner>
  );
}

/** After saving: what happened, in a card whose heading takes focus. */
export function SavedPanel({
  title,
  tone = 'success',
  children,
  actions,
}: {
  readonly title: string;
  readonly tone?: Tone;
  readonly children?: ComponentChildren;
  readonly actions: ComponentChildren;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section class={`card saved tone-${tone}`} aria-labelledby="saved-title">
      <h2 id="saved-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <div class="actions">{actions}</div>
    </section>
  );
}

/** The "when" of a record, in Hong Kong time whatever the phone's zone. */
export function WhenField({
  label,
  value,
  onValue,
  error,
}: {
  readonly label: string;
  readonly value: string;
  readonly onValue: (v: string) => void;
  readonly error: string | null;
}) {
  const { t } = useAppState().i18n.value;
  return (
    <TextField
      type="datetime-local"
      label={label}
      hint={t('form.whenHint')}
      value={value}
      onValue={onValue}
      isRequired
      requiredMarker={t('field.required')}
      error={error}
    />
  );
}

const BAND_TONE = {
  low: 'success',
  medium: 'info',
  high: 'warning',
  extreme: 'danger',
} as const satisfies Record<RiskBand, Tone>;

const SCALE = ['1', '2', '3', '4', '5'] as const;

/** Likelihood × impact, 1–5 each, and the score with its band in words. */
export function SeverityFields({
  likelihood,
  impact,
  onChange,
  problems,
}: {
  readonly likelihood: string;
  readonly impact: string;
  readonly onChange: (patch: { likelihood?: string; impact?: string }) => void;
  readonly problems: { readonly likelihood: Problem; readonly impact: Problem };
}) {
  const { t } = useAppState().i18n.value;
  const options = SCALE.map((n) => ({ value: n, label: n }));
  const l = Number(likelihood);
  const i = Number(impact);
  const score = l > 0 && i > 0 ? riskScore({ likelihood: l, impact: i }) : null;
  return (
    <div class="stack">
      <ChoiceField
        legend={t('severity.likelihood')}
        hint={t('severity.likelihoodHint')}
        options={options}
        value={likelihood}
        onValue={(v) => onChange({ likelihood: v })}
        isSegmented
        isRequired
        requiredMarker={t('field.required')}
        error={problems.likelihood ? t(problems.likelihood) : null}
      />
      <ChoiceField
        legend={t('severity.impact')}
        hint={t('severity.impactHint')}
        options={options}
        value={impact}
        onValue={(v) => onChange({ impact: v })}
        isSegmented
        isRequired
        requiredMarker={t('field.required')}
        error={problems.impact ? t(problems.impact) : null}
      />
      <p class="score" role="status">
        {score === null ? (
          <span class="muted">{t('severity.scorePending')}</span>
        ) : (
          <>
            <span>{t('severity.score', { score })}</span>
            <Badge tone={BAND_TONE[riskBand(score)]}>{t(`riskBand.${riskBand(score)}`)}</Badge>
          </>
        )}
      </p>
    </div>
  );
}
