import { useRef, useState } from 'preact/hooks';
import { RISK_CATEGORIES, type MutationName } from '../../../../shared/index.ts';
import { minorToDecimal } from '../../format/money.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import { useAppState } from '../../shell/app-state.ts';
import {
  Button,
  Card,
  NumberField,
  SelectField,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import type { ReferenceLists } from '../common/reference.ts';
import { ScopeFields } from '../common/scope-fields.tsx';
import { errorCodeOf, errorFieldOf } from '../common/use-stores.ts';
import { focusFirstInvalid } from '../record/form-parts.tsx';
import { amountOf } from '../record/recovery-screen.tsx';
import {
  customerRefProblem,
  formFieldOf,
  personalDataWarning,
  requiredText,
} from '../record/validate.ts';
import { CompensationTypeField } from '../common/compensation-type-field.tsx';

/** The fields a refused record can be corrected in, as text, from what was sent. */
export function fixableFields(record: MyRecord): Record<string, string> {
  switch (record.name) {
    case 'incident.record': {
      const a = record.args;
      return {
        category: a.category,
        product: a.scope.product,
        segment: a.scope.segment,
        region: a.scope.region,
        customerRef: a.customerRef ?? '',
        description: a.description,
      };
    }
    case 'recovery.record': {
      const a = record.args;
      return {
        compensationType: a.compensationType,
        amount: minorToDecimal(a.amount.amount),
        product: a.scope.product,
        segment: a.scope.segment,
        region: a.scope.region,
        customerRef: a.customerRef,
        reason: a.reason,
      };
    }
    case 'competitorAction.record':
      return { competitor: record.args.competitor, description: record.args.description };
    case 'feedback.send':
      return { text: record.args.text };
    case 'task.update':
      return { note: record.args.note };
    default:
      return {};
  }
}

/**
 * Only what changed, in the shape of the record's args (`scope` as a whole, `amount` as money),
 * for `records.fixAndResend`.
 */
export function correctionsOf(
  record: MyRecord,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const changed = (k: string) => before[k] !== after[k];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (!changed(key) || ['product', 'segment', 'region', 'amount'].includes(key)) continue;
    out[key] = key === 'customerRef' && after[key]?.trim() === '' ? null : after[key]?.trim();
  }
  if (['product', 'segment', 'region'].some(changed)) {
    out.scope = { product: after.product, segment: after.segment, region: after.region };
  }
  if (changed('amount') && record.name === 'recovery.record') {
    const parsed = amountOf(after.amount ?? '');
    if (parsed?.ok) out.amount = { amount: parsed.minor, currency: record.args.amount.currency };
  }
  return out;
}

const FIELD_OF_STORE = {
  'args.category': 'category',
  'args.scope.product': 'product',
  'args.scope.segment': 'segment',
  'args.scope.region': 'region',
  'args.scope': 'product',
  'args.customerRef': 'customerRef',
  'args.description': 'description',
  'args.compensationType': 'compensationType',
  'args.amount': 'amount',
  'args.reason': 'reason',
  'args.competitor': 'competitor',
  'args.text': 'text',
  'args.note': 'note',
} as const;

/**
 * Correct a refused record and send it again (a new mutation; the refused one stays in the
 * trail). The field the server named starts marked and focused.
 */
export function FixForm({
  record,
  stores,
  lists,
  onResent,
}: {
  record: MyRecord;
  stores: AppStores;
  lists: ReferenceLists;
  onResent: () => void;
}) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const before = fixableFields(record);
  const [fields, setFields] = useState(before);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const faultField = formFieldOf(problem?.field ?? record.rejection?.field ?? null, FIELD_OF_STORE);
  const isUntouched = Object.keys(before).every((k) => before[k] === fields[k]);

  const set = (patch: Record<string, string>) => setFields((f) => ({ ...f, ...patch }));
  const has = (k: string) => Object.hasOwn(fields, k);
  const errorAt = (k: string, own: string | null = null) =>
    own ?? (faultField === k && isUntouched ? t('form.checkField') : null);
  const localProblem = (k: string): string | null => {
    const value = fields[k] ?? '';
    if (k === 'customerRef') {
      const p = customerRefProblem(value, record.name === 'recovery.record');
      return p ? t(p) : null;
    }
    if (k === 'amount') {
      const parsed = amountOf(value);
      return parsed === null
        ? t('form.required')
        : parsed.ok
          ? null
          : t(`amount.${parsed.problem}`);
    }
    if (['description', 'reason', 'competitor', 'text'].includes(k)) {
      const p = requiredText(value);
      return p ? t(p) : null;
    }
    return null;
  };
  const problems = Object.keys(fields).filter((k) => localProblem(k) !== null);

  async function resend(event: Event) {
    event.preventDefault();
    if (isBusy || problems.length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      await stores.records.fixAndResend(
        record as { readonly id: string; readonly name: MutationName },
        correctionsOf(record, before, fields) as never,
      );
      onResent();
    } catch (err) {
      setProblem({ field: errorFieldOf(err), text: i18n.errorMessage(errorCodeOf(err)) });
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    } finally {
      setBusy(false);
    }
  }

  const scopeErrors = {
    product: errorAt('product'),
    segment: errorAt('segment'),
    region: errorAt('region'),
  };
  return (
    <Card title={t('records.fixTitle')}>
      <form class="stack" ref={formRef} onSubmit={resend} noValidate>
        <p class="muted">{t('records.fixIntro')}</p>
        {problem ? (
          <p class="field__error" role="alert">
            {problem.text}
          </p>
        ) : null}
        {has('category') ? (
          <SelectField
            label={t('incident.category')}
            options={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            value={fields.category ?? ''}
            onValue={(category) => set({ category })}
            error={errorAt('category')}
          />
        ) : null}
        {has('compensationType') ? (
          <CompensationTypeField
            value={fields.compensationType ?? ''}
            onValue={(compensationType) => set({ compensationType })}
            error={errorAt('compensationType')}
          />
        ) : null}
        {has('amount') ? (
          <NumberField
            label={t('recovery.amount')}
            value={fields.amount ?? ''}
            onValue={(amount) => set({ amount })}
            error={errorAt('amount', localProblem('amount'))}
            hint={t('records.fixAmountHint')}
          />
        ) : null}
        {has('product') ? (
          <ScopeFields
            lists={lists}
            value={{
              product: fields.product ?? '',
              segment: fields.segment ?? '',
              region: fields.region ?? '',
            }}
            onChange={(patch) => set(patch as Record<string, string>)}
            regions={state.session.value?.user.regions}
            errors={scopeErrors}
          />
        ) : null}
        {has('competitor') ? (
          <TextField
            label={t('competitor.competitor')}
            value={fields.competitor ?? ''}
            onValue={(competitor) => set({ competitor })}
            error={errorAt('competitor', localProblem('competitor'))}
          />
        ) : null}
        {has('customerRef') ? (
          <TextField
            label={t('form.customerRef')}
            hint={t('form.customerRefHint')}
            value={fields.customerRef ?? ''}
            onValue={(customerRef) => set({ customerRef })}
            autoCapitalize="characters"
            spellcheck={false}
            error={errorAt('customerRef', localProblem('customerRef'))}
          />
        ) : null}
        {(['description', 'reason', 'text', 'note'] as const).map((k) =>
          has(k) ? (
            <TextareaField
              key={k}
              label={t(
                k === 'description'
                  ? 'incident.description'
                  : k === 'reason'
                    ? 'recovery.reason'
                    : k === 'text'
                      ? 'feedback.text'
                      : 'tasks.note',
              )}
              value={fields[k] ?? ''}
              onValue={(value) => set({ [k]: value })}
              rows={3}
              warning={(() => {
                const w = personalDataWarning(fields[k] ?? '');
                return w ? t(`privacy.${w}`) : null;
              })()}
              error={errorAt(k, k === 'note' ? null : localProblem(k))}
            />
          ) : null,
        )}
        <Button type="submit" isBlock isBusy={isBusy}>
          {t('records.fixAndResend')}
        </Button>
      </form>
    </Card>
  );
}
