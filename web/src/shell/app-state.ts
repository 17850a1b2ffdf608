import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createI18n, preferredLang, type I18n, type Lang } from '../i18n/index.ts';
import type { PlanVersion } from '../../../shared/index.ts';
import type { ServiceWorkerControl } from '../pwa/register.ts';
import type { AppStores } from '../stores/app-stores.ts';
import type { Inbox } from '../stores/approvals-store.ts';
import type { MyLimits } from '../stores/limits-store.ts';
import type { SessionView } from '../stores/session-store.ts';
import type { SyncState } from '../sync/sync-state.ts';
import { hrefTo, pathFromHash } from './router.ts';

/**
 * The app's state: signals made by a factory and passed down through context, never module
 * globals, so each test (and each mounted app) has its own.
 */
export interface AppState {
  readonly lang: ReadonlySignal<Lang>;
  /** Words, money and times in the current language. */
  readonly i18n: ReadonlySignal<I18n>;
  /** The current in-app path, from the hash (`/`, `/plan`, `/records/…`). */
  readonly path: Signal<string>;
  readonly isOnline: Signal<boolean>;
  /** Ticks while the app is open, so "5 min ago" stays true. */
  readonly nowMs: Signal<number>;
  /** A new version is installed and waits for the user to choose "Reload". */
  readonly isUpdateReady: Signal<boolean>;
  /** The user chose "Later"; the banner comes back on the next start. */
  readonly isUpdateDismissed: Signal<boolean>;
  /** The service worker finished its first install: the app now opens offline. */
  readonly isOfflineReady: Signal<boolean>;
  readonly serviceWorker: Signal<ServiceWorkerControl | null>;
  /**
   * The data layer, null until it has loaded. main.tsx should load it with `import()` after the
   * first render: Dexie, the sync engine and the zod schemas are ~44 KB gzip, and with them in
   * the first chunk the initial JS passes the 75 KB budget (test/build/pwa-build.test.ts).
   */
  readonly stores: Signal<AppStores | null>;
  /** The data layer could not start (IndexedDB blocked or broken): the app cannot keep records. */
  readonly storesFailed: Signal<boolean>;
  /**
   * Values the whole shell shows, kept equal to the stores by `connectStores` (shell/connect-stores.ts).
   * `undefined` until the first value has arrived from IndexedDB: screens show a skeleton, not a
   * sign-in form that flashes away.
   */
  readonly session: Signal<SessionView | null | undefined>;
  readonly sync: Signal<SyncState | null>;
  readonly myLimits: Signal<MyLimits | null | undefined>;
  readonly plan: Signal<PlanVersion | null | undefined>;
  /** The current plan while I have not acknowledged it. */
  readonly unacknowledgedPlan: Signal<PlanVersion | null>;
  /**
   * Whether a session may be stored on this device, known before the data layer has loaded: false
   * on a first visit (no service worker yet, no earlier answer) and after a sign-out, so the
   * sign-in form can show at once instead of a skeleton while Dexie and the schemas download.
   */
  readonly mayHaveSession: boolean;
  /** What waits on me as an approver (its `count` is the tab's badge); null until read. */
  readonly inbox: Signal<Inbox | null>;
  setLang(lang: Lang): void;
  /** Goes to an in-app path (`/records/…`), as a link would. */
  navigate(path: string): void;
}

export interface AppStateDeps {
  readonly savedLang: string | null;
  readonly browserLanguages: readonly string[];
  readonly isOnline: boolean;
  readonly hash: string;
  readonly nowMs: number;
  /** See `AppState.mayHaveSession`; true (wait for the data layer) unless known otherwise. */
  readonly mayHaveSession?: boolean;
  /** Remembers the language on this device. */
  readonly saveLang?: (lang: Lang) => void;
  /** Puts a new hash in the address bar; without it, only the path signal changes. */
  readonly setHash?: (hash: string) => void;
}

export function createAppState(deps: AppStateDeps): AppState {
  const lang = signal<Lang>(preferredLang(deps.savedLang, deps.browserLanguages));
  const path = signal(pathFromHash(deps.hash) ?? '/');
  return {
    lang,
    i18n: computed(() => createI18n(lang.value)),
    path,
    isOnline: signal(deps.isOnline),
    nowMs: signal(deps.nowMs),
    isUpdateReady: signal(false),
    isUpdateDismissed: signal(false),
    isOfflineReady: signal(false),
    serviceWorker: signal(null),
    stores: signal(null),
    storesFailed: signal(false),
    session: signal(undefined),
    sync: signal(null),
    myLimits: signal(undefined),
    plan: signal(undefined),
    unacknowledgedPlan: signal(null),
    mayHaveSession: deps.mayHaveSession ?? true,
    inbox: signal(null),
    setLang(next) {
      lang.value = next;
      deps.saveLang?.(next);
    },
    navigate(next) {
      if (deps.setHash) deps.setHash(hrefTo(next));
      path.value = next;
    },
  };
}

const LANG_KEY = 'frontline.lang';
/** '1' while a session is stored on this device, '0' once none is: a hint read before Dexie loads. */
const SESSION_HINT_KEY = 'frontline.hasSession';

/** The app state of this browser tab, from `window`. */
export function createBrowserAppState(win: Window): AppState {
  let savedLang: string | null = null;
  let sessionHint: string | null = null;
  try {
    savedLang = win.localStorage.getItem(LANG_KEY);
    sessionHint = win.localStorage.getItem(SESSION_HINT_KEY);
  } catch {
    // Storage blocked (private mode, policy): the browser's languages decide.
  }
  // No hint yet: a page no service worker controls is a first visit (nothing can be stored);
  // otherwise wait for the data layer, as before the hint existed.
  const mayHaveSession =
    sessionHint === '1' ||
    (sessionHint === null && Boolean(win.navigator.serviceWorker?.controller));
  return createAppState({
    savedLang,
    browserLanguages: win.navigator.languages ?? [win.navigator.language],
    isOnline: win.navigator.onLine,
    hash: win.location.hash,
    nowMs: Date.now(),
    mayHaveSession,
    saveLang: (lang) => {
      try {
        win.localStorage.setItem(LANG_KEY, lang);
      } catch {
        // Not remembered; the switch still works for this visit.
      }
    },
    setHash: (hash) => {
      win.location.hash = hash;
    },
  });
}

/**
 * Connects the state to the browser: the hash, connectivity, a clock, and `<html lang>` plus the
 * title following the language (screen readers pick their voice from `lang`). Returns a disposer.
 */
export function connectBrowser(state: AppState, win: Window, tickMs = 30_000): () => void {
  const onHash = () => {
    const path = pathFromHash(win.location.hash);
    if (path !== null) state.path.value = path;
  };
  const onOnline = () => (state.isOnline.value = win.navigator.onLine);
  const tick = () => (state.nowMs.value = Date.now());
  win.addEventListener('hashchange', onHash);
  win.addEventListener('online', onOnline);
  win.addEventListener('offline', onOnline);
  win.document.addEventListener('visibilitychange', tick);
  const timer = win.setInterval(tick, tickMs);
  const stopSessionHint = effect(() => {
    const session = state.session.value;
    if (session === undefined) return;
    try {
      win.localStorage.setItem(SESSION_HINT_KEY, session === null ? '0' : '1');
    } catch {
      // Not remembered: the next start waits for the data layer, as it always could.
    }
  });
  const stopLangEffect = effect(() => {
    const { locale, t } = state.i18n.value;
    win.document.documentElement.lang = locale;
    win.document.title = t('app.name');
  });
  return () => {
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener('online', onOnline);
    win.removeEventListener('offline', onOnline);
    win.document.removeEventListener('visibilitychange', tick);
    win.clearInterval(timer);
    stopLangEffect();
    stopSessionHint();
  };
}

export const AppStateContext = createContext<AppState | null>(null);

/** The app state, for screens. Components never call this: they take props. */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (state === null)
    throw new Error('useAppState outside <App>: wrap the tree in AppStateContext');
  return state;
}
