import type { Locator } from 'playwright-core';
import type { AppShell } from './app-shell.ts';
import { Screen } from './browse-pages.ts';
import { escapeRegExp, field, select, selectScope } from './fields.ts';
import { RecoveryPage, type RecoveryInput } from './record-pages.ts';
import type { Translate } from './words.ts';

/*
 * Approvals (docs/approvals.md) as the two people meet them: the approver's inbox and the phone
 * code screen on the supervisor's phone; the requester's approval panel on a recovery's record,
 * and the phone approval fields on the recovery form.
 */

/** The 8-digit code an element carries in `attribute` (a code read out by phone, AP13). */
async function eightDigits(element: Locator, attribute: string): Promise<string> {
  const code = await element.getAttribute(attribute);
  if (code === null || !/^\d{8}$/.test(code)) throw new Error(`no 8-digit ${attribute}: ${code}`);
  return code;
}

/** The quick reasons of the inbox's "Reject" (web/src/screens/approvals/inbox-screen.tsx). */
export type QuickReason =
  | 'approvals.quickReason.overPolicy'
  | 'approvals.quickReason.needsEvidence'
  | 'approvals.quickReason.otherRemedy';

/** The approver's inbox (#/approvals): one card per request waiting on me, oldest first. */
export class InboxPage extends Screen {
  readonly path = '/approvals';
  protected title = (t: Translate) => t('approvals.title');

  /** The card of one request (its id is the recovery's id, AP3). */
  card(requestId: string): Locator {
    return this.main.locator(`section.card.approval[data-request-id="${requestId}"]`);
  }

  get cards(): Locator {
    return this.main.locator('section.card.approval');
  }

  /** The Approvals tab, whose name grows a count ("Approvals 2 waiting on you"). */
  get tab(): Locator {
    const { t } = this.app;
    return this.app.tabBar.getByRole('link', {
      name: new RegExp(`^${escapeRegExp(t('nav.approvals'))}(?:\\s|$)`),
    });
  }

  /** The count on the tab's badge, once there is one. */
  async badgeCount(): Promise<number> {
    const waiting = this.app.t('nav.waitingOnYou');
    await this.tab.getByText(waiting).waitFor();
    const text = (await this.tab.textContent()) ?? '';
    const count = new RegExp(`(\\d+)\\s*${escapeRegExp(waiting)}`).exec(text)?.[1];
    if (count === undefined) throw new Error(`no count on the approvals tab: "${text}"`);
    return Number(count);
  }

  /** Approve in two taps: "Approve", then "Approve HK$500.00". */
  async approve(requestId: string, amount: string): Promise<void> {
    const { t } = this.app;
    const card = this.card(requestId);
    await card.getByRole('button', { name: t('approvals.approve'), exact: true }).tap();
    await card
      .getByRole('button', { name: t('approvals.confirmApprove', { amount }), exact: true })
      .tap();
  }

  /** Opens "Reject": the quick reasons and a field for one's own. */
  async startRejecting(requestId: string): Promise<void> {
    const { t } = this.app;
    const card = this.card(requestId);
    await card.getByRole('button', { name: t('approvals.reject'), exact: true }).tap();
    await card.getByText(t('approvals.rejectWhy'), { exact: true }).waitFor();
  }

  async cancelStep(requestId: string): Promise<void> {
    await this.card(requestId)
      .getByRole('button', { name: this.app.t('action.cancel'), exact: true })
      .tap();
  }

  /** Reject in two taps: "Reject", then one of the quick reasons. */
  async reject(requestId: string, reason: QuickReason): Promise<void> {
    await this.startRejecting(requestId);
    await this.card(requestId)
      .getByRole('button', { name: this.app.t(reason), exact: true })
      .tap();
  }
}

/** What the supervisor enters: who asks, their request code, and the recovery's type, amount and scope. */
export type PhoneCodeInput = Pick<RecoveryInput, 'type' | 'amount' | 'scope'> & {
  /** As the picker shows the requester: their display name. */
  readonly requester: string;
  readonly requestCode: string;
};

/** #/approvals/phone: a supervisor gives an approval code to a requester with no signal (AP13). */
export class PhoneCodePage extends Screen {
  readonly path = '/approvals/phone';
  protected title = (t: Translate) => t('approvals.phone.title');

  async fill(input: PhoneCodeInput): Promise<void> {
    const { t } = this.app;
    await select(this.main, t('approvals.phone.requester'), input.requester);
    await field(this.main, t('approvals.phone.requestCode')).fill(input.requestCode);
    await field(this.main, t('recovery.amount')).fill(input.amount);
    await select(this.main, t('recovery.type'), input.type);
    await selectScope(this.main, t, input.scope);
  }

  /** The approval code, as shown to be read out. */
  get approvalCode(): Locator {
    return this.main.locator('[data-approval-code]');
  }

  /** Asks the server for the code and answers its 8 digits. */
  async issue(): Promise<string> {
    const { t } = this.app;
    await this.main.getByRole('button', { name: t('approvals.phone.issue'), exact: true }).tap();
    return eightDigits(this.approvalCode, 'data-approval-code');
  }

  /** Back to a blank form, for the next call. */
  async another(): Promise<void> {
    const { t } = this.app;
    await this.main.getByRole('button', { name: t('approvals.phone.another'), exact: true }).tap();
    await field(this.main, t('approvals.phone.requester')).waitFor();
  }
}

/** The recovery form with what approvals add: the id it is saved under and approval by phone. */
export class ApprovalRecoveryPage extends RecoveryPage {
  /** The "No signal? Approval by phone" card, shown when the amount needs approval. */
  get phoneApproval(): Locator {
    // `has` is matched inside each card, so it starts from the page, not from main.
    return this.main
      .locator('section.card')
      .filter({ has: this.app.page.locator('[data-request-code]') });
  }

  /** The 8-digit request code the requester reads out. */
  async requestCode(): Promise<string> {
    return eightDigits(this.phoneApproval.locator('[data-request-code]'), 'data-request-code');
  }

  /** Types the code read back and checks it on the phone, offline. */
  async checkApprovalCode(code: string): Promise<void> {
    const { t } = this.app;
    await field(this.phoneApproval, t('phone.approvalCode')).fill(code);
    await this.phoneApproval.getByRole('button', { name: t('phone.check'), exact: true }).tap();
  }

  /** What the check said: `phone.accepted` or `phone.notAccepted`. */
  async waitForCheck(verdict: 'accepted' | 'notAccepted'): Promise<void> {
    const { t } = this.app;
    await this.phoneApproval
      .getByText(t(verdict === 'accepted' ? 'phone.accepted' : 'phone.notAccepted'), {
        exact: true,
      })
      .waitFor();
  }

  async saveApprovedByPhone(): Promise<void> {
    const { t } = this.app;
    await this.main
      .getByRole('button', { name: t('recovery.saveApprovedByPhone'), exact: true })
      .tap();
    await this.waitForSaved(t('recovery.savedPhoneApproved'));
  }

  /** The saved recovery's id, from the saved panel's "View the record" link. */
  async savedId(): Promise<string> {
    const href = await this.main
      .getByRole('link', { name: this.app.t('form.viewRecord'), exact: true })
      .getAttribute('href');
    const id = /#\/records\/([^/?#]+)$/.exec(href ?? '')?.[1];
    if (id === undefined) throw new Error(`no record link in the saved panel: ${href}`);
    return id;
  }
}

/** The requester's approval states, as the panel marks them (`data-approval-state`). */
export type MyApprovalState = 'queued' | 'pending' | 'escalated' | 'approved' | 'rejected';

/** One of my records (#/records/<id>); for a recovery that needed approval, its approval panel. */
export class RecordDetailPage extends Screen {
  readonly path: string;
  protected title = (t: Translate) => t('records.detailTitle');

  constructor(
    app: AppShell,
    readonly id: string,
  ) {
    super(app);
    this.path = `/records/${id}`;
  }

  get approvalPanel(): Locator {
    return this.main.locator('[data-approval-state]');
  }

  /** The panel in this state, saying `title` (e.g. `t('myApproval.approved', { by })`). */
  approvalIn(state: MyApprovalState, title?: string): Locator {
    const panel = this.main.locator(`[data-approval-state="${state}"]`);
    return title === undefined
      ? panel
      : panel.filter({ has: this.app.page.getByText(title, { exact: true }) });
  }

  async markGiven(): Promise<void> {
    const { t } = this.app;
    await this.approvalPanel
      .getByRole('button', { name: t('myApproval.markGiven'), exact: true })
      .tap();
  }

  /** The recovery's status badge, e.g. `recoveryStatus.given`. */
  status(text: string): Locator {
    return this.main.getByText(text, { exact: true });
  }
}
