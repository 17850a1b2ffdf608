import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../web/src/i18n/index.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { AppShell } from './pages/app-shell.ts';
import { HomePage, RecordsPage } from './pages/browse-pages.ts';
import { displayNameOf, kowloonWestMobile } from './pages/demo-words.ts';
import { IncidentPage, RecoveryPage } from './pages/record-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { browserSkipReason, newPhone } from './support/chromium.ts';
import { startE2E, type E2E } from './support/e2e.ts';
import { skipRestAfterFailure } from './support/story.ts';
import { outboxSize, recordsOnDevice, type DeviceRecord } from './support/device-db.ts';
import { countById, pullEverything, signInOverHttp } from './support/server-api.ts';

/*
 * The field story of issue 3, in headless Chromium against the production build and the real
 * server: sign in once, lose the signal, keep working, close the app, come back online, and
 * every record reaches the server exactly once. One story, so the steps share one phone.
 */

const en = createI18n('en');
/** Unique per run, so a record sent twice under two ids would show up as two. */
const run = String(Date.now() % 1e8).padStart(8, '0');
const ref = (n: number) => `ACC-${run.slice(0, 6)}${n}${n}`;
const KOWLOON_WEST_MOBILE = kowloonWestMobile('en');
const NATHAN_ROAD = { latitude: 22.31234, longitude: 114.17056, accuracy: 12 };

describe.skipIf(browserSkipReason !== null)(
  '[E2E] a frontline phone with no signal (Chromium, built app, real server)',
  () => {
    let e2e: E2E | undefined;
    let server: ServerProcess;
    let context: BrowserContext;
    let page: Page;
    let app: AppShell;
    let onDevice: DeviceRecord[] = [];

    beforeAll(async () => {
      e2e = await startE2E();
      server = e2e.server;
      context = await newPhone(e2e.browser);
      page = await context.newPage();
      app = new AppShell(page, server.baseUrl);
    });

    afterAll(async () => {
      await e2e?.close();
    });

    skipRestAfterFailure();

    it('signs in on a 390×844 touch screen, syncs, and keeps the tabs within thumb reach', async () => {
      await app.open('/');
      await new SignInPage(app).signIn('frontline.chan', 'frontline-demo');
      await app.statusBar.getByText(displayNameOf('frontline.chan'), { exact: false }).waitFor();
      await app.waitForFirstSync();

      expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      const tabs = await app.tabBar.boundingBox();
      expect(tabs && Math.round(tabs.y + tabs.height)).toBe(844);
      // Nothing is wider than the phone: no sideways scrolling on any part of home.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
    });

    it('opens from the service worker with no network and the server down', async () => {
      await app.waitForServiceWorkerControl();
      await server.kill();
      await context.setOffline(true);
      await page.reload();
      await new HomePage(app).waitUntilShown();
      expect(await app.isControlledByServiceWorker()).toBe(true);
      await app.statusBar.getByText(app.t('status.offline'), { exact: true }).waitFor();
    });

    it('records an incident, a within-limit and an over-limit recovery offline', async () => {
      const incident = new IncidentPage(app);
      await incident.open();
      await incident.fill({
        category: en.t('category.missed_appointment'),
        scope: KOWLOON_WEST_MOBILE,
        customerRef: ref(1),
        description: `Installer missed the 10:00 slot; customer waited at home (e2e ${run}).`,
        likelihood: 3,
        impact: 2,
      });
      // The tactics for the scope show as soon as it is known, from the phone's own copy.
      await incident.tactics.getByRole('heading', { level: 3 }).first().waitFor();
      // GPS needs no signal: the phone is on Nathan Road and allows location.
      await context.grantPermissions(['geolocation'], { origin: server.baseUrl });
      await context.setGeolocation(NATHAN_ROAD);
      await incident.addLocation();
      await incident.save();

      const recovery = new RecoveryPage(app);
      await recovery.open();
      await recovery.fill({
        type: en.t('compensation.bill_credit'),
        amount: '50',
        scope: KOWLOON_WEST_MOBILE,
        customerRef: ref(2),
        reason: 'Missed appointment; goodwill credit per tactic.',
      });
      await recovery.waitForDecision('within');
      expect(await recovery.decision.textContent()).toContain(
        en.t('limit.withinDetail', { perCase: en.money(300_00) }),
      );
      await recovery.save('given');

      await recovery.startAnother();
      await recovery.fill({
        type: en.t('compensation.bill_credit'),
        amount: '800',
        scope: KOWLOON_WEST_MOBILE,
        customerRef: ref(3),
        reason: 'Three missed appointments in a row; customer threatens to leave.',
      });
      await recovery.waitForDecision('needsApproval');
      expect(await recovery.decision.textContent()).toContain(
        en.t('limit.explain.over_per_case', {
          amount: en.money(800_00),
          excess: en.money(500_00),
          limit: en.money(300_00),
        }),
      );
      await recovery.save('awaiting_approval');

      await app.waitForStatus(app.t('status.pending', { count: 3 }));
      onDevice = (await recordsOnDevice(page)).filter((r) => r.customerRef?.startsWith('ACC-'));
      expect(onDevice.map((r) => [r.name, r.customerRef, r.state]).sort()).toEqual([
        ['incident.record', ref(1), 'saved_on_device'],
        ['recovery.record', ref(2), 'saved_on_device'],
        ['recovery.record', ref(3), 'saved_on_device'],
      ]);
    });

    it('keeps them on the phone, unsent, when the app is closed and opened again', async () => {
      await page.close();
      page = await context.newPage();
      app = new AppShell(page, server.baseUrl);
      await app.open('/records');
      const records = new RecordsPage(app);
      await records.waitUntilShown();
      for (const n of [1, 2, 3]) await records.waitForState(ref(n), 'saved_on_device');
      await app.waitForStatus(app.t('status.pending', { count: 3 }));
      expect(await outboxSize(page)).toBe(3);
    });

    it('sends everything exactly once when the connection comes back', async () => {
      await server.restart();
      await context.setOffline(false);
      await app.waitForStatus(app.t('status.allSent'));
      const records = new RecordsPage(app);
      for (const n of [1, 2, 3]) await records.waitForState(ref(n), 'synced');
      expect(await outboxSize(page)).toBe(0);

      const token = await signInOverHttp(server.baseUrl, 'manager.lee', 'manager-demo');
      const changes = await pullEverything(server.baseUrl, token);
      const incidents = countById(changes, 'incident');
      const recoveries = countById(changes, 'recovery');
      const idOf = (n: number) => onDevice.find((r) => r.customerRef === ref(n))?.id ?? '';
      expect(incidents.get(idOf(1))).toBe(1);
      const located = changes.find((c) => c.kind === 'incident' && c.id === idOf(1))?.data as {
        location: { lat: number; lng: number; accuracyM: number } | null;
      };
      expect(located.location).toMatchObject({
        lat: NATHAN_ROAD.latitude,
        lng: NATHAN_ROAD.longitude,
      });
      expect(recoveries.get(idOf(2))).toBe(1);
      expect(recoveries.get(idOf(3))).toBe(1);
      // Not sent twice under another id either: one record per customer reference of this run.
      const ours = changes.filter(
        (c) =>
          (c.kind === 'incident' || c.kind === 'recovery') &&
          !c.deleted &&
          (c.data as { customerRef?: string } | null)?.customerRef?.startsWith(
            `ACC-${run.slice(0, 6)}`,
          ),
      );
      expect(ours.map((c) => c.id).sort()).toEqual([idOf(1), idOf(2), idOf(3)].sort());
      const statusOf = (n: number) =>
        (changes.find((c) => c.kind === 'recovery' && c.id === idOf(n))?.data as { status: string })
          .status;
      expect(statusOf(2)).toBe('given');
      expect(statusOf(3)).toBe('awaiting_approval');
    });

    it('speaks Traditional Chinese (zh-HK) when asked, and remembers it', async () => {
      await app.switchLanguage('zh-HK');
      expect(await app.documentLang()).toBe('zh-HK');
      await app.waitForScreen('我的記錄');
      await app.tab('plan').getByText('計劃', { exact: true }).waitFor();
      await app.waitForStatus('已全部傳送');
      await page.reload();
      await new RecordsPage(app).waitUntilShown();
      expect(await page.title()).toBe('前線策略手冊');
    });
  },
);
