import type { Locator } from 'playwright-core';
import type { AppShell } from './app-shell.ts';
import { field } from './fields.ts';

/** Sign in: online once, then the app works offline for the session's lifetime. */
export class SignInPage {
  constructor(readonly app: AppShell) {}

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.app.t('signIn.title') });
  }

  async signIn(username: string, password: string): Promise<void> {
    const { page, t } = this.app;
    await field(page, t('signIn.username')).fill(username);
    await field(page, t('signIn.password')).fill(password);
    await page.getByRole('button', { name: t('action.signIn'), exact: true }).tap();
    await this.heading.waitFor({ state: 'detached' });
  }
}
