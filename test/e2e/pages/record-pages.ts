import type { Locator } from 'playwright-core';
import { Screen } from './browse-pages.ts';
import { choose, field, select, selectScope, type ScopeWords } from './fields.ts';
import type { Translate } from './words.ts';

export type { ScopeWords } from './fields.ts';

abstract class RecordForm extends Screen {
  protected async fillScope(scope: ScopeWords): Promise<void> {
    await selectScope(this.main, this.app.t, scope);
  }

  /** The "saved" panel's heading, which takes focus once the record is on the phone. */
  protected async waitForSaved(title: string): Promise<void> {
    await this.main.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  }
}

export interface IncidentInput {
  readonly category: string;
  readonly scope: ScopeWords;
  readonly customerRef: string;
  readonly description: string;
  readonly likelihood: 1 | 2 | 3 | 4 | 5;
  readonly impact: 1 | 2 | 3 | 4 | 5;
}

export class IncidentPage extends RecordForm {
  readonly path = '/record/incident';
  protected title = (t: Translate) => t('record.incidentTitle');

  /** The tactics that apply, shown as soon as category and scope are known. */
  get tactics(): Locator {
    return this.main.getByRole('region', { name: this.app.t('incident.tactics') });
  }

  async fill(input: IncidentInput): Promise<void> {
    const { t } = this.app;
    await select(this.main, t('incident.category'), input.category);
    await this.fillScope(input.scope);
    await field(this.main, t('form.customerRef')).fill(input.customerRef);
    await field(this.main, t('incident.description')).fill(input.description);
    await choose(this.main, t('severity.likelihood'), String(input.likelihood));
    await choose(this.main, t('severity.impact'), String(input.impact));
  }

  /** "Add my location": the context must allow geolocation (and may set a position). */
  async addLocation(): Promise<void> {
    const { t } = this.app;
    await this.main.getByRole('button', { name: t('location.add'), exact: true }).tap();
    await this.main.locator('[data-location]').waitFor();
  }

  async save(): Promise<void> {
    const { t } = this.app;
    await this.main.getByRole('button', { name: t('incident.save'), exact: true }).tap();
    await this.waitForSaved(t('incident.saved'));
  }
}

export interface RecoveryInput {
  readonly type: string;
  /** As typed: "50", "120.50". */
  readonly amount: string;
  readonly scope: ScopeWords;
  readonly customerRef: string;
  readonly reason: string;
}

export class RecoveryPage extends RecordForm {
  readonly path = '/record/recovery';
  protected title = (t: Translate) => t('record.recoveryTitle');

  /** "You may give this now" or "Needs approval" with every reason, live as the amount is typed. */
  get decision(): Locator {
    return this.main.getByTestId('limit-decision');
  }

  async fill(input: RecoveryInput): Promise<void> {
    const { t } = this.app;
    await select(this.main, t('recovery.type'), input.type);
    await this.fillScope(input.scope);
    await field(this.main, t('form.customerRef')).fill(input.customerRef);
    await field(this.main, t('recovery.reason')).fill(input.reason);
    // Last, and key by key, as a person types it: the decision follows each keystroke.
    const amount = field(this.main, t('recovery.amount'));
    await amount.fill('');
    await amount.pressSequentially(input.amount);
  }

  /** Waits for the verdict: `limit.within` or `limit.needsApproval`. */
  async waitForDecision(verdict: 'within' | 'needsApproval'): Promise<void> {
    const { t } = this.app;
    const text = verdict === 'within' ? t('limit.within') : t('limit.needsApproval');
    await this.decision.getByText(text, { exact: true }).waitFor();
  }

  /** From the saved panel, a blank form for the next customer. */
  async startAnother(): Promise<void> {
    const { t } = this.app;
    await this.main.getByRole('button', { name: t('recovery.another'), exact: true }).tap();
    await field(this.main, t('recovery.type')).waitFor();
  }

  /** Saves; the button and the saved panel say whether it was given or waits for approval. */
  async save(expected: 'given' | 'awaiting_approval'): Promise<void> {
    const { t } = this.app;
    const button = expected === 'given' ? t('recovery.saveGiven') : t('recovery.saveForApproval');
    await this.main.getByRole('button', { name: button, exact: true }).tap();
    await this.waitForSaved(
      expected === 'given' ? t('recovery.savedGiven') : t('recovery.savedAwaiting'),
    );
  }
}

export class CompetitorPage extends RecordForm {
  readonly path = '/record/competitor';
  protected title = (t: Translate) => t('record.competitorTitle');
}

export class FeedbackPage extends RecordForm {
  readonly path = '/record/feedback';
  protected title = (t: Translate) => t('record.feedbackTitle');
}
