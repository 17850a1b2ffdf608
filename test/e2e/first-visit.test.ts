import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell.ts';
import { displayNameOf } from './pages/demo-words.ts';
import { field } from './pages/fields.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { browserSkipReason, newPhone } from './support/chromium.ts';
import { startE2E, type E2E } from './support/e2e.ts';

/*
 * A first visit on a slow link: the sign-in form comes from its own small chunk, before the data
 * layer (Dexie, the schemas, the sync engine). Here the data layer's chunk is held back on
 * purpose: the person can already type and press "Sign in", which waits for it and then signs in.
 */

describe.skipIf(browserSkipReason !== null)(
  '[E2E] a first visit: the sign-in form before the data layer (Chromium, built app, real server)',
  () => {
    let e2e: E2E | undefined;
    let context: BrowserContext;
    let page: Page;
    let app: AppShell;

    beforeAll(async () => {
      e2e = await startE2E();
      context = await newPhone(e2e.browser);
      page = await context.newPage();
      app = new AppShell(page, e2e.server.baseUrl);
    });

    afterAll(async () => {
      await e2e?.close();
    });

    it('shows the form and takes the sign-in while the data layer is still on its way', async () => {
      const held: Route[] = [];
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.route('**/assets/browser-stores-*.js', (route) => void held.push(route));

      await app.open('/');
      const signIn = new SignInPage(app);
      await signIn.heading.waitFor();
      await field(page, app.t('signIn.username')).fill('frontline.chan');
      await field(page, app.t('signIn.password')).fill('frontline-demo');
      await page.getByRole('button', { name: app.t('action.signIn'), exact: true }).tap();

      // The data layer was asked for, but not one byte of it has arrived: still on the form, busy.
      await expect.poll(() => held.length).toBe(1);
      expect(await signIn.heading.isVisible()).toBe(true);
      expect(
        await page.getByRole('button', { name: app.t('action.signIn') }).getAttribute('aria-busy'),
      ).toBe('true');
      // The form came from its own chunk, asked for while the data layer was still held.
      const beforeData = scripts.filter((s) => !s.includes('browser-stores-'));
      expect(beforeData.some((s) => /\/assets\/sign-in-screen-[^/]+\.js$/.test(s))).toBe(true);

      for (const route of held) await route.continue();
      await page.unroute('**/assets/browser-stores-*.js');
      await signIn.heading.waitFor({ state: 'detached' });
      await app.statusBar.getByText(displayNameOf('frontline.chan'), { exact: false }).waitFor();
    });

    it('after sign-in, leaves the hint the next start reads before the data layer loads (frontline.hasSession)', async () => {
      expect(await page.evaluate(() => localStorage.getItem('frontline.hasSession'))).toBe('1');
    });

    it('shows "ready to work offline" without moving the form: a tap meant for Sign in stays on it', async () => {
      // The service worker finishes precaching whenever it does, often while the person types.
      // A notice pushed in above the form moved the button from under a finger (a CI run's tap
      // landed beside it); it floats above the bottom edge instead.
      const fresh = await newPhone(e2e!.browser);
      try {
        const firstVisit = new AppShell(await fresh.newPage(), e2e!.server.baseUrl);
        // The worker's script is held until the form has been measured, so the notice can only
        // come after.
        const heldWorker: Route[] = [];
        await fresh.route('**/sw.js', (route) => void heldWorker.push(route));
        await firstVisit.open('/');
        await new SignInPage(firstVisit).heading.waitFor();
        const button = firstVisit.page.getByRole('button', {
          name: firstVisit.t('action.signIn'),
          exact: true,
        });
        const before = await button.boundingBox();
        // The live region is there, empty, before anything is said in it (one that appears
        // already filled is often not announced).
        expect(await firstVisit.page.getByRole('status').filter({ hasText: /\S/ }).count()).toBe(0);
        expect(await firstVisit.page.locator('.app-notices[role="status"]').count()).toBe(1);
        await expect.poll(() => heldWorker.length).toBe(1);
        for (const route of heldWorker) await route.continue();
        await fresh.unroute('**/sw.js');
        const notice = firstVisit.page
          .getByRole('status')
          .filter({ hasText: firstVisit.t('update.offlineReady') });
        await notice.waitFor();
        expect(await button.boundingBox()).toEqual(before);
        const [noticeBox, buttonBox] = [await notice.boundingBox(), await button.boundingBox()];
        expect(noticeBox!.y).toBeGreaterThan(buttonBox!.y + buttonBox!.height);

        await notice.getByRole('button', { name: firstVisit.t('action.dismiss') }).tap();
        await notice.waitFor({ state: 'detached' });
        // Focus was on the button that went: it lands on the screen, not on the page.
        expect(await firstVisit.page.evaluate(() => document.activeElement?.id)).toBe('main');
      } finally {
        await fresh.close();
      }
    });
  },
);
