import type { ComponentChildren } from 'preact';

export interface AppLayoutProps {
  /** The app bar (title, language switch). */
  readonly appBar: ComponentChildren;
  /** Always visible under the app bar: who, online?, waiting to sync, last sync (product.md §5). */
  readonly statusBar?: ComponentChildren;
  /** Non-blocking messages across the top, e.g. a sync that keeps failing. */
  readonly banners?: ComponentChildren;
  /**
   * Messages that may turn up at any moment while the person types or taps (the service
   * worker's "ready offline", "new version"): they float above the tab bar instead of pushing
   * the screen down, so a tap never lands on what moved into its place.
   */
  readonly notices?: ComponentChildren;
  /** The bottom navigation, within reach of a thumb. */
  readonly tabBar?: ComponentChildren;
  readonly skipLinkLabel: string;
  readonly children: ComponentChildren;
}

/**
 * The frame of every screen: a sticky header (app bar + status bar), banners, the screen, and a
 * tab bar fixed at the bottom. The main region is focusable so that a route change can move
 * focus to it, and the skip link does the same without touching the hash (the router's).
 */
export function AppLayout({
  appBar,
  statusBar,
  banners,
  tabBar,
  notices,
  skipLinkLabel,
  children,
}: AppLayoutProps) {
  const focusMain = (event: Event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <div class="app">
      <a class="skip-link" href="#main" onClick={focusMain}>
        {skipLinkLabel}
      </a>
      <header class="app-header">
        {appBar}
        {statusBar}
      </header>
      <div class="app-banners">{banners}</div>
      {/*
        Before main in reading order; fixed on screen, so it moves nothing when it appears. Always
        there, empty or not: a live region that appears already filled is often not announced.
      */}
      <div class={`app-notices${tabBar ? ' app-notices--over-tabs' : ''}`} role="status">
        {notices}
      </div>
      <main id="main" class="app-main" tabIndex={-1}>
        {children}
      </main>
      {tabBar}
    </div>
  );
}

export interface AppBarProps {
  readonly title: string;
  /** At the end of the bar, e.g. the language switch. */
  readonly end?: ComponentChildren;
}

export function AppBar({ title, end }: AppBarProps) {
  return (
    <div class="app-bar">
      <p class="app-bar__title">{title}</p>
      {end}
    </div>
  );
}

export interface PageHeaderProps {
  readonly title: string;
  readonly intro?: ComponentChildren;
  /** A way back up, e.g. from a form to the Record menu: `{ href, label }`. */
  readonly back?: { readonly href: string; readonly label: string };
}

/**
 * The screen's own h1; the app bar's title is not a heading, so each screen has exactly one.
 * Focusable from script (tabIndex -1): after a route change the shell moves focus here, so a
 * screen reader starts reading the new screen at its name.
 */
export function PageHeader({ title, intro, back }: PageHeaderProps) {
  return (
    <div class="page-header">
      {back ? (
        <a class="page-header__back" href={back.href}>
          <span aria-hidden="true">‹ </span>
          {back.label}
        </a>
      ) : null}
      <h1 tabIndex={-1}>{title}</h1>
      {intro ? <p>{intro}</p> : null}
    </div>
  );
}
