import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';

/** Debian's Chromium; browser downloads do not work here, so Playwright drives the system one. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless on a closed network: without the background-networking flags Chromium keeps trying to
 * reach Google's hosts, and those refused connections slow every start.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const isCi = process.env.CI === 'true';

/**
 * Why the browser tests cannot run here, or null when they can. Under CI=true this is always
 * null: a missing browser must fail the suite (the launch throws), never skip it silently.
 */
export const browserSkipReason: string | null =
  isCi || existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

if (browserSkipReason !== null) {
  console.warn(`WARNING: browser tests will be skipped: ${browserSkipReason}`);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `CI=true but there is no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A phone in the hand: the viewport of a 6.1" phone, touch, and a mobile user agent. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  locale: 'en-HK',
  timezoneId: 'Asia/Hong_Kong',
};

/**
 * A fresh phone: its own storage (IndexedDB, service worker, caches) that lasts until the
 * context closes. Waits fail after 10 s with the locator they waited for, well inside the
 * test's own timeout, so a failure names what was missing.
 */
export async function newPhone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}
