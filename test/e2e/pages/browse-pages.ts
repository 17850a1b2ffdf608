import type { Locator } from 'playwright-core';
import type { AppShell } from './app-shell.ts';
import { select, selectScope } from './fields.ts';
import type { Translate } from './words.ts';

/** A screen reached by its in-app path, known by its `<h1>`. */
export abstract class Screen {
  abstract readonly path: string;
  protected abstract title(t: Translate): string;

  constructor(readonly app: AppShell) {}

  get main(): Locator {
    return this.app.page.getByRole('main');
  }

  /** Goes to the screen (as a link in the app would) and waits until it has loaded. */
  async open(): Promise<void> {
    await this.app.go(this.path);
    await this.waitUntilShown();
  }

  waitUntilShown(): Promise<void> {
    return this.app.waitForScreen(this.title(this.app.t));
  }
}

export class HomePage extends Screen {
  readonly path = '/';
  protected title = (t: Translate) => t('home.title');
}

export class PlanPage extends Screen {
  readonly path = '/plan';
  protected title = (t: Translate) => t('plan.title');
}

export class LimitsPage extends Screen {
  readonly path = '/limits';
  protected title = (t: Translate) => t('limits.title');
}

export class MorePage extends Screen {
  readonly path = '/more';
  protected title = (t: Translate) => t('more.title');
}

export class TacticsPage extends Screen {
  readonly path = '/tactics';
  protected title = (t: Translate) => t('tactics.title');

  /** Looks up the tactics for a risk in a scope, by the words shown in the pickers. */
  async lookUp(choice: {
    category: string;
    product: string;
    segment: string;
    region: string;
  }): Promise<void> {
    const { t } = this.app;
    await select(this.main, t('incident.category'), choice.category);
    await selectScope(this.main, t, choice);
  }
}

/** My records: each with its sync state (saved on this phone / synced / needs attention). */
export class RecordsPage extends Screen {
  readonly path = '/records';
  protected title = (t: Translate) => t('records.title');

  get rows(): Locator {
    return this.main.getByRole('list', { name: this.app.t('records.title') }).getByRole('listitem');
  }

  /** The row of the record whose summary mentions `text` (a customer reference, say). */
  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** Waits until the record's row shows this sync state (`recordState.*` in the catalogue). */
  async waitForState(text: string, state: 'saved_on_device' | 'synced' | 'needs_attention') {
    await this.row(text)
      .getByText(this.app.t(`recordState.${state}`), { exact: true })
      .waitFor();
  }
}
