import { useState } from 'preact/hooks';
import {
  COMPENSATION_TYPES,
  type CompensationType,
  personalDataIn,
} from '../../../shared/index.ts';
import { useAppState } from '../shell/app-state.ts';
import {
  Badge,
  Banner,
  Button,
  Card,
  EmptyState,
  LimitDecisionPanel,
  List,
  ListItem,
  PageHeader,
  ProgressBar,
  SelectField,
  TextareaField,
  TextField,
} from '../ui/index.ts';
import { sampleDecision } from './sample-limits.ts';

/**
 * Every component of the kit with sample data, at `#/kit`: for the screens engineer to see what
 * exists and for checking the look on a phone. Loaded lazily, so it costs the first paint nothing.
 */
export function KitScreen() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const now = state.nowMs.value;
  const [ref, setRef] = useState('ACC-2345 call 9123 4567');
  const [type, setType] = useState<CompensationType | ''>('');
  const [notes, setNotes] = useState('');
  const privacy = personalDataIn(ref);
  return (
    <div class="stack">
      <PageHeader title={t('kit.title')} intro={t('kit.intro')} />
      <Card title={t('kit.buttons')}>
        <div class="row">
          <Button>{t('action.send')}</Button>
          <Button variant="secondary">{t('action.save')}</Button>
          <Button variant="danger">{t('action.signOut')}</Button>
          <Button variant="ghost">{t('action.cancel')}</Button>
          <Button isBusy>{t('action.syncNow')}</Button>
        </div>
      </Card>
      <Card title={t('kit.fields')}>
        <div class="stack">
          <TextField
            label={t('kit.sampleText')}
            hint={t('kit.sampleHint')}
            value={ref}
            onValue={setRef}
            isRequired
            requiredMarker={t('field.required')}
            warning={privacy[0] ? t(`privacy.${privacy[0]}`) : null}
          />
          <SelectField
            label={t('kit.sampleSelect')}
            options={COMPENSATION_TYPES.map((c) => ({ value: c, label: t(`compensation.${c}`) }))}
            value={type}
            onValue={setType}
            placeholder={t('kit.choose')}
            error={type === '' ? t('field.required') : null}
          />
          <TextareaField label={t('kit.sampleTextarea')} value={notes} onValue={setNotes} />
        </div>
      </Card>
      <Card title={t('kit.banners')}>
        <div class="stack stack--tight">
          <Banner
            tone="info"
            title={t('update.ready')}
            actions={<Button>{t('update.reload')}</Button>}
          >
            {t('update.readyDetail')}
          </Banner>
          <Banner tone="success" title={t('update.offlineReady')} />
          <Banner tone="warning" title={t('status.limitsStale')}>
            {t('limit.explain.limits_never')}
          </Banner>
          <Banner tone="danger" title={t('syncStatus.error')}>
            {i18n.errorMessage('session_revoked')}
          </Banner>
        </div>
      </Card>
      <Card title={t('kit.badges')}>
        <List>
          <ListItem
            title={t('category.missed_appointment')}
            detail={i18n.relative(now - 300_000, now)}
            end={<Badge tone="info">{t('incidentStatus.open')}</Badge>}
            href="#/kit"
          />
          <ListItem
            title={`${t('compensation.bill_credit')} · ${i18n.money(18_000)}`}
            detail={i18n.when(now)}
            end={<Badge tone="success">{t('recoveryStatus.given')}</Badge>}
          />
          <ListItem
            title={`${t('compensation.refund')} · ${i18n.money(120_000)}`}
            detail={t('reason.over_per_case')}
            end={<Badge tone="warning">{t('recoveryStatus.awaiting_approval')}</Badge>}
          />
        </List>
      </Card>
      <Card title={t('kit.progress')}>
        <ProgressBar
          value={40}
          max={120}
          label={t('sync.progressLabel')}
          valueText={t('sync.progress', { done: 40, total: 120 })}
        />
      </Card>
      <Card title={t('kit.limits')}>
        <div class="stack stack--tight">
          <LimitDecisionPanel decision={sampleDecision(12_000, now)} amount={12_000} i18n={i18n} />
          <LimitDecisionPanel
            decision={sampleDecision(25_000, now, 30 * 3_600_000)}
            amount={25_000}
            i18n={i18n}
          />
        </div>
      </Card>
      <Card title={t('kit.empty')}>
        <EmptyState title={t('kit.emptyTitle')} body={t('kit.emptyBody')} />
      </Card>
    </div>
  );
}
