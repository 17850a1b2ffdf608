import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatPhoneCode, phoneCodeExpiresAtMs, requestCode } from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Banner, Button, Card, NumberField } from '../../ui/index.ts';

/**
 * What the phone approval needs from the recovery form: the recovery it names, the amount, and
 * who asks (the signed-in user).
 */
export interface PhoneRequestOf {
  readonly recoveryId: string;
  readonly amountMinor: number;
  readonly customerRef: string;
  readonly requesterId: string;
}

/**
 * Approval by phone for a requester with no signal (docs/approvals.md AP13): the request code to
 * read out, and the approval code the supervisor reads back, checked here, offline. The typed
 * code is part of the form's draft and is checked again when the recovery is saved.
 */
export function PhoneApprovalFields({
  stores,
  request,
  code,
  onCode,
  error,
}: {
  stores: AppStores;
  request: PhoneRequestOf;
  code: string;
  onCode: (code: string) => void;
  error: string | null;
}) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const [isAvailable, setAvailable] = useState(false);
  const [check, setCheck] = useState<{ ok: true; until: number } | { ok: false } | null>(null);
  const { recoveryId, amountMinor, customerRef, requesterId } = request;
  // What is asked, once: the code read out and the code checked come from the same request.
  const asked = useMemo(
    () => ({ recoveryId, amount: { amount: amountMinor, currency: 'HKD' as const }, customerRef }),
    [recoveryId, amountMinor, customerRef],
  );
  const readOutCode = useMemo(() => requestCode({ ...asked, requesterId }), [asked, requesterId]);
  // Whether this device holds the key: once, not on every keystroke of the amount.
  useEffect(() => {
    let isCurrent = true;
    void stores.approvals.canUsePhoneCodes().then((ok) => isCurrent && setAvailable(ok));
    return () => {
      isCurrent = false;
    };
  }, [stores]);
  // Another request: a code checked for the previous one says nothing about it.
  useEffect(() => setCheck(null), [asked]);
  if (!isAvailable) return null;

  async function checkCode() {
    try {
      const approval = await stores.approvals.checkPhoneCode(asked, code);
      setCheck({ ok: true, until: phoneCodeExpiresAtMs(approval.window) });
    } catch {
      setCheck({ ok: false });
    }
  }

  return (
    <Card title={t('phone.title')}>
      <p>{t('phone.intro', { amount: i18n.money(amountMinor) })}</p>
      <p class="phone-code" data-request-code={readOutCode}>
        <span class="muted">{t('phone.requestCode')}</span>{' '}
        <strong>{formatPhoneCode(readOutCode)}</strong>
      </p>
      <NumberField
        label={t('phone.approvalCode')}
        hint={t('phone.approvalCodeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onValue={(next) => {
          setCheck(null);
          onCode(next);
        }}
        error={error}
      />
      <Button variant="secondary" onClick={() => void checkCode()} disabled={code.trim() === ''}>
        {t('phone.check')}
      </Button>
      {check?.ok ? (
        <Banner tone="success" role="status" title={t('phone.accepted')}>
          <p>{t('phone.acceptedDetail', { until: i18n.when(check.until, 'time') })}</p>
        </Banner>
      ) : check ? (
        <Banner tone="danger" role="alert" title={t('phone.notAccepted')}>
          <p>{t('phone.notAcceptedDetail')}</p>
        </Banner>
      ) : null}
    </Card>
  );
}
