import type { Page } from 'playwright-core';

// The phone's IndexedDB read straight, as a developer would in DevTools: read-only, and without
// Dexie, so a test sees the stored rows and not what the app's code makes of them.

/** A record as the phone keeps it (web/src/db: the `local` table). */
export interface DeviceRecord {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly customerRef: string | null;
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

/**
 * Every row of one table of the app's database. A row's `blob` cannot leave the page, so it is
 * decoded there and comes back as the image's `width` and `height` instead.
 */
function rowsOnDevice<T>(page: Page, table: 'local' | 'outbox' | 'photos'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('frontline-playbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction(name, 'readonly').objectStore(name).getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            const rows = read.result as Record<string, unknown>[];
            void Promise.all(
              rows.map(async ({ blob, ...row }) => {
                if (!(blob instanceof Blob)) return row;
                const bitmap = await createImageBitmap(blob);
                return { ...row, width: bitmap.width, height: bitmap.height };
              }),
            ).then((decoded) => resolve(decoded as T[]), reject);
          };
        };
      }),
    table,
  );
}

/** The records on the phone: the ids the server must end up with exactly once. */
export async function recordsOnDevice(page: Page): Promise<DeviceRecord[]> {
  const rows = await rowsOnDevice<{
    id: string;
    name: string;
    state: string;
    args: { customerRef?: string | null };
  }>(page, 'local');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    customerRef: r.args.customerRef ?? null,
  }));
}

/** Mutations waiting in the outbox. */
export async function outboxSize(page: Page): Promise<number> {
  return (await rowsOnDevice(page, 'outbox')).length;
}

/** The photos table, each photo decoded to learn its size. */
export function photosOnDevice(page: Page): Promise<DevicePhoto[]> {
  return rowsOnDevice<DevicePhoto>(page, 'photos');
}
