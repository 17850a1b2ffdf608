import { useEffect, useState } from 'preact/hooks';
import {
  formatPhoneCode,
  normalisePhoneCode,
  phoneCodeSchema,
  type CompensationType,
  type PhoneCodeIssueResponse,
  type User,
} from '../../../../shared/index.ts';
import { parseAmount } from '../../format/parse-amount.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { Banner, Button, Card, NumberField, SelectField } from '../../ui/index.ts';
import { useReferenceLists } from '../common/reference.ts';
import { ScopeFields } from '../common/scope-fields.tsx';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { errorCodeOf, errorFieldOf } from '../common/use-stores.ts';
import { CompensationTypeField } from '../common/compensation-type-field.tsx';
import { FormError } from '../record/form-parts.tsx';
import { formFieldOf } from '../record/validate.ts';

/**
 * A supervisor, online, gives an approval code to a requester who has no signal (AP13.2): the
 * requester reads out their request code and the amount; the server answers a code bound to
 * that request, that amount and the next 10–20 minutes.
 */
export function PhoneCodeScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('approvals.phone.title')}
      intro={t('approvals.phone.intro')}
      back={{ href: hrefTo('/approvals'), label: t('nav.approvals') }}
    >
      {({ stores }) => <PhoneCodeForm stores={stores} />}
    </ScreenFrame>
  );
}

const BLANK = {
  requesterId: '',
  requestCode: '',
  amount: '',
  compensationType: '',
  product: '',
  segment: '',
  region: '',
};

/** The server's field names, as this form's fields (by prefix: `amount.amount` → `amount`). */
const FIELD_OF = {
  requesterId: 'requesterId',
  requestCode: 'requestCode',
  amount: 'amount',
  compensationType: 'compensationType',
  'scope.product': 'product',
  'scope.segment': 'segment',
  'scope.region': 'region',
} as const satisfies Record<string, keyof typeof BLANK>;

function PhoneCodeForm({ stores }: { stores: AppStores }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const lists = useReferenceLists(stores.reference);
  const [people, setPeople] = useState<User[]>([]);
  const [v, setV] = useState(BLANK);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; field: string | null } | null>(null);
  const [issued, setIssued] = useState<PhoneCodeIssueResponse | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void stores.approvals.teamMembers().then((found) => isCurrent && setPeople(found));
    return () => {
      isCurrent = false;
    };
  }, [stores]);
  const update = (patch: Partial<typeof BLANK>) => {
    setProblem(null);
    setV((old) => ({ ...old, ...patch }));
  };
  const amount = v.amount.trim() === '' ? null : parseAmount(v.amount);
  const requestCode = normalisePhoneCode(v.requestCode);
  const isComplete =
    v.requesterId !== '' &&
    phoneCodeSchema.safeParse(requestCode).success &&
    amount?.ok === true &&
    v.compensationType !== '' &&
    v.product !== '' &&
    v.segment !== '' &&
    v.region !== '';
  const errorOf = (field: keyof typeof BLANK) => (problem?.field === field ? problem.text : null);

  async function issue(event: Event) {
    event.preventDefault();
    if (!isComplete || !amount?.ok) return;
    setBusy(true);
    setProblem(null);
    try {
      setIssued(
        await stores.approvals.issuePhoneCode({
          requesterId: v.requesterId,
          requestCode,
          amount: { amount: amount.minor, currency: 'HKD' },
          compensationType: v.compensationType as CompensationType,
          scope: { product: v.product, segment: v.segment, region: v.region },
        }),
      );
    } catch (err) {
      setProblem({
        text: i18n.errorMessage(errorCodeOf(err)),
        field: formFieldOf(errorFieldOf(err), FIELD_OF),
      });
    } finally {
      setBusy(false);
    }
  }

  if (issued) {
    const person = people.find((p) => p.id === issued.requesterId);
    return (
      <Card title={t('approvals.phone.issued')}>
        <p>
          {t('approvals.phone.readOut', {
            who: person?.displayName ?? t('approvals.someone'),
            amount: i18n.money(issued.amount.amount, issued.amount.currency),
          })}
        </p>
        <p class="phone-code phone-code--large" data-approval-code={issued.approvalCode}>
          <strong>{formatPhoneCode(issued.approvalCode)}</strong>
        </p>
        <p class="muted">
          {t('approvals.phone.validUntil', { until: i18n.when(issued.expiresAt, 'time') })}
        </p>
        <Button
          variant="secondary"
          isBlock
          onClick={() => {
            setIssued(null);
            setV(BLANK);
          }}
        >
          {t('approvals.phone.another')}
        </Button>
      </Card>
    );
  }

  return (
    <form class="stack" onSubmit={(e) => void issue(e)} noValidate>
      {!state.isOnline.value ? (
        <Banner tone="warning" title={t('approvals.phone.needsSignal')} />
      ) : null}
      <FormError message={problem?.field === null ? problem.text : null} />
      <SelectField
        label={t('approvals.phone.requester')}
        options={people.map((p) => ({ value: p.id, label: p.displayName }))}
        value={v.requesterId}
        onValue={(requesterId) => update({ requesterId })}
        placeholder={t('field.choose')}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('requesterId')}
      />
      <NumberField
        label={t('approvals.phone.requestCode')}
        hint={t('approvals.phone.requestCodeHint')}
        inputMode="numeric"
        autoComplete="off"
        value={v.requestCode}
        onValue={(requestCode) => update({ requestCode })}
        isRequired
        requiredMarker={t('field.required')}
        error={errorOf('requestCode')}
      />
      <NumberField
        label={t('recovery.amount')}
        value={v.amount}
        onValue={(next) => update({ amount: next })}
        isRequired
        requiredMarker={t('field.required')}
        error={amount && !amount.ok ? t(`amount.${amount.problem}`) : errorOf('amount')}
      />
      <CompensationTypeField
        value={v.compensationType}
        onValue={(compensationType) => update({ compensationType })}
        error={errorOf('compensationType')}
        isRequired
      />
      <ScopeFields
        lists={lists}
        value={v}
        onChange={update}
        isRequired
        errors={{
          product: errorOf('product'),
          segment: errorOf('segment'),
          region: errorOf('region'),
        }}
      />
      <Button type="submit" isBlock isBusy={isBusy} disabled={!isComplete}>
        {t('approvals.phone.issue')}
      </Button>
    </form>
  );
}
