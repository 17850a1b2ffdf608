import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell.ts';
import { kowloonWestMobile } from './pages/demo-words.ts';
import { field } from './pages/fields.ts';
import { IncidentPage, RecoveryPage } from './pages/record-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { browserSkipReason, newPhone } from './support/chromium.ts';
import { outboxSize, recordsOnDevice } from './support/device-db.ts';
import { startE2E, type E2E } from './support/e2e.ts';
import { startFrontDoor, type FrontDoor } from './support/front-door.ts';
import { countById, pullEverything, signInOverHttp } from './support/server-api.ts';

/*
 * A new version of the app reaches a phone that has records waiting to sync and a form half
 * typed. The app says so in a notice and runs on as it is until the person taps Reload; under the
 * new version the waiting records and the typed words are all still there, and the records reach
 * the server exactly once (nothing lost or duplicated on an app update).
 *
 * The new version is the same build with a changed service worker script, published by a front
 * door to the server (support/front-door.ts): a changed script is what makes a browser install a
 * new version.
 */

/** Unique per run, so a record sent twice under two ids would show up as two. */
const run = String(Date.now() % 1e6).padStart(6, '0');
const ref = (n: number) => `ACC-${run}${n}${n}`;

describe.skipIf(browserSkipReason !== null)(
  '[E2E] an app update with records waiting (Chromium, built app, real server)',
  () => {
    let e2e: E2E | undefined;
    let door: FrontDoor | undefined;
    let context: BrowserContext;
    let page: Page;
    let app: AppShell;

    beforeAll(async () => {
      e2e = await startE2E();
      door = await startFrontDoor(e2e.server.baseUrl);
      context = await newPhone(e2e.browser);
      page = await context.newPage();
      app = new AppShell(page, door.baseUrl);
    });

    afterAll(async () => {
      await e2e?.close();
      await door?.close();
    });

    it('keeps the waiting records and the half-typed form through the update, and sends each record once', async () => {
      await app.open('/');
      await new SignInPage(app).signIn('frontline.chan', 'frontline-demo');
      await app.waitForFirstSync();
      await app.waitForServiceWorkerControl();

      // Pushes cannot get through: the records wait on the phone.
      await context.route('**/api/sync/push', (route) => route.abort('connectionrefused'));
      const incident = new IncidentPage(app);
      await incident.open();
      await incident.fill({
        category: app.t('category.missed_appointment'),
        scope: kowloonWestMobile(app.lang),
        customerRef: ref(1),
        description: 'Installer missed the slot.',
        likelihood: 3,
        impact: 2,
      });
      await incident.save();
      const recovery = new RecoveryPage(app);
      await recovery.open();
      await recovery.fill({
        type: app.t('compensation.bill_credit'),
        amount: '50',
        scope: kowloonWestMobile(app.lang),
        customerRef: ref(2),
        reason: 'Goodwill credit for the missed slot.',
      });
      await recovery.waitForDecision('within');
      await recovery.save('given');
      await app.waitForStatus(app.t('status.pending', { count: 2 }));
      const waiting = (await recordsOnDevice(page)).filter((r) =>
        r.customerRef?.startsWith('ACC-'),
      );
      expect(waiting).toHaveLength(2);

      // Half-typed, not saved.
      await incident.open();
      await field(incident.main, app.t('form.customerRef')).fill(ref(3));
      await field(incident.main, app.t('incident.description')).fill('Typed before the update');

      // The new version is published; the app asks, as it does every hour and on coming back.
      door!.publishNewVersion();
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      const notice = page.getByRole('status').filter({ hasText: app.t('update.ready') });
      await notice.waitFor();
      // Nothing reloads by itself: the old version runs on, the form as typed.
      expect(await field(incident.main, app.t('form.customerRef')).inputValue()).toBe(ref(3));

      const reloaded = page.waitForEvent('load');
      await notice.getByRole('button', { name: app.t('update.reload'), exact: true }).tap();
      await reloaded;
      await app.appBar.waitFor();
      // The new version is in charge: no other waits.
      expect(
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return {
            isControlled: navigator.serviceWorker.controller !== null,
            isWaiting: registration?.waiting != null,
          };
        }),
      ).toEqual({ isControlled: true, isWaiting: false });
      expect(await notice.count()).toBe(0);

      // Everything is still there.
      await incident.open();
      await expect
        .poll(() => field(incident.main, app.t('form.customerRef')).inputValue())
        .toBe(ref(3));
      expect(await field(incident.main, app.t('incident.description')).inputValue()).toBe(
        'Typed before the update',
      );
      await app.waitForStatus(app.t('status.pending', { count: 2 }));
      expect(await outboxSize(page)).toBe(2);

      // The way to the server opens: each record arrives once.
      await context.unroute('**/api/sync/push');
      await app.statusBar.getByRole('button', { name: app.t('action.syncNow'), exact: true }).tap();
      await app.waitForStatus(app.t('status.allSent'));
      const token = await signInOverHttp(e2e!.server.baseUrl, 'manager.lee', 'manager-demo');
      const changes = await pullEverything(e2e!.server.baseUrl, token);
      const idOf = (n: number) => waiting.find((r) => r.customerRef === ref(n))?.id ?? '';
      expect(countById(changes, 'incident').get(idOf(1))).toBe(1);
      expect(countById(changes, 'recovery').get(idOf(2))).toBe(1);
      const ours = changes.filter(
        (c) =>
          !c.deleted &&
          (c.data as { customerRef?: string } | null)?.customerRef?.startsWith(`ACC-${run}`),
      );
      expect(ours.map((c) => c.id).sort()).toEqual([idOf(1), idOf(2)].sort());
    });
  },
);
