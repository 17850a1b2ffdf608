import { approvalWait } from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyApproval } from '../../stores/approvals-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Banner, Button } from '../../ui/index.ts';
import type { Tone } from '../../ui/index.ts';
import { useLive } from '../common/use-stores.ts';
import { useAction } from '../common/use-action.ts';
import { FormError } from '../record/form-parts.tsx';

/**
 * The requester's side of a recovery that needed approval: queued, waiting (and for how long),
 * approved (then *mark as given*), rejected with the reason, withdrawn or expired; and withdraw
 * while it waits.
 */
export function MyApprovalPanel({ stores, recoveryId }: { stores: AppStores; recoveryId: string }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const nowMs = state.nowMs.value;
  const view = useLive(() => stores.approvals.myApproval(recoveryId), [stores, recoveryId], null);
  const { isBusy, problem, run } = useAction();
  if (view === null) return null;

  const { tone, title, detail } = describe(view, nowMs);
  return (
    <div class="stack" data-approval-state={view.request?.state ?? 'queued'}>
      <Banner tone={tone} role="status" title={title}>
        {detail ? <p>{detail}</p> : null}
        {view.pendingCommand ? (
          <p>
            {t(
              view.pendingCommand === 'recovery.markGiven'
                ? 'myApproval.givenQueued'
                : 'myApproval.withdrawQueued',
            )}
          </p>
        ) : null}
      </Banner>
      <FormError message={problem} />
      {view.mayMarkGiven ? (
        <Button
          isBlock
          isBusy={isBusy}
          onClick={() => void run(() => stores.approvals.markGiven(recoveryId))}
        >
          {t('myApproval.markGiven')}
        </Button>
      ) : null}
      {view.mayWithdraw ? (
        <Button
          variant="secondary"
          isBlock
          isBusy={isBusy}
          onClick={() => void run(() => stores.approvals.withdraw(recoveryId))}
        >
          {t('myApproval.withdraw')}
        </Button>
      ) : null}
    </div>
  );

  function describe(
    v: MyApproval,
    now: number,
  ): { tone: Tone; title: string; detail: string | null } {
    const r = v.request;
    if (r === null) {
      return v.isPhoneApproved
        ? {
            tone: 'success',
            title: t('myApproval.phoneApproved'),
            detail: t('myApproval.phoneApprovedDetail'),
          }
        : { tone: 'warning', title: t('myApproval.queued'), detail: t('myApproval.queuedDetail') };
    }
    const by = v.decidedBy ?? t('approvals.someone');
    switch (r.state) {
      case 'pending':
      case 'escalated':
        return {
          tone: 'warning',
          title: t('myApproval.waiting', {
            duration: i18n.duration(approvalWait(r, now).waitingMs),
          }),
          detail: t(
            r.state === 'escalated' ? 'myApproval.waitsOnManager' : 'myApproval.waitsOnSupervisor',
          ),
        };
      case 'approved':
        return {
          tone: 'success',
          title: t(
            r.decidedVia === 'phone_code' ? 'myApproval.approvedByPhone' : 'myApproval.approved',
            { by },
          ),
          detail: r.reason ?? null,
        };
      case 'rejected':
        return {
          tone: 'danger',
          title: t('myApproval.rejected', { by }),
          detail: r.reason ? t('myApproval.reason', { reason: r.reason }) : null,
        };
      case 'withdrawn':
        return { tone: 'neutral', title: t('myApproval.withdrawn'), detail: null };
      case 'expired':
        return {
          tone: 'neutral',
          title: t('myApproval.expired'),
          detail: t('myApproval.expiredDetail'),
        };
    }
  }
}
