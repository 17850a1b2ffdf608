import { describe, expect, it } from 'vitest';
import { saveLocalWrite } from '../../web/src/db/local-writes.ts';
import { uuidv7 } from '../../shared/index.ts';
import type { SyncState } from '../../web/src/sync/sync-state.ts';
import { TEST_NOW, type TestServer } from '../support/harness.ts';
import { incident, serverIds, settle, type Device, type Wire, useRig } from './helpers.ts';

// When sync runs (product.md §4): at start, on `online`, on becoming visible, shortly after a
// write, on the back-off timer, from the watchdog, and on syncNow; never two at once in a tab.

let s: TestServer;
let w: Wire;
let d: Device;

useRig({ isStarted: false }, (rig) => ({ s, w, d } = rig));

const pulls = () => w.count('/api/sync/pull');
const pushes = () => w.count('/api/sync/push');

describe('sync triggers', () => {
  it('syncs at start, when the app becomes visible and when the device comes online', async () => {
    expect(pulls()).toBe(0);
    d.engine.start();
    await settle(d);
    expect(pulls()).toBe(1);
    expect(await d.stores.plan.current.read()).not.toBeNull();

    d.browser.becomeVisible();
    await settle(d);
    expect(pulls()).toBe(2);

    d.browser.setOnline(false);
    await d.stores.records.recordIncident(incident());
    await d.engine.syncNow();
    expect(d.engine.state.get()).toMatchObject({ status: 'offline', pendingCount: 1 });
    expect(pushes()).toBe(0);

    d.browser.setOnline(true);
    await settle(d);
    expect(pushes()).toBe(1);
    expect(d.engine.state.get()).toMatchObject({ status: 'idle', pendingCount: 0 });
  });

  it('syncs 500 ms after the last of a quick run of writes, in one push', async () => {
    d.engine.start();
    await settle(d);
    for (let i = 0; i < 3; i++) {
      await d.stores.records.recordIncident(incident());
      d.browser.timers.advance(300);
    }
    await settle(d);
    expect(pushes()).toBe(0);
    // The count the UI shows follows the outbox live, before any sync.
    expect(d.engine.state.get().pendingCount).toBe(3);
    d.browser.timers.advance(199);
    await settle(d);
    expect(pushes()).toBe(0);
    d.browser.timers.advance(1);
    await settle(d);
    expect(pushes()).toBe(1);
    expect(
      (w.log.find((l) => l.path === '/api/sync/push')?.body as { mutations: unknown[] }).mutations,
    ).toHaveLength(3);
  });

  it('the watchdog syncs a pending outbox that no trigger announced', async () => {
    d.engine.start();
    await settle(d);
    // Another tab's write: this engine is not told.
    const id = uuidv7();
    await saveLocalWrite(d.db, () => ({
      record: {
        id,
        name: 'incident.record',
        args: { ...incident(), id },
        userId: s.user('frontline.chan').id,
        state: 'saved_on_device',
        mutationId: uuidv7(),
        rejection: null,
        createdAt: TEST_NOW,
        updatedAt: TEST_NOW,
      },
      clientTime: new Date(TEST_NOW).toISOString(),
    }));
    d.browser.timers.advance(29_999);
    await settle(d);
    expect(pushes()).toBe(0);
    d.browser.timers.advance(1);
    await settle(d);
    expect(pushes()).toBe(1);
    expect(await serverIds(s, 'incident')).toEqual([id]);
  });

  it('[SY2] never two syncs at once in one tab: calls during a sync join it and run it once more', async () => {
    d.engine.start();
    await settle(d);
    const before = pulls();
    const joined: Promise<void>[] = [];
    w.control.afterServer = async (r) => {
      if (r.path === '/api/sync/pull' && joined.length === 0)
        joined.push(d.engine.syncNow(), d.engine.syncNow());
    };
    await d.engine.syncNow();
    await Promise.all(joined);
    expect(joined).toHaveLength(2);
    expect(w.overlap.max).toBe(1);
    expect(pulls() - before).toBe(2);
  });

  it('shows progress while draining a long outbox, 100 at a time', async () => {
    for (let i = 0; i < 250; i++)
      await d.stores.records.recordIncident(
        incident({ customerRef: `ACC-${String(i).padStart(8, '0')}` }),
      );
    const seen: string[] = [];
    d.engine.state.subscribe((st) => {
      const p = JSON.stringify(st.progress);
      if (p !== seen.at(-1)) seen.push(p);
    });
    await d.engine.syncNow();
    expect(seen.map((p) => JSON.parse(p) as SyncState['progress'])).toEqual([
      null,
      { done: 0, total: 250 },
      { done: 100, total: 250 },
      { done: 200, total: 250 },
      { done: 250, total: 250 },
      null,
    ]);
    expect((await serverIds(s, 'incident')).length).toBe(250);
  });
});
