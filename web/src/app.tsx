import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang, MessageKey } from './i18n/index.ts';
import { AppStateContext, useAppState, type AppState } from './shell/app-state.ts';
import { hrefTo, resolveRoute, type RouteParams } from './shell/router.ts';
import {
  AppBar,
  AppLayout,
  LanguageSwitch,
  Skeleton,
  StatusBar,
  TabBar,
  type IconName,
  type LanguageOption,
} from './ui/index.ts';
import { AppBanners, AppNotices } from './screens/app-banners.tsx';
import type * as ScreensModule from './screens/index.ts';
import type * as SignInModuleNs from './screens/sign-in-screen.tsx';

/** The screens chunk (screens/index.ts), loaded after the first paint. */
export type Screens = typeof ScreensModule;

/** Starts loading the screens; the browser fetches the chunk once however often it is asked. */
export const loadScreens = (): Promise<Screens> => import('./screens/index.ts');

export type SignInModule = typeof SignInModuleNs;

/**
 * The sign-in screen alone: a small chunk with no schemas and no database, so a first visit on a
 * slow link can type while the rest of the app downloads (the form waits for it only to submit).
 */
export const loadSignIn = (): Promise<SignInModule> => import('./screens/sign-in-screen.tsx');

/** The bottom tabs; a route names the tab it belongs to so the tab stays lit on sub-pages. */
const TABS = [
  { id: 'home', path: '/', label: 'nav.home', icon: 'home' },
  { id: 'record', path: '/record', label: 'nav.record', icon: 'record' },
  { id: 'approvals', path: '/approvals', label: 'nav.approvals', icon: 'approvals' },
  { id: 'plan', path: '/plan', label: 'nav.plan', icon: 'plan' },
  { id: 'tactics', path: '/tactics', label: 'nav.tactics', icon: 'tactics' },
  { id: 'more', path: '/more', label: 'nav.more', icon: 'more' },
] as const satisfies readonly { id: string; path: string; label: MessageKey; icon: IconName }[];
type TabId = (typeof TABS)[number]['id'];

export interface ScreenRoute {
  /** `/records/:id`; the first matching route wins, so put fixed paths before parameters. */
  readonly pattern: string;
  readonly tab: TabId | null;
  readonly render: (screens: Screens, params: RouteParams) => ComponentChildren;
}

/** Add a screen here: a pattern, its tab, and what to render. */
const ROUTES: readonly ScreenRoute[] = [
  { pattern: '/', tab: 'home', render: (S) => <S.HomeScreen /> },
  { pattern: '/sign-in', tab: null, render: (S) => <S.SignInScreen /> },
  { pattern: '/record', tab: 'record', render: (S) => <S.RecordMenuScreen /> },
  { pattern: '/record/incident', tab: 'record', render: (S) => <S.IncidentScreen /> },
  {
    pattern: '/record/recovery',
    tab: 'record',
    render: (S) => <S.RecoveryScreen incidentId={null} />,
  },
  {
    pattern: '/record/recovery/:incidentId',
    tab: 'record',
    render: (S, p) => <S.RecoveryScreen incidentId={p.incidentId ?? null} />,
  },
  { pattern: '/record/competitor', tab: 'record', render: (S) => <S.CompetitorScreen /> },
  {
    pattern: '/record/feedback',
    tab: 'record',
    render: (S) => <S.FeedbackScreen sectionId={null} />,
  },
  {
    pattern: '/record/feedback/:sectionId',
    tab: 'record',
    render: (S, p) => <S.FeedbackScreen sectionId={p.sectionId ?? null} />,
  },
  { pattern: '/approvals', tab: 'approvals', render: (S) => <S.InboxScreen /> },
  { pattern: '/approvals/phone', tab: 'approvals', render: (S) => <S.PhoneCodeScreen /> },
  { pattern: '/plan', tab: 'plan', render: (S) => <S.PlanScreen /> },
  { pattern: '/tactics', tab: 'tactics', render: (S) => <S.TacticsScreen /> },
  { pattern: '/limits', tab: 'more', render: (S) => <S.LimitsScreen /> },
  { pattern: '/records', tab: 'more', render: (S) => <S.RecordsScreen /> },
  {
    pattern: '/records/:id',
    tab: 'more',
    render: (S, p) => <S.RecordDetailScreen id={p.id ?? ''} />,
  },
  { pattern: '/more', tab: 'more', render: (S) => <S.MoreScreen /> },
  { pattern: '/kit', tab: 'more', render: (S) => <S.KitRoute /> },
];

/** The sign-in chunk once loaded, asked for only while nobody is signed in; null until then. */
function useSignIn(isSignedOut: boolean): SignInModule | null {
  const [module, setModule] = useState<SignInModule | null>(null);
  useEffect(() => {
    if (!isSignedOut || module) return;
    let isCurrent = true;
    void loadSignIn().then((loaded) => isCurrent && setModule(() => loaded));
    return () => {
      isCurrent = false;
    };
  }, [isSignedOut, module]);
  return module;
}

/** The screens module once loaded; null until then. */
function useScreens(): Screens | null {
  const [screens, setScreens] = useState<Screens | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void loadScreens().then((loaded) => isCurrent && setScreens(() => loaded));
    return () => {
      isCurrent = false;
    };
  }, []);
  return screens;
}

const LANGUAGES: readonly LanguageOption<Lang>[] = [
  { value: 'en', short: 'EN', name: 'English', lang: 'en' },
  { value: 'zh-HK', short: '繁', name: '繁體中文', lang: 'zh-HK' },
];

/** A queue this long gets a progress bar while it drains; a few records go by in a blink. */
const PROGRESS_FROM = 10;

/** The status bar over the live state: who, online, waiting, last sync, plan and limits. */
function ShellStatusBar({ mayRecord }: { readonly mayRecord: boolean }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const session = state.session.value;
  const sync = state.sync.value;
  const limits = state.myLimits.value;
  const plan = state.plan.value;
  const nowMs = state.nowMs.value;
  const stores = state.stores.value;
  // Re-checked against the clock: a copy that was current when read goes stale while shown.
  const isLimitsStale = limits
    ? limits.limitsCheckedAt === null || nowMs - limits.limitsCheckedAt > limits.maxLimitsAgeMs
    : null;
  const progress = sync?.progress && sync.progress.total >= PROGRESS_FROM ? sync.progress : null;
  return (
    <StatusBar
      i18n={i18n}
      nowMs={nowMs}
      who={session ? { name: session.user.displayName, role: session.user.role } : null}
      isOnline={state.isOnline.value}
      isSyncing={sync?.status === 'syncing'}
      pendingCount={sync?.pendingCount ?? 0}
      rejectedCount={sync?.rejectedCount ?? 0}
      lastSyncAt={sync?.lastSyncAt ?? null}
      isLimitsStale={isLimitsStale}
      planVersion={plan?.version ?? null}
      hasUnreadPlan={mayRecord && state.unacknowledgedPlan.value !== null}
      signInHref={session?.needsSignIn ? hrefTo('/sign-in') : null}
      recordsHref={hrefTo('/records')}
      progress={progress}
      onSyncNow={stores && session ? () => void stores.sync.syncNow() : undefined}
    />
  );
}

function Shell() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const path = state.path.value;
  const session = state.session.value;
  // Signed out, or on a first visit before the data layer has said so: the sign-in form shows
  // from its own small chunk at once.
  const isSignedOut = session === null || (session === undefined && !state.mayHaveSession);
  const signIn = useSignIn(isSignedOut);
  const match = resolveRoute(ROUTES, path);
  const screens = useScreens();
  const mayRecord = session && screens ? screens.mayRecord(session.user.role) : true;
  // canApprove (shared/domain/roles.ts), spelt out here: that module carries zod, which the first
  // chunk leaves out, and the tab bar shows before the screens chunk (mayRecord's) arrives.
  const isApprover = session?.user.role === 'supervisor' || session?.user.role === 'manager';
  // Five tabs at most, for one thumb: an approver's inbox takes the place of Tactics (in More).
  const tabs = TABS.filter(
    (tab) =>
      (tab.id !== 'record' || mayRecord) &&
      (tab.id !== 'approvals' || isApprover) &&
      (tab.id !== 'tactics' || !isApprover),
  );

  // After a route change, move focus to the new screen's heading so a screen reader starts
  // reading there (and the page starts at its top).
  // Not when the app has just started and learnt whether someone is signed in: focus then
  // stays where the browser put it, at the top of the page.
  const signedIn = session === undefined ? null : session !== null;
  const previous = useRef<{ path: string; signedIn: boolean | null } | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { path, signedIn };
    if (before === null || (before.path === path && before.signedIn === null)) return;
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('#main h1');
    (heading ?? document.getElementById('main'))?.focus();
  }, [path, signedIn]);

  return (
    <AppLayout
      skipLinkLabel={t('a11y.skipToContent')}
      appBar={
        <AppBar
          title={t('app.name')}
          end={
            <LanguageSwitch
              options={LANGUAGES}
              value={i18n.lang}
              onChange={state.setLang}
              label={t('lang.label')}
            />
          }
        />
      }
      statusBar={<ShellStatusBar mayRecord={mayRecord} />}
      banners={<AppBanners path={path} mayRecord={mayRecord} />}
      notices={<AppNotices />}
      tabBar={
        isSignedOut ? null : (
          <TabBar
            label={t('a11y.mainNav')}
            currentId={match?.route.tab ?? null}
            items={tabs.map((tab) => ({
              id: tab.id,
              href: hrefTo(tab.path),
              label: t(tab.label),
              icon: tab.icon,
              ...(tab.id === 'more'
                ? {
                    count: state.sync.value?.rejectedCount ?? 0,
                    countLabel: t('nav.needsAttention'),
                  }
                : tab.id === 'approvals'
                  ? { count: state.inbox.value?.count ?? 0, countLabel: t('nav.waitingOnYou') }
                  : {}),
            }))}
          />
        )
      }
    >
      {isSignedOut ? (
        signIn ? (
          <signIn.SignInScreen />
        ) : (
          <Skeleton label={t('app.loading')} />
        )
      ) : screens === null ? (
        <Skeleton label={t('app.loading')} />
      ) : match ? (
        match.route.render(screens, match.params)
      ) : (
        <screens.NotFoundScreen />
      )}
    </AppLayout>
  );
}

export interface AppProps {
  readonly state: AppState;
}

/** The whole app, over one app state. */
export function App({ state }: AppProps) {
  return (
    <AppStateContext.Provider value={state}>
      <Shell />
    </AppStateContext.Provider>
  );
}
