import { useEffect, useRef, useState } from 'preact/hooks';
import { uuidv7, type CompensationType, type LimitDecision } from '../../../../shared/index.ts';
import { fromHkLocalInput, toHkLocalInput } from '../../format/hk-local-input.ts';
import { parseAmount } from '../../format/parse-amount.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import type { LimitsStore } from '../../stores/limits-store.ts';
import type { RecordedRecovery } from '../../stores/records-store.ts';
import type { SessionView } from '../../stores/session-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import {
  Button,
  Card,
  LimitDecisionPanel,
  LinkButton,
  NumberField,
  SelectField,
  Skeleton,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { ScopeFields } from '../common/scope-fields.tsx';
import { useReferenceLists } from '../common/reference.ts';
import { useLive } from '../common/use-stores.ts';
import { SavedPanel, WhenField } from './form-parts.tsx';
import { PhoneApprovalFields } from './phone-approval-fields.tsx';
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
import { CompensationTypeField } from '../common/compensation-type-field.tsx';

/** One draft per incident, so a half-typed recovery for one customer never lands on another. */
export const recoveryDraftKey = (incidentId: string | null) =>
  incidentId ? `recovery:${incidentId}` : 'recovery';

export function blankRecovery(incidentId: string | null, nowMs: number) {
  return {
    incidentId: incidentId ?? '',
    compensationType: '',
    amount: '',
    customerRef: '',
    product: '',
    segment: '',
    region: '',
    reason: '',
    occurredAt: toHkLocalInput(nowMs),
    satisfaction: '',
    /** Made with the form: an approval code by phone names the recovery before it is saved (AP15). */
    recoveryId: uuidv7(nowMs),
    /** The approval code a supervisor read out by phone, if any. */
    phoneCode: '',
  };
}
export type RecoveryForm = ReturnType<typeof blankRecovery>;

const FIELD_OF_STORE = {
  'args.incidentId': 'incidentId',
  'args.compensationType': 'compensationType',
  'args.amount': 'amount',
  'args.customerRef': 'customerRef',
  'args.scope.product': 'product',
  'args.scope.segment': 'segment',
  'args.scope.region': 'region',
  'args.reason': 'reason',
  'args.occurredAt': 'occurredAt',
  'args.satisfaction': 'satisfaction',
  code: 'phoneCode',
} as const satisfies Record<string, keyof RecoveryForm>;

/** The typed amount in cents, or why it is refused; null while nothing is typed. */
export function amountOf(text: string) {
  return text.trim() === '' ? null : parseAmount(text);
}

export function checkRecovery(v: RecoveryForm, nowMs: number): Record<keyof RecoveryForm, Problem> {
  const amount = amountOf(v.amount);
  return {
    incidentId: null,
    compensationType: chosen(v.compensationType),
    amount: amount === null ? 'form.required' : amount.ok ? null : 'form.amountInvalid',
    customerRef: customerRefProblem(v.customerRef, true),
    product: chosen(v.product),
    segment: chosen(v.segment),
    region: chosen(v.region),
    reason: requiredText(v.reason, 2000),
    occurredAt: pastTimeProblem(v.occurredAt, nowMs),
    satisfaction: null,
    recoveryId: null,
    phoneCode: null,
  };
}

/**
 * The limit decision for what is typed, from the stores (the shared `decideLimit` over this
 * user's limits and use, the same decision `recordRecovery` makes); null until a valid amount,
 * the type and the scope are all known.
 */
export async function decisionForForm(
  limits: LimitsStore,
  v: RecoveryForm,
): Promise<LimitDecision | null> {
  const parsed = amountOf(v.amount);
  if (!parsed?.ok || v.compensationType === '' || !v.product || !v.segment || !v.region)
    return null;
  return limits.limitDecisionFor(
    { amount: parsed.minor, currency: 'HKD' },
    v.compensationType as CompensationType,
    { product: v.product, segment: v.segment, region: v.region },
  );
}

/**
 * `decisionForForm` as the user types: decided again when any input changes, and when the
 * limits or the use change (a sync, another recovery). A late answer for an older input is
 * dropped.
 */
export function useLimitDecision(stores: AppStores, v: RecoveryForm): LimitDecision | null {
  const myLimits = useAppState().myLimits.value;
  const [decision, setDecision] = useState<LimitDecision | null>(null);
  const { amount, compensationType, product, segment, region } = v;
  useEffect(() => {
    let isCurrent = true;
    decisionForForm(stores.limits, v)
      .then((d) => isCurrent && setDecision(d))
      .catch(() => isCurrent && setDecision(null));
    return () => {
      isCurrent = false;
    };
    // `v` is read through the fields listed: a change elsewhere on the form decides nothing new.
  }, [stores, amount, compensationType, product, segment, region, myLimits]);
  return decision;
}

/** Record a service recovery, from an incident or on its own. */
export function RecoveryScreen({ incidentId }: { readonly incidentId: string | null }) {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('record.recoveryTitle')}
      intro={t('recovery.intro')}
      back={{ href: hrefTo('/record'), label: t('nav.record') }}
    >
      {({ stores, session }) => (
        <RecoveryFormView
          key={incidentId ?? ''}
          stores={stores}
          session={session}
          incidentId={incidentId}
        />
      )}
    </ScreenFrame>
  );
}

type IncidentRecord = Extract<MyRecord, { name: 'incident.record' }>;

function RecoveryFormView({
  stores,
  session,
  incidentId,
}: {
  stores: AppStores;
  session: SessionView;
  incidentId: string | null;
}) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const draftKey = recoveryDraftKey(incidentId);
  const record = useRecordForm<RecoveryForm, RecordedRecovery & { amount: number }>(
    stores.drafts,
    draftKey,
    () => blankRecovery(incidentId, Date.now()),
    FIELD_OF_STORE,
  );
  const { form, saved, setSaved, update } = record;
  const lists = useReferenceLists(stores.reference);
  const records = useLive(() => stores.records.mine, [stores], null);
  const v = form.value;
  const decision = useLimitDecision(stores, v);
  const incidents = (records ?? []).filter(
    (r): r is IncidentRecord => r.name === 'incident.record',
  );
  const incident = incidents.find((r) => r.id === v.incidentId) ?? null;

  // From an incident: its customer and scope, unless the user already typed their own.
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!form.isLoaded || !incident || prefilledFor.current === incident.id) return;
    prefilledFor.current = incident.id;
    const a = incident.args;
    const patch: Partial<RecoveryForm> = {};
    if (v.customerRef === '' && a.customerRef) patch.customerRef = a.customerRef;
    if (v.product === '' && v.segment === '' && v.region === '') {
      patch.product = a.scope.product;
      patch.segment = a.scope.segment;
      patch.region = a.scope.region;
    }
    if (Object.keys(patch).length > 0) form.update(patch);
  }, [form.isLoaded, incident]);

  if (saved) {
    const isGiven = saved.status === 'given' || saved.status === 'approved';
    return (
      <SavedPanel
        tone={isGiven ? 'success' : 'warning'}
        title={
          saved.status === 'approved'
            ? t('recovery.savedPhoneApproved')
            : isGiven
              ? t('recovery.savedGiven')
              : t('recovery.savedAwaiting')
        }
        actions={
          <>
            <Button isBlock onClick={() => setSaved(null)}>
              {t('recovery.another')}
            </Button>
            <LinkButton href={hrefTo(`/records/${saved.id}`)} variant="secondary" isBlock>
              {t('form.viewRecord')}
            </LinkButton>
          </>
        }
      >
        <p>
          {isGiven
            ? t('recovery.savedGivenDetail', { amount: i18n.money(saved.amount) })
            : t('recovery.savedAwaitingDetail', { amount: i18n.money(saved.amount) })}
        </p>
        <LimitDecisionPanel decision={saved.decision} amount={saved.amount} i18n={i18n} />
        <SavedWhere />
      </SavedPanel>
    );
  }
  if (!form.isLoaded) return <Skeleton label={t('app.loading')} />;

  const { errorOf } = record.errorsOf(checkRecovery(v, state.nowMs.value));
  const parsed = amountOf(v.amount);
  const amountMinor = parsed?.ok ? parsed.minor : null;
  // The amount's own problem shows as it is typed, not only after "Save".
  const amountError = parsed && !parsed.ok ? t(`amount.${parsed.problem}`) : errorOf('amount');
  const isScopeKnown =
    v.compensationType !== '' && v.product !== '' && v.segment !== '' && v.region !== '';
  const refWarning = personalDataWarning(v.customerRef);
  const reasonWarning = personalDataWarning(v.reason);

  const submit = (event: Event) =>
    record.submit(
      event,
      () => {
        const amount = amountOf(v.amount);
        return hasProblems(checkRecovery(v, Date.now())) || !amount?.ok ? null : amount.minor;
      },
      async (minor) => {
        const customerRef = v.customerRef.trim();
        const amount = { amount: minor, currency: 'HKD' } as const;
        // The form's own id (a draft from before phone approvals gets one from the blank form):
        // the approval code names it. Checked again at save (the code may have expired since
        // "Check code"); only where the device asks for approval — within the limits it is moot.
        const recoveryId = v.recoveryId;
        const phoneApproval =
          v.phoneCode.trim() !== '' && decision?.outcome === 'needs_approval'
            ? await stores.approvals.checkPhoneCode(
                { recoveryId, amount, customerRef },
                v.phoneCode,
              )
            : undefined;
        const result = await stores.records.recordRecovery(
          {
            incidentId: v.incidentId === '' ? null : v.incidentId,
            customerRef,
            compensationType: v.compensationType as CompensationType,
            amount,
            scope: { product: v.product, segment: v.segment, region: v.region },
            reason: v.reason.trim(),
            occurredAt: new Date(fromHkLocalInput(v.occurredAt) ?? Date.now()).toISOString(),
            satisfaction: v.satisfaction === '' ? null : Number(v.satisfaction),
          },
          {
            draftKey,
            id: recoveryId,
            ...(phoneApproval ? { phoneApproval } : {}),
          },
        );
        return { ...result, amount: minor };
      },
    );

  return (
    <RecordFormFrame
      record={record}
      onSubmit={submit}
      submitLabel={
        decision?.outcome === 'needs_approval' && v.phoneCode.trim() !== ''
          ? t('recovery.saveApprovedByPhone')
          : decision?.outcome === 'needs_approval'
            ? t('recovery.saveForApproval')
            : decision?.outcome === 'within_limit'
              ? t('recovery.saveGiven')
              : t('recovery.save')
      }
    >
      {incidentId !== null ? (
        <Card title={t('recovery.forIncident')}>
          <p>
            {incident
              ? `${t(`category.${incident.args.category}`)}${
                  incident.args.customerRef ? ` · ${incident.args.customerRef}` : ''
                } · ${i18n.when(incident.args.occurredAt)}`
              : t('app.loading')}
          </p>
        </Card>
      ) : incidents.length > 0 ? (
        <SelectField
          label={t('recovery.incident')}
          hint={t('recovery.incidentHint')}
          options={[
            { value: '', label: t('recovery.noIncident') },
            ...incidents.slice(0, 30).map((r) => ({
              value: r.id,
              label: `${t(`category.${r.args.category}`)}${
                r.args.customerRef ? ` · ${r.args.customerRef}` : ''
              } · ${i18n.when(r.args.occurredAt, 'date')}`,
            })),
          ]}
          value={v.incidentId}
          onValue={(id) => {
            prefilledFor.current = null;
            update({ incidentId: id });
          }}
        />
      ) : null}
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
      <CompensationTypeField
        value={v.compensationType}
        onValue={(compensationType) => update({ compensationType })}
        error={errorOf('compensationType')}
        isRequired
      />
      <NumberField
        label={t('recovery.amount')}
        hint={t('recovery.amountHint')}
        value={v.amount}
        onValue={(amount) => update({ amount })}
        isProminent
        isRequired
        requiredMarker={t('field.required')}
        error={amountError}
      />
      <LimitDecisionPanel
        decision={decision}
        amount={amountMinor}
        i18n={i18n}
        prompt={amountMinor !== null && !isScopeKnown ? t('recovery.choosePrompt') : null}
      />
      {decision?.outcome === 'needs_approval' && amountMinor !== null ? (
        <PhoneApprovalFields
          stores={stores}
          request={{
            recoveryId: v.recoveryId,
            amountMinor,
            customerRef: v.customerRef.trim(),
            requesterId: session.user.id,
          }}
          code={v.phoneCode}
          onCode={(phoneCode) => update({ phoneCode })}
          error={errorOf('phoneCode')}
        />
      ) : null}
      <TextField
        label={t('form.customerRef')}
        hint={t('form.customerRefHint')}
        value={v.customerRef}
        onValue={(customerRef) => update({ customerRef })}
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        isRequired
        requiredMarker={t('field.required')}
        warning={refWarning ? t(`privacy.${refWarning}`) : null}
        error={errorOf('customerRef')}
      />
      <TextareaField
        label={t('recovery.reason')}
        hint={t('recovery.reasonHint')}
        value={v.reason}
        onValue={(reason) => update({ reason })}
        isRequired
        requiredMarker={t('field.required')}
        maxLength={2000}
        rows={3}
        warning={reasonWarning ? t(`privacy.${reasonWarning}`) : null}
        error={errorOf('reason')}
      />
      <WhenField
        label={t('recovery.when')}
        value={v.occurredAt}
        onValue={(occurredAt) => update({ occurredAt })}
        error={errorOf('occurredAt')}
      />
      <SelectField
        label={t('recovery.satisfaction')}
        hint={t('recovery.satisfactionHint')}
        options={[
          { value: '', label: t('recovery.satisfactionUnknown') },
          ...(['1', '2', '3', '4', '5'] as const).map((n) => ({
            value: n,
            label: t(`satisfaction.${n}`),
          })),
        ]}
        value={v.satisfaction}
        onValue={(satisfaction) => update({ satisfaction })}
      />
    </RecordFormFrame>
  );
}
