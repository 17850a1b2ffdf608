import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRequest, DocKind, DocOf } from '../../shared/index.ts';
import { createI18n } from '../../web/src/i18n/index.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { AppShell } from './pages/app-shell.ts';
import {
  ApprovalRecoveryPage,
  InboxPage,
  PhoneCodePage,
  RecordDetailPage,
} from './pages/approval-pages.ts';
import { displayNameOf, kowloonWestMobile } from './pages/demo-words.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { Arrivals } from './support/arrival.ts';
import { browserSkipReason, newPhone } from './support/chromium.ts';
import { startE2E, type E2E } from './support/e2e.ts';
import { skipRestAfterFailure } from './support/story.ts';
import { pullEverything, signInOverHttp } from './support/server-api.ts';

/*
 * Issue 4 in headless Chromium against the production build and the real server, with two
 * phones: a frontline person with no signal asks for more than their limit allows, and their
 * supervisor decides — in the inbox, or by phone while the requester is still offline
 * (docs/approvals.md). Nothing is reloaded and nobody taps "Sync now": each phone shows what the
 * other did through its sync watch channel (SY18; support/arrival.ts).
 */

const en = createI18n('en');
const run = String(Date.now() % 1e8).padStart(8, '0');
const ref = (n: number) => `APR-${run.slice(0, 6)}${n}${n}`;
const KOWLOON_WEST_MOBILE = kowloonWestMobile('en');
const BILL_CREDIT = en.t('compensation.bill_credit');
const FRONTLINE = displayNameOf('frontline.chan');
const SUPERVISOR = displayNameOf('supervisor.wong');

interface Phone {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly app: AppShell;
  readonly arrivals: Arrivals;
  /** Page loads since sign-in: what the other phone did must show without one. */
  loadsSinceSignIn(): number;
}

describe.skipIf(browserSkipReason !== null)(
  '[E2E] approvals between two phones (Chromium, built app, real server)',
  () => {
    let e2e: E2E | undefined;
    let server: ServerProcess;
    /** frontline.chan: HK$300 of bill credit a case; goes offline. */
    let frontline: Phone;
    /** supervisor.wong: leads chan's team, authority HK$2,000; stays online. */
    let supervisor: Phone;

    async function phone(
      browser: Browser,
      name: string,
      username: string,
      password: string,
    ): Promise<Phone> {
      const context = await newPhone(browser);
      const page = await context.newPage();
      const app = new AppShell(page, server.baseUrl);
      const arrivals = new Arrivals(context, name);
      await app.open('/');
      await new SignInPage(app).signIn(username, password);
      await app.waitForFirstSync();
      let loads = 0;
      page.on('load', () => loads++);
      return { context, page, app, arrivals, loadsSinceSignIn: () => loads };
    }

    async function goOffline(p: Phone): Promise<void> {
      await p.context.setOffline(true);
      await p.app.waitForStatus(p.app.t('status.offline'));
    }

    async function comeOnline(p: Phone): Promise<void> {
      await p.context.setOffline(false);
      await p.app.waitForStatus(p.app.t('status.allSent'));
    }

    /** The requester, offline, records an over-limit bill credit and sees it queued. */
    async function recordOverLimitOffline(n: number, amount: string): Promise<string> {
      await goOffline(frontline);
      const recovery = new ApprovalRecoveryPage(frontline.app);
      await recovery.open();
      await recovery.fill({
        type: BILL_CREDIT,
        amount,
        scope: KOWLOON_WEST_MOBILE,
        customerRef: ref(n),
        reason: `Three missed installations in a row (e2e ${run}).`,
      });
      await recovery.waitForDecision('needsApproval');
      await recovery.save('awaiting_approval');
      const id = await recovery.savedId();

      const detail = new RecordDetailPage(frontline.app, id);
      await detail.open();
      await detail.approvalIn('queued', en.t('myApproval.queued')).waitFor();
      await detail.status(en.t('recoveryStatus.awaiting_approval')).waitFor();
      await frontline.app.waitForStatus(en.t('status.pending', { count: 1 }));
      return id;
    }

    /**
     * Back online, the recovery syncs and becomes a request waiting on the supervisor (AP3).
     * Answers when the server had it.
     */
    async function syncAndWaitOnSupervisor(id: string): Promise<number> {
      await comeOnline(frontline);
      const sentAt = Date.now();
      await new RecordDetailPage(frontline.app, id)
        .approvalIn('pending', en.t('myApproval.waitsOnSupervisor'))
        .waitFor();
      return sentAt;
    }

    /** The request as the server has it, pulled by the supervisor over HTTP. */
    async function requestOnServer(id: string): Promise<{
      request: ApprovalRequest;
      recoveryStatus: string | undefined;
      supervisorId: string;
    }> {
      const token = await signInOverHttp(server.baseUrl, 'supervisor.wong', 'supervisor-demo');
      const changes = await pullEverything(server.baseUrl, token);
      // SyncChange pairs `kind` and `data` by its type parameter, not as a union: hence the cast.
      const docOf = <K extends DocKind>(kind: K, match: (id: string, doc: DocOf<K>) => boolean) => {
        const change = changes.find(
          (c) => c.kind === kind && c.data !== null && match(c.id, c.data as DocOf<K>),
        );
        return change ? { id: change.id, doc: change.data as DocOf<K> } : undefined;
      };
      const request = docOf('approval_request', (docId) => docId === id)?.doc;
      if (!request) throw new Error(`the server has no approval request ${id}`);
      // Compared with `decidedBy`: were both missing, they would compare equal.
      const supervisorId = docOf('user', (_, user) => user.username === 'supervisor.wong')?.id;
      if (!supervisorId) throw new Error('supervisor.wong pulls no user document of their own');
      return {
        request,
        recoveryStatus: docOf('recovery', (docId) => docId === id)?.doc.status,
        supervisorId,
      };
    }

    beforeAll(async () => {
      e2e = await startE2E();
      server = e2e.server;
      [frontline, supervisor] = await Promise.all([
        phone(e2e.browser, 'frontline phone', 'frontline.chan', 'frontline-demo'),
        phone(e2e.browser, 'supervisor phone', 'supervisor.wong', 'supervisor-demo'),
      ]);
      await new InboxPage(supervisor.app).open();
    });

    afterAll(async () => {
      await e2e?.close();
      const log = [frontline?.arrivals.log ?? [], supervisor?.arrivals.log ?? []].flat();
      if (log.length > 0) console.info(`how changes reached the other phone:\n${log.join('\n')}`);
    });

    skipRestAfterFailure();

    let approvedId = '';
    let sentAt = 0;
    let decidedAt = 0;

    it('[AP3] an over-limit recovery recorded offline is queued, then syncs and waits on the supervisor', async () => {
      approvedId = await recordOverLimitOffline(1, '500');
      sentAt = await syncAndWaitOnSupervisor(approvedId);
    });

    it('[AP4] the supervisor sees it in the inbox, with a count on the tab, and approves it in two taps', async () => {
      const inbox = new InboxPage(supervisor.app);
      await supervisor.arrivals.waitFor(inbox.card(approvedId), 'the request in the inbox', sentAt);
      expect(await inbox.badgeCount()).toBeGreaterThanOrEqual(1);
      const card = inbox.card(approvedId);
      expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe(
        en.t('approvals.asks', { who: FRONTLINE, amount: en.money(500_00) }),
      );
      // What the approver needs to decide: the limit exceeded, and by how much.
      const details = await card.textContent();
      expect(details).toContain(en.t('reason.over_per_case'));
      expect(details).toContain(
        en.t('approvals.exceededCase', { excess: en.money(200_00), limit: en.money(300_00) }),
      );

      await inbox.approve(approvedId, en.money(500_00));
      decidedAt = Date.now();
      // Sent at once: the request is decided and leaves the inbox.
      await inbox.card(approvedId).waitFor({ state: 'detached' });
      await supervisor.app.waitForStatus(en.t('status.allSent'));
    });

    it('[AP5] the requester sees it approved without reloading, and marks it given', async () => {
      const detail = new RecordDetailPage(frontline.app, approvedId);
      await frontline.arrivals.waitFor(
        detail.approvalIn('approved', en.t('myApproval.approved', { by: SUPERVISOR })),
        'the approval on the requester’s record',
        decidedAt,
      );
      await detail.status(en.t('recoveryStatus.approved')).waitFor();
      expect(frontline.loadsSinceSignIn()).toBe(0);

      await detail.markGiven();
      await detail.status(en.t('recoveryStatus.given')).waitFor();
      await frontline.app.waitForStatus(en.t('status.allSent'));
      const onServer = await requestOnServer(approvedId);
      expect(onServer.request.state).toBe('approved');
      // Decided on the supervisor's phone: queued there and pushed like any record (AP2).
      expect(onServer.request.decidedVia).toBe('sync');
      expect(onServer.request.decidedBy).toBe(onServer.supervisorId);
      expect(onServer.recoveryStatus).toBe('given');
    });

    it('[AP5] a rejection reaches the requester with its reason', async () => {
      const id = await recordOverLimitOffline(2, '600');
      const sent = await syncAndWaitOnSupervisor(id);

      const inbox = new InboxPage(supervisor.app);
      await supervisor.arrivals.waitFor(inbox.card(id), 'the second request in the inbox', sent);
      await inbox.reject(id, 'approvals.quickReason.needsEvidence');
      const rejectedAt = Date.now();
      await inbox.card(id).waitFor({ state: 'detached' });

      const detail = new RecordDetailPage(frontline.app, id);
      const rejected = detail.approvalIn(
        'rejected',
        en.t('myApproval.rejected', { by: SUPERVISOR }),
      );
      await frontline.arrivals.waitFor(
        rejected,
        'the rejection on the requester’s record',
        rejectedAt,
      );
      await rejected
        .getByText(
          en.t('myApproval.reason', { reason: en.t('approvals.quickReason.needsEvidence') }),
          { exact: true },
        )
        .waitFor();
      await detail.status(en.t('recoveryStatus.rejected')).waitFor();
      expect(frontline.loadsSinceSignIn()).toBe(0);
      // Nothing to give and nothing to withdraw any more.
      expect(await detail.approvalPanel.getByRole('button').count()).toBe(0);
      expect((await requestOnServer(id)).request.state).toBe('rejected');
    });

    it('[AP13] with no signal, an approval code read out by phone approves the recovery', async () => {
      await goOffline(frontline);
      const recovery = new ApprovalRecoveryPage(frontline.app);
      await recovery.open();
      await recovery.fill({
        type: BILL_CREDIT,
        amount: '400',
        scope: KOWLOON_WEST_MOBILE,
        customerRef: ref(3),
        reason: `Router swapped three times; customer out of service for a week (e2e ${run}).`,
      });
      await recovery.waitForDecision('needsApproval');
      const requestCode = await recovery.requestCode();

      // The requester reads the request code and the amount out; the supervisor, online, types
      // them in with the type and scope, and reads the approval code back.
      const phoneCode = new PhoneCodePage(supervisor.app);
      await phoneCode.open();
      await phoneCode.fill({
        requester: FRONTLINE,
        requestCode,
        amount: '400',
        type: BILL_CREDIT,
        scope: KOWLOON_WEST_MOBILE,
      });
      const approvalCode = await phoneCode.issue();
      expect(await phoneCode.main.textContent()).toContain(
        en.t('approvals.phone.readOut', { who: FRONTLINE, amount: en.money(400_00) }),
      );

      // Still offline: the phone checks the code itself and records it approved by phone.
      await recovery.checkApprovalCode(approvalCode);
      await recovery.waitForCheck('accepted');
      await recovery.saveApprovedByPhone();
      const id = await recovery.savedId();
      const detail = new RecordDetailPage(frontline.app, id);
      await detail.open();
      await detail.approvalIn('queued', en.t('myApproval.phoneApproved')).waitFor();

      // Back online, the server checks the code it issued (AP13.4) and the request is approved.
      await comeOnline(frontline);
      await detail
        .approvalIn('approved', en.t('myApproval.approvedByPhone', { by: SUPERVISOR }))
        .waitFor();
      await detail.status(en.t('recoveryStatus.approved')).waitFor();
      const onServer = await requestOnServer(id);
      expect(onServer.request).toMatchObject({
        state: 'approved',
        decidedVia: 'phone_code',
        decidedBy: onServer.supervisorId,
      });
      expect(onServer.recoveryStatus).toBe('approved');
      // Approved already: it never waited in the supervisor's inbox.
      expect(await new InboxPage(supervisor.app).card(id).count()).toBe(0);
    });
  },
);
