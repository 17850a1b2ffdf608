import { findTask, type PlanVersion, type RecoveryStatus } from '../../../../shared/index.ts';
import { deviceRecoveryStatus } from '../../db/recovery-status.ts';
import type { I18n } from '../../i18n/index.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import type { Tone } from '../../ui/index.ts';

/** How a record reads in a list: what it is, its gist, where it stands with sync and approval. */
export interface RecordSummary {
  readonly title: string;
  readonly detail: string;
  readonly sync: { readonly tone: Tone; readonly text: string };
  /** A recovery's status (given, awaiting approval…); null for other records. */
  readonly status: { readonly tone: Tone; readonly text: string } | null;
}

const SYNC_TONE = {
  saved_on_device: 'neutral',
  synced: 'success',
  needs_attention: 'danger',
} as const satisfies Record<MyRecord['syncState'], Tone>;

const RECOVERY_TONE = {
  given: 'success',
  approved: 'success',
  awaiting_approval: 'warning',
  rejected: 'danger',
  withdrawn: 'neutral',
  expired: 'neutral',
} as const satisfies Record<RecoveryStatus, Tone>;

/** The recovery's status: the server's once pulled, else what the device decided. */
export function recoveryStatusOf(record: Extract<MyRecord, { name: 'recovery.record' }>) {
  return record.doc?.status ?? deviceRecoveryStatus(record.args.deviceDecision);
}

export function summarise(record: MyRecord, i18n: I18n, plan: PlanVersion | null): RecordSummary {
  const { t } = i18n;
  const sync = { tone: SYNC_TONE[record.syncState], text: t(`recordState.${record.syncState}`) };
  const when = i18n.when(record.createdAt);
  switch (record.name) {
    case 'incident.record': {
      const a = record.args;
      return {
        title: t('records.incident', { category: t(`category.${a.category}`) }),
        detail: a.customerRef ? `${a.customerRef} · ${when}` : when,
        sync,
        status: record.doc
          ? { tone: 'info', text: t(`incidentStatus.${record.doc.status}`) }
          : null,
      };
    }
    case 'recovery.record': {
      const a = record.args;
      const status = recoveryStatusOf(record);
      return {
        title: t('records.recovery', {
          type: t(`compensation.${a.compensationType}`),
          amount: i18n.money(a.amount.amount, a.amount.currency),
        }),
        detail: `${a.customerRef} · ${when}`,
        sync,
        status: { tone: RECOVERY_TONE[status], text: t(`recoveryStatus.${status}`) },
      };
    }
    case 'competitorAction.record':
      return {
        title: t('records.competitor', { competitor: record.args.competitor }),
        detail: `${t(`competitorAction.${record.args.actionType}`)} · ${when}`,
        sync,
        status: null,
      };
    case 'feedback.send':
      return {
        title: t(`records.feedback.${record.args.kind}`),
        detail: `${record.args.text.slice(0, 60)}${record.args.text.length > 60 ? '…' : ''}`,
        sync,
        status: null,
      };
    case 'plan.acknowledge': {
      const isCurrent = plan?.id === record.args.planVersionId;
      return {
        title: isCurrent
          ? t('records.acknowledgedVersion', { version: plan.version })
          : t('records.acknowledged'),
        detail: when,
        sync,
        status: null,
      };
    }
    case 'task.update': {
      const task = plan ? findTask(plan, record.args.taskId) : undefined;
      return {
        title: t('records.taskUpdate', { status: t(`taskStatus.${record.args.status}`) }),
        detail: task ? `${task.title} · ${when}` : when,
        sync,
        status: null,
      };
    }
    case 'incident.setStatus':
      return {
        title: t('records.incidentStatus', { status: t(`incidentStatus.${record.args.status}`) }),
        detail: when,
        sync,
        status: null,
      };
    case 'approval.decide':
      return {
        title: t(
          record.args.decision === 'approve'
            ? 'records.approvalApproved'
            : 'records.approvalRejected',
        ),
        detail: record.args.reason ? `${record.args.reason} · ${when}` : when,
        sync,
        status: null,
      };
    case 'approval.withdraw':
      return { title: t('records.approvalWithdrawn'), detail: when, sync, status: null };
    case 'recovery.markGiven':
      return { title: t('records.markedGiven'), detail: when, sync, status: null };
    case 'limitException.acknowledge':
      return {
        title: t('records.exceptionAcknowledged'),
        detail: `${record.args.comment.slice(0, 60)} · ${when}`,
        sync,
        status: null,
      };
  }
}
