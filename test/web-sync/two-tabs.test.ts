import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LockManagerLike } from '../../web/src/sync/sync-lock.ts';
import type { TestServer } from '../support/harness.ts';
import {
  CHAN,
  device,
  fakeLockManager,
  incident,
  serverIds,
  startServer,
  wire,
  type Device,
  type Wire,
} from './helpers.ts';

// Two tabs of the app share one IndexedDB and one outbox. The Web Lock keeps their syncs apart.

let s: TestServer;
let w: Wire;
let tabs: Device[];

beforeEach(async () => {
  s = await startServer();
  w = wire(s);
  tabs = [];
});
afterEach(async () => {
  for (const t of tabs) {
    await t.engine.stop();
    t.db.close();
  }
  await s.close();
});

/** Two tabs over one database; both record while both sync. Returns what they recorded. */
async function runTwoTabs(locks: LockManagerLike | undefined) {
  const dbName = `two-tabs-${randomUUID()}`;
  tabs = [
    device(w, { dbName, ...(locks ? { locks } : {}) }),
    device(w, { dbName, ...(locks ? { locks } : {}) }),
  ];
  const [a, b] = tabs as [Device, Device];
  await a.stores.session.signIn(CHAN.username, CHAN.password);

  let syncingNow = 0;
  let maxSyncing = 0;
  for (const t of tabs) {
    let wasSyncing = false;
    t.engine.state.subscribe(({ status }) => {
      const isSyncing = status === 'syncing';
      if (isSyncing !== wasSyncing) syncingNow += isSyncing ? 1 : -1;
      wasSyncing = isSyncing;
      maxSyncing = Math.max(maxSyncing, syncingNow);
    });
  }
  const ids: string[] = [];
  for (let i = 0; i < 120; i++) {
    const tab = i % 3 === 0 ? b : a;
    ids.push(
      (
        await tab.stores.records.recordIncident(
          incident({ customerRef: `ACC-${String(i).padStart(8, '0')}` }),
        )
      ).id,
    );
  }
  // Every trigger at once, in both tabs.
  for (const t of tabs) t.engine.start();
  for (const t of tabs) t.browser.becomeVisible();
  await Promise.all(tabs.flatMap((t) => [t.engine.syncNow(), t.engine.syncNow()]));
  await Promise.all(tabs.map((t) => t.engine.whenIdle()));

  const pushed = w.log
    .filter((l) => l.path === '/api/sync/push')
    .reduce((n, l) => n + (l.body as { mutations: unknown[] }).mutations.length, 0);
  return { ids: ids.sort(), maxSyncing, pushed };
}

describe('two tabs on one device', () => {
  it('[SY2] with the Web Lock, the two tabs never sync at once and each mutation is pushed once', async () => {
    const { locks, stats } = fakeLockManager();
    const run = await runTwoTabs(locks);

    expect(stats.maxHeld).toBe(1);
    expect(stats.grants).toBeGreaterThanOrEqual(2); // both tabs synced, one after the other
    expect(run.maxSyncing).toBe(1);
    expect(w.overlap.max).toBe(1);
    expect(run.pushed).toBe(120);
    expect(await serverIds(s, 'incident')).toEqual(run.ids);
    for (const t of tabs)
      expect(t.engine.state.get()).toMatchObject({ status: 'idle', pendingCount: 0 });
  });

  it('[SY4] control: without the lock the tabs overlap and push the same head twice; the server still applies it once', async () => {
    const run = await runTwoTabs(undefined);

    expect(run.maxSyncing).toBe(2);
    expect(run.pushed).toBeGreaterThan(120);
    expect(await serverIds(s, 'incident')).toEqual(run.ids);
  });
});
