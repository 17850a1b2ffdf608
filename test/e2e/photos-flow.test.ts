import { deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../shared/index.ts';
import { createI18n } from '../../web/src/i18n/index.ts';
import { AppShell } from './pages/app-shell.ts';
import { kowloonWestMobile } from './pages/demo-words.ts';
import { IncidentPage } from './pages/record-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { browserSkipReason, newPhone } from './support/chromium.ts';
import { photosOnDevice, recordsOnDevice } from './support/device-db.ts';
import { startE2E, type E2E } from './support/e2e.ts';
import { skipRestAfterFailure } from './support/story.ts';
import { pullEverything, signInOverHttp } from './support/server-api.ts';

/*
 * Photos of an incident in headless Chromium against the built app and the real server
 * (docs/sync.md SY20): taken with no signal, re-encoded through the canvas, kept in IndexedDB,
 * uploaded once the connection is back, before the incident that names them.
 */

const en = createI18n('en');
const run = String(Date.now() % 1e8).padStart(8, '0');
const REF = `ACC-${run}`;

/** CRC-32 (PNG's chunk checksum). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A camera-sized PNG (2400×1200, stripes), made here: larger than the app keeps. */
function widePng(width = 2400, height = 1200): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      rows[i] = (x >> 4) % 2 ? 200 : 40;
      rows[i + 1] = (y >> 4) % 2 ? 180 : 60;
      rows[i + 2] = 90;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe.skipIf(browserSkipReason !== null)(
  '[E2E] photos of an incident taken with no signal (Chromium, built app, real server)',
  () => {
    let e2e: E2E | undefined;
    let context: BrowserContext;
    let page: Page;
    let app: AppShell;
    let baseUrl: string;
    let recordId = '';

    beforeAll(async () => {
      e2e = await startE2E();
      baseUrl = e2e.server.baseUrl;
      context = await newPhone(e2e.browser);
      page = await context.newPage();
      app = new AppShell(page, baseUrl);
    });
    afterAll(async () => {
      await e2e?.close();
    });

    skipRestAfterFailure();

    it('[SY20] adds a photo offline: re-encoded to a 1600 px JPEG, stored on the phone', async () => {
      await app.open('/');
      await new SignInPage(app).signIn('frontline.chan', 'frontline-demo');
      await app.waitForFirstSync();
      await context.setOffline(true);

      const incident = new IncidentPage(app);
      await incident.open();
      await incident.fill({
        category: en.t('category.missed_appointment'),
        scope: kowloonWestMobile('en'),
        customerRef: REF,
        description: `Cable cut at the cabinet; photo attached (e2e ${run}).`,
        likelihood: 2,
        impact: 3,
      });
      await page
        .locator('[data-photo-input]')
        .setInputFiles({ name: 'cabinet.png', mimeType: 'image/png', buffer: widePng() });
      await page.getByRole('img', { name: en.t('photos.photoN', { n: 1 }) }).waitFor();
      await page.getByText(en.t('photos.count', { count: 1, max: 10 })).waitFor();
      await page
        .getByRole('button', { name: en.t('photos.remove', { n: 1 }), exact: true })
        .waitFor();

      const [photo] = await photosOnDevice(page);
      expect(photo).toMatchObject({
        contentType: 'image/jpeg',
        state: 'pending',
        recordId: null,
        width: 1600,
        height: 800,
      });
      expect(photo?.bytes).toBeLessThan(MAX_PHOTO_BYTES);
      await incident.save();
      const [saved] = await photosOnDevice(page);
      const [record] = (await recordsOnDevice(page)).filter((r) => r.customerRef === REF);
      expect(saved?.recordId).toBe(record?.id);
      recordId = record?.id ?? '';
    });

    it('[SY20] uploads it once back online; the server has it and the incident names it', async () => {
      await context.setOffline(false);
      await app.waitForStatus(app.t('status.allSent'));
      const [photo] = await photosOnDevice(page);
      expect(photo?.state).toBe('uploaded');

      const token = await signInOverHttp(baseUrl, 'supervisor.wong', 'supervisor-demo');
      const changes = await pullEverything(baseUrl, token);
      const incident = changes.find(
        (c) => c.kind === 'incident' && (c.data as { customerRef?: string }).customerRef === REF,
      )?.data as { photoIds: string[] } | undefined;
      expect(incident?.photoIds).toEqual([photo?.id]);
      const res = await fetch(`${baseUrl}/api/photos/${photo?.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect((await res.arrayBuffer()).byteLength).toBe(photo?.bytes);
    });

    it('[SY20] shows it on the record page', async () => {
      // The synced record is now the server's copy; the phone still has the photo itself.
      await app.open(`/records/${recordId}`);
      const img = page.getByRole('img', { name: en.t('photos.photoN', { n: 1 }) });
      await img.waitFor();
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1600);
    });
  },
);
