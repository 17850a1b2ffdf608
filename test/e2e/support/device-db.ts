import type { Page } from 'playwright-core';

/** A record as the phone keeps it (web/src/db: the `local` table). */
export interface DeviceRecord {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly customerRef: string | null;
}

/**
 * Reads the records on the phone straight from IndexedDB, as a developer would in DevTools:
 * the ids the server must end up with exactly once. Read-only, and without Dexie, so the test
 * sees the stored bytes and not what the app's code makes of them.
 */
export function recordsOnDevice(page: Page): Promise<DeviceRecord[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceRecord[]>((resolve, reject) => {
        const open = indexedDB.open('frontline-playbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('local', 'readonly').objectStore('local').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            resolve(
              (
                read.result as {
                  id: string;
                  name: string;
                  state: string;
                  args: { customerRef?: string | null };
                }[]
              ).map((r) => ({
                id: r.id,
                name: r.name,
                state: r.state,
                customerRef: r.args.customerRef ?? null,
              })),
            );
          };
        };
      }),
  );
}

/** Mutations waiting in the outbox. */
export function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('frontline-playbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('outbox', 'readonly').objectStore('outbox').count();
          count.onerror = () => reject(count.error);
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );
}

export interface DevicePhoto {
  readonly id: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly state: string;
  readonly recordId: string | null;
  readonly width: number;
  readonly height: number;
}

/** The photos table, read without Dexie, each decoded to learn its size. */
export function photosOnDevice(page: Page): Promise<DevicePhoto[]> {
  return page.evaluate(
    () =>
      new Promise<DevicePhoto[]>((resolve, reject) => {
        const open = indexedDB.open('frontline-playbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('photos', 'readonly').objectStore('photos').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            const rows = read.result as (Omit<DevicePhoto, 'width' | 'height'> & { blob: Blob })[];
            void Promise.all(
              rows.map(async ({ blob, ...row }) => {
                const bitmap = await createImageBitmap(blob);
                return { ...row, width: bitmap.width, height: bitmap.height };
              }),
            ).then(resolve, reject);
          };
        };
      }),
  );
}
