import type { Role } from '../../../../shared/index.ts';
import type { I18n } from '../../i18n/index.ts';
import { Badge } from './badge.tsx';
import { Button } from './button.tsx';
import { Icon } from './icon.tsx';
import { ProgressBar } from './progress-bar.tsx';

export interface StatusBarProps {
  readonly i18n: I18n;
  /** For "5 min ago"; the shell ticks it so the bar stays true while the app is open. */
  readonly nowMs: number;
  /** Who is signed in; null when nobody is. */
  readonly who: { readonly name: string; readonly role: Role } | null;
  readonly isOnline: boolean;
  readonly isSyncing: boolean;
  /** Records waiting to be sent. */
  readonly pendingCount: number;
  /** Records the server refused, waiting for the user to fix or discard. */
  readonly rejectedCount: number;
  readonly lastSyncAt: number | null;
  /** Whether the limits on the device are too old to approve on it; null when unknown. */
  readonly isLimitsStale: boolean | null;
  /** A plan version (or urgent change) waits to be acknowledged. */
  readonly hasUnreadPlan?: boolean;
  /** While the outbox drains. */
  readonly progress?: { readonly done: number; readonly total: number } | null;
  readonly onSyncNow?: () => void;
}

/**
 * What a user must always see (product.md §5): who they are, whether they are online, how many
 * records wait to sync, when the last sync succeeded, and whether plan and limits are current.
 * Not a live region: it changes too often to be read out; banners announce what needs action.
 */
export function StatusBar(props: StatusBarProps) {
  const { i18n, nowMs, who, isOnline, isSyncing, pendingCount, rejectedCount, lastSyncAt } = props;
  const { t } = i18n;
  const connection = isSyncing
    ? { tone: 'info' as const, text: t('status.syncing') }
    : isOnline
      ? { tone: 'success' as const, text: t('status.online') }
      : { tone: 'neutral' as const, text: t('status.offline') };
  return (
    <section class="status-bar" aria-label={t('a11y.status')}>
      <div class="status-bar__who">
        <span class="status-bar__name">
          {who
            ? t('status.signedInAs', { name: who.name, role: t(`role.${who.role}`) })
            : t('status.notSignedIn')}
        </span>
        <Badge tone={connection.tone} hasDot>
          {isOnline || isSyncing ? null : <Icon name="offline" isSmall />}
          {connection.text}
        </Badge>
        {props.onSyncNow ? (
          <Button
            variant="ghost"
            isIconOnly
            aria-label={t('action.syncNow')}
            onClick={props.onSyncNow}
            isBusy={isSyncing}
          >
            <Icon name="sync" />
          </Button>
        ) : null}
      </div>
      <div class="status-bar__facts">
        <span>
          {pendingCount > 0 ? t('status.pending', { count: pendingCount }) : t('status.allSent')}
        </span>
        <span>
          {lastSyncAt === null
            ? t('status.neverSynced')
            : t('status.lastSync', { when: i18n.relative(lastSyncAt, nowMs) })}
        </span>
        {rejectedCount > 0 ? (
          <Badge tone="danger">{t('status.needsAttention', { count: rejectedCount })}</Badge>
        ) : null}
        {props.isLimitsStale ? <Badge tone="warning">{t('status.limitsStale')}</Badge> : null}
        {props.hasUnreadPlan ? <Badge tone="info">{t('status.planNew')}</Badge> : null}
      </div>
      {props.progress && props.progress.total > 0 ? (
        <ProgressBar
          value={props.progress.done}
          max={props.progress.total}
          label={t('sync.progressLabel')}
          valueText={t('sync.progress', props.progress)}
        />
      ) : null}
    </section>
  );
}
