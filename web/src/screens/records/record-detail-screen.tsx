import { useEffect, useRef, useState } from 'preact/hooks';
import type { I18n } from '../../i18n/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import {
  Badge,
  Banner,
  Button,
  Card,
  DetailList,
  EmptyState,
  LinkButton,
  type DetailItem,
} from '../../ui/index.ts';
import { codeName, useReferenceLists, type ReferenceLists } from '../common/reference.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { useLive } from '../common/use-stores.ts';
import { fieldLabel } from './field-label.ts';
import { MyApprovalPanel } from '../approvals/my-approval-panel.tsx';
import { FixForm } from './fix-form.tsx';
import { IncidentStatusCard } from './incident-status.tsx';
import { IncidentPhotos } from '../common/photo-thumbs.tsx';
import { summarise } from './record-summary.ts';
import { useAction } from '../common/use-action.ts';
import { FormError } from '../record/form-parts.tsx';

/** One of my records: what it says, where it stands, and — if refused — a way to fix it. */
export function RecordDetailScreen({ id }: { readonly id: string }) {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('records.detailTitle')}
      back={{ href: hrefTo('/records'), label: t('records.title') }}
    >
      {({ stores }) => <RecordDetail stores={stores} id={id} />}
    </ScreenFrame>
  );
}

/** The fields of a record, in words. */
export function recordDetails(record: MyRecord, i18n: I18n, lists: ReferenceLists): DetailItem[] {
  const { t } = i18n;
  const scope = (s: { product: string; segment: string; region: string }) =>
    (['product', 'segment', 'region'] as const)
      .map((kind) => codeName(lists, kind, s[kind], i18n.lang, t))
      .join(' · ');
  const items: DetailItem[] = [
    { term: t('records.field.savedAt'), detail: i18n.when(record.createdAt) },
  ];
  switch (record.name) {
    case 'incident.record': {
      const a = record.args;
      items.push(
        { term: t('incident.category'), detail: t(`category.${a.category}`) },
        { term: t('records.field.scope'), detail: scope(a.scope) },
        { term: t('form.customerRef'), detail: a.customerRef ?? t('records.none.value') },
        { term: t('incident.when'), detail: i18n.when(a.occurredAt) },
        ...(a.location
          ? [
              {
                term: t('location.label'),
                detail: t('location.at', {
                  lat: a.location.lat.toFixed(5),
                  lng: a.location.lng.toFixed(5),
                  accuracy: a.location.accuracyM,
                }),
              },
            ]
          : []),
        { term: t('incident.description'), detail: a.description },
        {
          term: t('records.field.severity'),
          detail: t('records.severity', {
            likelihood: a.severity.likelihood,
            impact: a.severity.impact,
            score: a.severity.likelihood * a.severity.impact,
          }),
        },
        { term: t('records.field.tacticsShown'), detail: String(a.tacticIdsShown.length) },
      );
      break;
    }
    case 'recovery.record': {
      const a = record.args;
      const d = a.deviceDecision;
      items.push(
        { term: t('recovery.type'), detail: t(`compensation.${a.compensationType}`) },
        { term: t('recovery.amount'), detail: i18n.money(a.amount.amount, a.amount.currency) },
        { term: t('form.customerRef'), detail: a.customerRef },
        { term: t('records.field.scope'), detail: scope(a.scope) },
        { term: t('recovery.reason'), detail: a.reason },
        { term: t('recovery.when'), detail: i18n.when(a.occurredAt) },
        {
          term: t('records.field.decision'),
          detail:
            d.outcome === 'within_limit'
              ? t('outcome.within_limit')
              : `${t('outcome.needs_approval')}: ${d.reasons.map((r) => t(`reason.${r}`)).join(t('list.separator'))}`,
        },
      );
      if (a.satisfaction !== null)
        items.push({
          term: t('recovery.satisfaction'),
          detail: t(`satisfaction.${String(a.satisfaction) as '1' | '2' | '3' | '4' | '5'}`),
        });
      break;
    }
    case 'competitorAction.record': {
      const a = record.args;
      items.push(
        { term: t('competitor.competitor'), detail: a.competitor },
        { term: t('competitor.actionType'), detail: t(`competitorAction.${a.actionType}`) },
        { term: t('scope.region'), detail: codeName(lists, 'region', a.region, i18n.lang, t) },
        {
          term: t('competitor.products'),
          detail: a.products
            .map((p) => codeName(lists, 'product', p, i18n.lang, t))
            .join(t('list.separator')),
        },
        { term: t('competitor.seenAt'), detail: i18n.when(a.seenAt) },
        { term: t('competitor.impact'), detail: t(`impact.${a.predictedImpact}`) },
        { term: t('competitor.description'), detail: a.description },
      );
      break;
    }
    case 'feedback.send':
      items.push(
        { term: t('feedback.kind'), detail: t(`feedback.kind.${record.args.kind}`) },
        { term: t('feedback.about'), detail: t(`feedback.subject.${record.args.subject.kind}`) },
        { term: t('feedback.text'), detail: record.args.text },
      );
      if (record.doc?.answer)
        items.push({ term: t('records.field.answer'), detail: record.doc.answer.text });
      break;
    case 'task.update':
      items.push(
        { term: t('tasks.status'), detail: t(`taskStatus.${record.args.status}`) },
        { term: t('tasks.note'), detail: record.args.note || t('records.none.value') },
      );
      break;
    case 'plan.acknowledge':
      items.push({
        term: t('records.field.acknowledgedAt'),
        detail: i18n.when(record.args.acknowledgedAt),
      });
      break;
    case 'incident.setStatus':
      items.push({ term: t('tasks.status'), detail: t(`incidentStatus.${record.args.status}`) });
      break;
  }
  return items;
}

/** "Discard this record?" — asked in place; focus moves to the question. */
function ConfirmDiscard(props: { isBusy: boolean; onDiscard: () => void; onKeep: () => void }) {
  const { t } = useAppState().i18n.value;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section class="card confirm tone-danger" aria-labelledby="discard-title">
      <h2 id="discard-title" ref={headingRef} tabIndex={-1}>
        {t('records.discardConfirmTitle')}
      </h2>
      <p>{t('records.discardConfirm')}</p>
      <div class="row">
        <Button variant="danger" onClick={props.onDiscard} isBusy={props.isBusy}>
          {t('records.discardForGood')}
        </Button>
        <Button variant="secondary" onClick={props.onKeep}>
          {t('records.keep')}
        </Button>
      </div>
    </section>
  );
}

function RecordDetail({ stores, id }: { stores: AppStores; id: string }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const records = useLive(() => stores.records.mine, [stores], null);
  const lists = useReferenceLists(stores.reference);
  const [isConfirming, setConfirming] = useState(false);
  const { isBusy, problem, run } = useAction();
  const [resent, setResent] = useState(false);
  if (records === null) return null;
  const record = records.find((r) => r.id === id);
  if (!record) {
    return (
      <EmptyState
        icon="alert"
        title={t('records.gone')}
        body={t('records.goneBody')}
        action={<LinkButton href={hrefTo('/records')}>{t('records.title')}</LinkButton>}
      />
    );
  }
  const s = summarise(record, i18n, state.plan.value ?? null);
  const rejection = record.rejection;
  const fieldName = fieldLabel(rejection?.field, t);

  async function discard() {
    if (record && (await run(() => stores.records.discard(record.id)))) state.navigate('/records');
  }

  return (
    <>
      <p class="lead">
        <strong>{s.title}</strong>
      </p>
      <p class="row">
        <Badge tone={s.sync.tone} hasDot>
          {s.sync.text}
        </Badge>
        {s.status ? <Badge tone={s.status.tone}>{s.status.text}</Badge> : null}
      </p>
      <p class="muted">{t(`recordState.detail.${record.syncState}`)}</p>
      {record.name === 'incident.record' && record.syncState !== 'needs_attention' ? (
        <IncidentStatusCard stores={stores} incident={record} records={records} />
      ) : null}
      {record.name === 'recovery.record' && record.syncState !== 'needs_attention' ? (
        <MyApprovalPanel stores={stores} recoveryId={record.id} />
      ) : null}
      {resent && record.syncState !== 'needs_attention' ? (
        <Banner tone="success" title={t('records.resent')} />
      ) : null}
      {rejection ? (
        <Banner tone="danger" title={t('records.refused')}>
          <p>{i18n.errorMessage(rejection.code)}</p>
          {fieldName ? <p>{t('records.refusedField', { field: fieldName })}</p> : null}
          <p class="muted">{t('records.serverSaid', { message: rejection.message })}</p>
        </Banner>
      ) : null}
      <FormError message={problem} />
      {record.syncState === 'needs_attention' ? (
        <FixForm
          key={record.id}
          record={record}
          stores={stores}
          lists={lists}
          onResent={() => setResent(true)}
        />
      ) : null}
      <Card title={t('records.whatWasRecorded')}>
        <DetailList items={recordDetails(record, i18n, lists)} />
      </Card>
      {record.name === 'incident.record' && record.args.photoIds.length > 0 ? (
        <IncidentPhotos photos={stores.photos} ids={record.args.photoIds} />
      ) : null}
      {record.name === 'incident.record' ? (
        <LinkButton href={hrefTo(`/record/recovery/${record.id}`)} variant="secondary" isBlock>
          {t('incident.recordRecovery')}
        </LinkButton>
      ) : null}
      {record.syncState === 'needs_attention' ? (
        isConfirming ? (
          <ConfirmDiscard
            isBusy={isBusy}
            onDiscard={() => void discard()}
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            {t('records.discard')}
          </Button>
        )
      ) : null}
    </>
  );
}
