import type { Role } from '../../../../shared/index.ts';
import type { I18n } from '../../i18n/index.ts';
import { Badge } from './badge.tsx';
import { Button } from './button.tsx';
import { Icon } from './icon.tsx';
import { ProgressBar } from './progress-bar.tsx';
import type { Tone } from './tone.ts';

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
  /** The plan version on the device; null before the first download. */
  readonly planVersion?: number | null;
  /** A plan version (or urgent change) waits to be acknowledged. */
  readonly hasUnreadPlan?: boolean;
  /**
   * The server refused this session (revoked or expired): syncing is paused, nothing is dropped,
   * and the user must sign in again. The link goes to the sign-in screen.
   */
  readonly signInHref?: string | null;
  /** Where "Waiting to sync" and "Need attention" lead (the user's records). */
  readonly recordsHref?: string;
  /** While the outbox drains. */
  readonly progress?: { readonly done: number; readonly total: number } | null;
  readonly onSyncNow?: () => void;
}

function ConnectionBadge({
  connection,
  isOffline,
}: {
  connection: { tone: Tone; text: string };
  isOffline: boolean;
}) {
  return (
    <Badge tone={connection.tone} hasDot>
      {isOffline ? <Icon name="offline" isSmall /> : null}
      {connection.text}
    </Badge>
  );
}

/**
 * What a user must always see (product.md §5): who they are, whether they are online, how many
 * records wait to sync, when the last sync succeeded, and whether plan and limits are current.
 * Not a live region: it changes too often to be read out; banners announce what needs action.
 * Every state is said in words; colour and icons only repeat it.
 */
export function StatusBar(props: StatusBarProps) {
  const { i18n, nowMs, who, isOnline, isSyncing, pendingCount, rejectedCount, lastSyncAt } = props;
  const { t } = i18n;
  const needsSignIn = Boolean(props.signInHref);
  const connection = needsSignIn
    ? { tone: 'danger' as const, text: t('status.paused') }
    : isSyncing
      ? { tone: 'info' as const, text: t('status.syncing') }
      : isOnline
        ? { tone: 'success' as const, text: t('status.online') }
        : { tone: 'neutral' as const, text: t('status.offline') };
  const pendingText =
    pendingCount > 0 ? t('status.pending', { count: pendingCount }) : t('status.allSent');
  return (
    <section class="status-bar" aria-label={t('a11y.status')}>
      <div class="status-bar__who">
        {who ? (
          <p class="status-bar__name">
            <span class="status-bar__person">{who.name}</span>
            <span class="status-bar__role">{t(`role.${who.role}`)}</span>
          </p>
        ) : (
          <p class="status-bar__name">{t('status.notSignedIn')}</p>
        )}
        {who ? null : <ConnectionBadge connection={connection} isOffline={!isOnline} />}
        {props.onSyncNow && !needsSignIn ? (
          <Button variant="secondary" onClick={props.onSyncNow} isBusy={isSyncing}>
            <Icon name="sync" isSmall />
            {t('action.syncNow')}
          </Button>
        ) : null}
      </div>
      {who ? (
        <div class="status-bar__facts">
          <ConnectionBadge connection={connection} isOffline={!isOnline && !isSyncing} />
          {props.signInHref ? (
            <a class="status-bar__alert tone-danger" href={props.signInHref}>
              <Icon name="alert" isSmall />
              {t('status.signInAgain')}
            </a>
          ) : null}
          {props.recordsHref && pendingCount > 0 ? (
            <a href={props.recordsHref}>{pendingText}</a>
          ) : (
            <span>{pendingText}</span>
          )}
          <span>
            {lastSyncAt === null
              ? t('status.neverSynced')
              : t('status.lastSync', { when: i18n.relative(lastSyncAt, nowMs) })}
          </span>
          {rejectedCount > 0 ? (
            <a class="status-bar__alert tone-danger" href={props.recordsHref}>
              {t('status.needsAttention', { count: rejectedCount })}
            </a>
          ) : null}
          {props.planVersion != null ? (
            <span>
              {props.hasUnreadPlan
                ? t('status.planUnread', { version: props.planVersion })
                : t('status.planVersion', { version: props.planVersion })}
            </span>
          ) : null}
          {props.isLimitsStale === null ? null : props.isLimitsStale ? (
            <Badge tone="warning">{t('status.limitsStale')}</Badge>
          ) : (
            <span>{t('status.limitsCurrent')}</span>
          )}
        </div>
      ) : null}
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
