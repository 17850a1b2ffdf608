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
