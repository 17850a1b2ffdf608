import { useEffect, useRef, useState } from 'preact/hooks';
import { approvalWait } from '../../../../shared/index.ts';
import type { I18n } from '../../i18n/index.ts';
import type {
  Inbox,
  InboxApproval,
  InboxException,
  RefusedDecision,
} from '../../stores/approvals-store.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import {
  Badge,
  Banner,
  Button,
  DetailList,
  EmptyState,
  LinkButton,
  TextareaField,
  type DetailItem,
} from '../../ui/index.ts';
import { scopeLabel, useReferenceLists, type ReferenceLists } from '../common/reference.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { useAction } from '../common/use-action.ts';
import { FormError } from '../record/form-parts.tsx';

/** Reasons a supervisor gives most often: one tap each (the second tap of "reject"). */
const QUICK_REJECT_REASONS = [
  'approvals.quickReason.overPolicy',
  'approvals.quickReason.needsEvidence',
  'approvals.quickReason.otherRemedy',
] as const;

/** The approver's inbox: requests waiting on me, oldest first, and limit exceptions to acknowledge. */
export function InboxScreen() {
  const state = useAppState();
  const { t } = state.i18n.value;
  return (
    <ScreenFrame title={t('approvals.title')} intro={t('approvals.intro')}>
      {({ stores }) => <InboxBody stores={stores} inbox={state.inbox.value} />}
    </ScreenFrame>
  );
}

function InboxBody({ stores, inbox }: { stores: AppStores; inbox: Inbox | null }) {
  const state = useAppState();
  const { t } = state.i18n.value;
  const lists = useReferenceLists(stores.reference);
  if (inbox === null) return null;
  if (!inbox.isApprover) {
    return <EmptyState icon="inbox" title={t('approvals.notApprover')} />;
  }
  const isEmpty =
    inbox.approvals.length === 0 && inbox.exceptions.length === 0 && inbox.refused.length === 0;
  return (
    <>
      {inbox.refused.map((r) => (
        <RefusedBanner key={r.id} refused={r} stores={stores} />
      ))}
      {isEmpty ? (
        <EmptyState icon="check" title={t('approvals.empty')} body={t('approvals.emptyBody')} />
      ) : null}
      {inbox.approvals.length > 0 ? (
        <section class="stack" aria-labelledby="approvals-waiting">
          <h2 id="approvals-waiting">
            {t('approvals.waiting', { count: inbox.approvals.length })}
          </h2>
          {inbox.approvals.map((item) => (
            <ApprovalCard key={item.request.id} item={item} stores={stores} lists={lists} />
          ))}
        </section>
      ) : null}
      {inbox.exceptions.length > 0 ? (
        <section class="stack" aria-labelledby="approvals-exceptions">
          <h2 id="approvals-exceptions">
            {t('approvals.exceptions', { count: inbox.exceptions.length })}
          </h2>
          {inbox.exceptions.map((item) => (
            <ExceptionCard key={item.exception.id} item={item} stores={stores} />
          ))}
        </section>
      ) : null}
      {state.session.value?.user.role === 'supervisor' ? (
        <LinkButton href={hrefTo('/approvals/phone')} variant="secondary" isBlock>
          {t('approvals.phone.open')}
        </LinkButton>
      ) : null}
    </>
  );
}

/** A decision of mine that did not apply, said plainly (AP2: the first decision wins). */
function RefusedBanner({ refused, stores }: { refused: RefusedDecision; stores: AppStores }) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const r = refused.request;
  const who = refused.requester?.displayName ?? t('approvals.someone');
  const amount = r ? i18n.money(r.amount.amount, r.amount.currency) : '';
  const mine = t(refused.decision === 'approve' ? 'approvals.yourApprove' : 'approvals.yourReject');
  const isLostRace = refused.rejection.code === 'conflict';
  return (
    <Banner
      tone="warning"
      role="alert"
      title={
        isLostRace
          ? t('approvals.lostRace', { decision: mine, who, amount })
          : t('approvals.notApplied', { decision: mine, who, amount })
      }
      actions={
        <Button variant="secondary" onClick={() => void stores.records.discard(refused.id)}>
          {t('approvals.dismiss')}
        </Button>
      }
    >
      {isLostRace && r ? (
        <p>
          {t('approvals.lostRaceDetail', {
            state: t(`approvalState.${r.state}`),
            by: refused.decidedBy ?? t('approvals.someone'),
          })}
        </p>
      ) : (
        <p>{i18n.errorMessage(refused.rejection.code)}</p>
      )}
      <p class="muted">{t('records.serverSaid', { message: refused.rejection.message })}</p>
    </Banner>
  );
}

/** What decides it, shown at once: each limit exceeded and by how much, and the period use. */
function approvalFacts(item: InboxApproval, i18n: I18n): DetailItem[] {
  const { t } = i18n;
  const r = item.request;
  const money = (minor: number) => i18n.money(minor, r.amount.currency);
  const items: DetailItem[] = r.exceeded.map((e) => ({
    term: t(`reason.${e.code}`),
    detail:
      e.limit === null || e.excess === null
        ? t(`reason.${e.code}`)
        : e.period
          ? t('approvals.exceededPeriod', {
              limit: money(e.limit),
              excess: money(e.excess),
              period: t(`period.${e.period}`),
            })
          : t('approvals.exceededCase', { limit: money(e.limit), excess: money(e.excess) }),
  }));
  const use = r.periodUse;
  if (use) {
    items.push({
      term: t('approvals.periodUse'),
      detail: t('approvals.periodUseDetail', {
        used: money(use.used),
        limit: money(use.limit),
        period: t(`period.${use.period}`),
      }),
    });
  }
  return items;
}

/** The rest, one tap away: the requester's reason, the incident and the tactics. */
function approvalContext(item: InboxApproval, i18n: I18n): DetailItem[] {
  const { t } = i18n;
  const items: DetailItem[] = [];
  if (item.recovery) items.push({ term: t('recovery.reason'), detail: item.recovery.reason });
  if (item.incident) {
    items.push({
      term: t('approvals.incident'),
      detail: `${t(`category.${item.incident.category}`)} · ${item.incident.description}`,
    });
  }
  items.push({
    term: t('approvals.tactics'),
    detail:
      item.tactics.length > 0
        ? item.tactics.map((x) => x.title).join(t('list.separator'))
        : t('records.none.value'),
  });
  items.push({ term: t('approvals.received'), detail: i18n.when(item.request.createdAt) });
  return items;
}

type Step = 'idle' | 'confirmApprove' | 'chooseReason';

/** One request: everything to decide it, and approve or reject in two taps. */
function ApprovalCard({
  item,
  stores,
  lists,
}: {
  item: InboxApproval;
  stores: AppStores;
  lists: ReferenceLists;
}) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  // From the app's ticking clock, so an open inbox counts on (AP3: since the server received it).
  const nowMs = state.nowMs.value;
  const { waitingMs, isPastSla } = approvalWait(item.request, nowMs);
  const [step, setStep] = useState<Step>('idle');
  const [reason, setReason] = useState('');
  const { isBusy, problem, run } = useAction();
  const stepRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (step !== 'idle') stepRef.current?.querySelector<HTMLElement>('button, textarea')?.focus();
  }, [step]);
  const r = item.request;
  const amount = i18n.money(r.amount.amount, r.amount.currency);
  const who = item.requester?.displayName ?? t('approvals.someone');
  const titleId = `approval-${r.id}`;

  async function decide(decision: 'approve' | 'reject', why?: string) {
    if (await run(() => stores.approvals.decide(r.id, decision, why))) {
      setStep('idle');
      setReason('');
    }
  }

  return (
    <section class="card approval" aria-labelledby={titleId} data-request-id={r.id}>
      <h3 class="card__title" id={titleId}>
        {t('approvals.asks', { who, amount })}
      </h3>
      <p class="row">
        <Badge tone={isPastSla ? 'danger' : 'warning'} hasDot>
          {isPastSla
            ? t('approvals.waitingPastSla', { duration: i18n.duration(waitingMs) })
            : t('approvals.waitingFor', { duration: i18n.duration(waitingMs) })}
        </Badge>
        {r.state === 'escalated' ? <Badge tone="info">{t('approvalState.escalated')}</Badge> : null}
      </p>
      <p class="muted">
        {[
          t(`compensation.${r.compensationType}`),
          r.customerRef,
          scopeLabel(lists, r.scope, i18n.lang, t),
        ].join(' · ')}
      </p>
      <DetailList items={approvalFacts(item, i18n)} />
      <FormError message={problem} />
      {item.queued ? (
        <Banner
          tone="info"
          title={t(
            item.queued.decision === 'approve'
              ? 'approvals.queuedApprove'
              : 'approvals.queuedReject',
          )}
        >
          <p>{t('approvals.queuedDetail')}</p>
        </Banner>
      ) : step === 'confirmApprove' ? (
        // Keyed per step: Preact would otherwise turn the "Reject" button into the step's
        // "Cancel" in place, and the danger red fades out of it over the button transition.
        <div class="stack" ref={stepRef} key="confirmApprove">
          <Button isBlock isBusy={isBusy} onClick={() => void decide('approve')}>
            {t('approvals.confirmApprove', { amount })}
          </Button>
          <Button variant="ghost" onClick={() => setStep('idle')}>
            {t('action.cancel')}
          </Button>
        </div>
      ) : step === 'chooseReason' ? (
        <div class="stack" ref={stepRef} key="chooseReason">
          <p>{t('approvals.rejectWhy')}</p>
          {QUICK_REJECT_REASONS.map((key) => (
            <Button
              key={key}
              variant="secondary"
              isBlock
              isBusy={isBusy}
              onClick={() => void decide('reject', t(key))}
            >
              {t(key)}
            </Button>
          ))}
          <TextareaField
            label={t('approvals.ownReason')}
            value={reason}
            onValue={setReason}
            maxLength={2000}
            rows={2}
          />
          <Button
            variant="danger"
            isBlock
            isBusy={isBusy}
            disabled={reason.trim() === ''}
            onClick={() => void decide('reject', reason)}
          >
            {t('approvals.rejectWithReason')}
          </Button>
          <Button variant="ghost" onClick={() => setStep('idle')}>
            {t('action.cancel')}
          </Button>
        </div>
      ) : (
        <div class="row" key="idle">
          <Button onClick={() => setStep('confirmApprove')}>{t('approvals.approve')}</Button>
          <Button variant="danger" onClick={() => setStep('chooseReason')}>
            {t('approvals.reject')}
          </Button>
        </div>
      )}
      <details class="section">
        <summary>{t('approvals.more')}</summary>
        <div class="section__body">
          <DetailList items={approvalContext(item, i18n)} />
        </div>
      </details>
    </section>
  );
}

/** A limit exception: what happened, and an acknowledgement with a comment (AP9). */
function ExceptionCard({ item, stores }: { item: InboxException; stores: AppStores }) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const [comment, setComment] = useState('');
  const { isBusy, problem, run } = useAction();
  const e = item.exception;
  const who = item.requester?.displayName ?? t('approvals.someone');
  const titleId = `exception-${e.id}`;

  async function acknowledge() {
    if (await run(() => stores.approvals.acknowledgeException(e.id, comment))) setComment('');
  }

  return (
    <section class="card" aria-labelledby={titleId} data-exception-id={e.id}>
      <h3 class="card__title" id={titleId}>
        {t('approvals.exceptionTitle', {
          who,
          amount: i18n.money(e.amount.amount, e.amount.currency),
        })}
      </h3>
      <DetailList
        items={[
          {
            term: t('approvals.exceptionWhy'),
            detail: e.reasons
              .map((code) =>
                code === 'phone_code_invalid'
                  ? t(`approvals.phoneProblem.${e.phoneCode?.problem ?? 'wrong_code'}`)
                  : t(`reason.${code}`),
              )
              .join(t('list.separator')),
          },
          { term: t('approvals.raisedAt'), detail: i18n.when(e.raisedAt) },
          ...(item.recovery
            ? [
                { term: t('form.customerRef'), detail: item.recovery.customerRef },
                { term: t('recovery.reason'), detail: item.recovery.reason },
              ]
            : []),
        ]}
      />
      <FormError message={problem} />
      {item.isQueued ? (
        <Banner tone="info" title={t('approvals.ackQueued')} />
      ) : (
        <>
          <TextareaField
            label={t('approvals.ackComment')}
            value={comment}
            onValue={setComment}
            maxLength={2000}
            rows={2}
          />
          <Button
            variant="secondary"
            isBusy={isBusy}
            disabled={comment.trim() === ''}
            onClick={() => void acknowledge()}
          >
            {t('approvals.acknowledge')}
          </Button>
        </>
      )}
    </section>
  );
}
