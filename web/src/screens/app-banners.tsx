import { useEffect } from 'preact/hooks';
import { useAppState } from '../shell/app-state.ts';
import { hrefTo } from '../shell/router.ts';
import { Banner, Button, LinkButton } from '../ui/index.ts';

/** How long "ready to work offline" stays: news, not a state; it can be dismissed sooner. */
const OFFLINE_READY_SHOWN_MS = 10_000;

/**
 * The service worker's news: "A new version is ready — Reload" (the user chooses; nothing reloads
 * by itself) and, on a first visit, "ready to work offline". Either may arrive while someone is
 * half-way through a form, so they show as notices that float (AppLayout `notices`).
 */
export function AppNotices() {
  const state = useAppState();
  const { t } = state.i18n.value;
  const isOfflineReady = state.isOfflineReady.value;
  useEffect(() => {
    if (!isOfflineReady) return;
    let timer: ReturnType<typeof setTimeout>;
    // Not from under someone's focus: wait while a keyboard or screen reader is on it.
    const hideWhenNotFocused = () => {
      if (hasFocus()) timer = setTimeout(hideWhenNotFocused, OFFLINE_READY_SHOWN_MS);
      else state.isOfflineReady.value = false;
    };
    timer = setTimeout(hideWhenNotFocused, OFFLINE_READY_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [isOfflineReady, state]);
  if (state.isUpdateReady.value && !state.isUpdateDismissed.value) {
    return (
      <Banner
        tone="info"
        role={null}
        title={t('update.ready')}
        actions={
          <>
            <Button onClick={() => state.serviceWorker.value?.applyUpdate()}>
              {t('update.reload')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => dismiss(() => (state.isUpdateDismissed.value = true))}
            >
              {t('update.later')}
            </Button>
          </>
        }
      >
        {t('update.readyDetail')}
      </Banner>
    );
  }
  if (isOfflineReady) {
    return (
      <Banner
        tone="success"
        role={null}
        title={t('update.offlineReady')}
        actions={
          <Button
            variant="ghost"
            onClick={() => dismiss(() => (state.isOfflineReady.value = false))}
          >
            {t('action.dismiss')}
          </Button>
        }
      />
    );
  }
  return null;
}

/** Whether focus is inside a notice. */
const hasFocus = () => document.activeElement?.closest('.app-notices') != null;

/** Hides a notice; focus, which was on its button, goes to the screen rather than the page. */
function dismiss(hide: () => void) {
  hide();
  document.getElementById('main')?.focus({ preventScroll: true });
}

/** Sync waits for the user: a new sign-in, or an app update; or it keeps failing. */
function SyncBanner({ path }: { readonly path: string }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const session = state.session.value;
  const sync = state.sync.value;
  if (!session) return null;
  if (session.needsSignIn) {
    if (path === '/sign-in') return null;
    return (
      <Banner
        tone="danger"
        title={t('session.needsSignInTitle')}
        actions={<LinkButton href={hrefTo('/sign-in')}>{t('action.signInAgain')}</LinkButton>}
      >
        <p>{sync?.lastError ? i18n.errorMessage(sync.lastError.code) : t('session.needsSignIn')}</p>
      </Banner>
    );
  }
  if (sync?.pausedFor === 'app_update') {
    return (
      <Banner tone="warning" title={t('syncStatus.error')}>
        <p>{i18n.errorMessage('unsupported_protocol')}</p>
      </Banner>
    );
  }
  if (sync?.status === 'error' && sync.lastError) {
    return (
      <Banner
        tone="warning"
        title={t('syncStatus.error')}
        actions={
          <Button variant="secondary" onClick={() => void state.stores.value?.sync.syncNow()}>
            {t('action.retry')}
          </Button>
        }
      >
        <p>{i18n.errorMessage(sync.lastError.code)}</p>
      </Banner>
    );
  }
  return null;
}

/**
 * An urgent plan change shows on every screen until acknowledged (product.md §3). Home and the
 * plan show it themselves, with the button to acknowledge.
 */
function UrgentPlanBanner({ path, mayRecord }: { readonly path: string; mayRecord: boolean }) {
  const state = useAppState();
  const { t } = state.i18n.value;
  const plan = state.unacknowledgedPlan.value;
  if (!plan || !plan.isUrgent || path === '/' || path === '/plan' || !mayRecord) return null;
  if (!state.session.value) return null;
  return (
    <Banner
      tone="danger"
      title={t('plan.urgentTitle', { version: plan.version })}
      actions={<LinkButton href={hrefTo('/plan')}>{t('plan.readAndAcknowledge')}</LinkButton>}
    >
      <p>{plan.changeNote}</p>
    </Banner>
  );
}

/**
 * The messages across the top of every screen. `mayRecord`: the user records and acknowledges
 * (an auditor does neither).
 */
export function AppBanners({ path, mayRecord }: { readonly path: string; mayRecord: boolean }) {
  const state = useAppState();
  const { t } = state.i18n.value;
  return (
    <>
      {state.storesFailed.value ? (
        <Banner tone="danger" role="alert" title={t('app.storageFailedTitle')}>
          <p>{t('app.storageFailed')}</p>
        </Banner>
      ) : null}
      <SyncBanner path={path} />
      <UrgentPlanBanner path={path} mayRecord={mayRecord} />
    </>
  );
}
