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
    try {
      await this.heading.waitFor({ state: 'detached' });
    } catch (err) {
      throw new Error(`${username} is still on the sign-in form: ${await this.whatItSays()}`, {
        cause: err,
      });
    }
  }

  /** What the form shows, for a failure message: its alerts and field errors, busy or not. */
  private async whatItSays(): Promise<string> {
    const main = this.app.page.getByRole('main');
    const alerts = await main.getByRole('alert').allInnerTexts();
    const errors = await main
      .locator('[aria-invalid="true"]')
      .evaluateAll((inputs) =>
        inputs.map((i) => i.getAttribute('aria-describedby') ?? i.getAttribute('name') ?? '?'),
      );
    const busy = await main
      .getByRole('button', { name: this.app.t('action.signIn') })
      .getAttribute('aria-busy');
    return JSON.stringify({ alerts, invalidFields: errors, busy });
  }
}
