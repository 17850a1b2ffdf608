import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Lang, MessageKey } from './i18n/index.ts';
import { AppStateContext, useAppState, type AppState } from './shell/app-state.ts';
import { Lazy } from './shell/lazy.tsx';
import { hrefTo, resolveRoute, type RouteParams } from './shell/router.ts';
import {
  AppBar,
  AppLayout,
  Banner,
  Button,
  LanguageSwitch,
  StatusBar,
  TabBar,
  type IconName,
  type LanguageOption,
} from './ui/index.ts';
import { HomeScreen } from './ui/screens/home-screen.tsx';
import { ComingSoonScreen, NotFoundScreen } from './ui/screens/simple-screens.tsx';

/** The bottom tabs; a route names the tab it belongs to so the tab stays lit on sub-pages. */
const TABS = [
  { id: 'home', path: '/', label: 'nav.home', icon: 'home' },
  { id: 'plan', path: '/plan', label: 'nav.plan', icon: 'plan' },
  { id: 'record', path: '/record', label: 'nav.record', icon: 'record' },
  { id: 'records', path: '/records', label: 'nav.records', icon: 'records' },
  { id: 'more', path: '/more', label: 'nav.more', icon: 'more' },
] as const satisfies readonly { id: string; path: string; label: MessageKey; icon: IconName }[];
type TabId = (typeof TABS)[number]['id'];

export interface ScreenRoute {
  /** `/records/:id`; the first matching route wins, so put fixed paths before parameters. */
  readonly pattern: string;
  readonly tab: TabId | null;
  readonly render: (params: RouteParams) => ComponentChildren;
}

const loadKit = () => import('./ui/screens/kit-screen.tsx').then((m) => m.KitScreen);

/** Add a screen here: a pattern, its tab, and what to render. */
const ROUTES: readonly ScreenRoute[] = [
  { pattern: '/', tab: 'home', render: () => <HomeScreen /> },
  { pattern: '/plan', tab: 'plan', render: () => <ComingSoonScreen titleKey="nav.plan" /> },
  { pattern: '/record', tab: 'record', render: () => <ComingSoonScreen titleKey="nav.record" /> },
  {
    pattern: '/records',
    tab: 'records',
    render: () => <ComingSoonScreen titleKey="nav.records" />,
  },
  { pattern: '/more', tab: 'more', render: () => <ComingSoonScreen titleKey="nav.more" /> },
  { pattern: '/kit', tab: 'more', render: () => <KitRoute /> },
];

function KitRoute() {
  return <Lazy load={loadKit} props={{}} fallback={useAppState().i18n.value.t('app.loading')} />;
}

const LANGUAGES: readonly LanguageOption<Lang>[] = [
  { value: 'en', short: 'EN', name: 'English', lang: 'en' },
  { value: 'zh-HK', short: '繁', name: '繁體中文', lang: 'zh-HK' },
];

/** "A new version is ready — Reload": the user chooses; nothing reloads by itself. */
function UpdateBanners() {
  const state = useAppState();
  const { t } = state.i18n.value;
  if (state.isUpdateReady.value && !state.isUpdateDismissed.value) {
    return (
      <Banner
        tone="info"
        title={t('update.ready')}
        actions={
          <>
            <Button onClick={() => state.serviceWorker.value?.applyUpdate()}>
              {t('update.reload')}
            </Button>
            <Button variant="ghost" onClick={() => (state.isUpdateDismissed.value = true)}>
              {t('update.later')}
            </Button>
          </>
        }
      >
        {t('update.readyDetail')}
      </Banner>
    );
  }
  if (state.isOfflineReady.value) {
    return (
      <Banner
        tone="success"
        title={t('update.offlineReady')}
        actions={
          <Button variant="ghost" onClick={() => (state.isOfflineReady.value = false)}>
            {t('action.dismiss')}
          </Button>
        }
      />
    );
  }
  return null;
}

function Shell() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const path = state.path.value;
  const match = resolveRoute(ROUTES, path);

  // After a route change, move focus to the new screen so a screen reader starts reading there.
  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus();
  }, [path]);

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
      // Until the stores are wired: nobody signed in, nothing waiting (see CONTEXT.md).
      statusBar={
        <StatusBar
          i18n={i18n}
          nowMs={state.nowMs.value}
          who={null}
          isOnline={state.isOnline.value}
          isSyncing={false}
          pendingCount={0}
          rejectedCount={0}
          lastSyncAt={null}
          isLimitsStale={null}
        />
      }
      banners={<UpdateBanners />}
      tabBar={
        <TabBar
          label={t('a11y.mainNav')}
          currentId={match?.route.tab ?? null}
          items={TABS.map((tab) => ({
            id: tab.id,
            href: hrefTo(tab.path),
            label: t(tab.label),
            icon: tab.icon,
          }))}
        />
      }
    >
      {match ? match.route.render(match.params) : <NotFoundScreen />}
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
