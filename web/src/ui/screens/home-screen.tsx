import { useState } from 'preact/hooks';
import { parseAmount } from '../../format/parse-amount.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Banner, Card, Icon, LimitDecisionPanel, NumberField, PageHeader } from '../index.ts';
import { sampleDecision } from './sample-limits.ts';

/**
 * Placeholder home until the stores are wired: what the app is, that it works offline, and the
 * limit check on an example limit (the real `decideLimit`, the real panel).
 */
export function HomeScreen() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const [amountText, setAmountText] = useState('');
  const parsed = amountText.trim() === '' ? null : parseAmount(amountText);
  const amount = parsed?.ok ? parsed.minor : null;
  const decision = amount === null ? null : sampleDecision(amount, state.nowMs.value);
  return (
    <div class="stack">
      <PageHeader title={t('home.greeting')} intro={t('home.intro')} />
      <Banner tone="info" title={t('home.signInSoon')} />
      <Card title={t('home.offlineReady')}>
        <p class="media">
          <Icon name={state.isOnline.value ? 'online' : 'offline'} />
          {t('home.offlineReadyDetail')}
        </p>
      </Card>
      <Card title={t('home.tryLimit')}>
        <div class="stack">
          <NumberField
            label={t('home.amountLabel')}
            hint={t('home.amountHint')}
            value={amountText}
            onValue={setAmountText}
            error={parsed && !parsed.ok ? t(`amount.${parsed.problem}`) : null}
            isProminent
          />
          <LimitDecisionPanel decision={decision} amount={amount} i18n={i18n} />
        </div>
      </Card>
    </div>
  );
}
