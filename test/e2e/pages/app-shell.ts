import type { Locator, Page } from 'playwright-core';
import { LOCALE_OF } from '../../../web/src/i18n/index.ts';
import { wordsFor, type Lang, type Translate } from './words.ts';

/** The bottom tabs, by the catalogue key of their label (web/src/app.tsx TABS). */
export const TAB_LABELS = {
  home: 'nav.home',
  record: 'nav.record',
  plan: 'nav.plan',
  tactics: 'nav.tactics',
  more: 'nav.more',
} as const;
export type TabId = keyof typeof TAB_LABELS;

/**
 * What every screen shares: the app bar with the language switch, the status bar, the bottom
 * tabs and the one `<h1>` of the current screen. Screen page objects build on it.
 */
export class AppShell {
  lang: Lang;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    lang: Lang = 'en',
  ) {
    this.lang = lang;
  }

  get t(): Translate {
    return wordsFor(this.lang);
  }

  /** Opens an in-app path (`/plan`) as a fresh navigation. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#${path}`);
    await this.appBar.waitFor();
  }

  /** Moves to an in-app path without a page load, as a link in the app would. */
  async go(path: string): Promise<void> {
    await this.page.evaluate((hash) => (window.location.hash = hash), `#${path}`);
  }

  get appBar(): Locator {
    return this.page.getByRole('banner');
  }

  /** Waits until the screen titled `title` shows, past its loading skeleton. */
  async waitForScreen(title: string): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('heading', { level: 1, name: title, exact: true })
      .waitFor();
    await this.page.getByRole('main').locator('[aria-busy="true"]').first().waitFor({
      state: 'detached',
    });
  }

  get statusBar(): Locator {
    return this.page.getByRole('region', { name: this.t('a11y.status') });
  }

  /** Waits until the status bar says `text` (e.g. `t('status.pending', { count: 3 })`). */
  async waitForStatus(text: string): Promise<void> {
    await this.statusBar.getByText(text, { exact: true }).waitFor();
  }

  /** The first sync after sign-in is done: the status bar no longer says "never synced". */
  async waitForFirstSync(): Promise<void> {
    await this.statusBar
      .getByText(this.t('status.lastSync', { when: '' }).trim())
      .first()
      .waitFor();
  }

  get tabBar(): Locator {
    return this.page.getByRole('navigation', { name: this.t('a11y.mainNav') });
  }

  tab(id: TabId): Locator {
    return this.tabBar.getByRole('link', { name: this.t(TAB_LABELS[id]), exact: true });
  }

  /** Presses the language's button in the app bar (named "English" / "繁體中文"). */
  async switchLanguage(lang: Lang): Promise<void> {
    const names: Record<Lang, RegExp> = { en: /English/, 'zh-HK': /繁/ };
    await this.page
      .getByRole('group', { name: this.t('lang.label') })
      .getByRole('button', { name: names[lang] })
      .tap();
    this.lang = lang;
    await this.page.locator(`html[lang="${LOCALE_OF[lang]}"]`).waitFor({ state: 'attached' });
  }

  /** The `lang` of the document, which a screen reader picks its voice from. */
  documentLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /**
   * Waits until the service worker is active AND controls this page. With `clientsClaim: false`
   * (web/vite.config.ts) the first visit is never controlled: one reload makes it so.
   */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const isControlled = await this.page.evaluate(
      () => navigator.serviceWorker.controller !== null,
    );
    if (!isControlled) {
      await this.page.reload();
      await this.appBar.waitFor();
    }
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  isControlledByServiceWorker(): Promise<boolean> {
    return this.page.evaluate(() => navigator.serviceWorker.controller !== null);
  }
}
