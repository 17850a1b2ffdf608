import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEnv } from '../../web/src/sync/sync-env.ts';
import type { LockManagerLike } from '../../web/src/sync/sync-lock.ts';
import type { TestServer } from '../support/harness.ts';
import { sleep } from '../support/time.ts';
import {
  closeRig,
  device,
  fakeBrowser,
  fakeLockManager,
  manualTimers,
  openRig,
  recovery,
  wire,
  type Device,
  type Rig,
  type Wire,
} from './helpers.ts';
import { HKD } from '../approvals/helpers.ts';

// The live channel on a real device (engine + stores over fake-indexeddb) against the real server
// in-process (docs/sync.md SY18): a supervisor who does nothing still sees a new request within
// seconds, and the watch never gets in the way of a push.

/** Over chan's HK$300 a case: opens a request that waits on supervisor.wong. */
const OVER_LIMIT = recovery({ amount: HKD(500) });

/** Polls `isDone` in real time; returns how long it took, or throws after `ms`. */
async function within(ms: number, isDone: () => boolean | Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await isDone())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
  return performance.now() - started;
}

/** A browser stand-in whose visibility the test flips too. */
function visibleBrowser(locks: LockManagerLike) {
  const browser = fakeBrowser(manualTimers(), locks);
  let isVisible = true;
  const onHidden = new Set<() => void>();
  const env: SyncEnv = {
    ...browser,
    isVisible: () => isVisible,
    on: (event, listener) => {
      if (event !== 'hidden') return browser.on(event, listener);
      onHidden.add(listener);
      return () => onHidden.delete(listener);
    },
  };
  return {
    env,
    browser,
    hide() {
      isVisible = false;
      onHidden.forEach((l) => l());
    },
    show() {
      isVisible = true;
      browser.becomeVisible();
    },
  };
}

let rig: Rig;
let s: TestServer;
let chan: Device;
/** wong's own wire, so that what it sends can be counted apart from chan's. */
let ww: Wire;
let wong: Device;
let screen: ReturnType<typeof visibleBrowser>;
let lockStats: ReturnType<typeof fakeLockManager>['stats'];

beforeEach(async () => {
  rig = await openRig({ isStarted: true });
  ({ s, d: chan } = rig);
  ww = wire(s);
  const lock = fakeLockManager();
  lockStats = lock.stats;
  screen = visibleBrowser(lock.locks);
  wong = device(ww, { env: screen.env, timers: screen.browser.timers, watch: true });
  wong.engine.start();
  await wong.stores.session.signIn('supervisor.wong', 'supervisor-demo');
  await wong.engine.whenIdle();
});
afterEach(async () => {
  await wong.engine.stop();
  wong.db.close();
  await closeRig(rig);
});

const isWatching = () => ww.overlap.now === 1 && ww.count('/api/sync/watch') > 0;
const hasRequest = async (d: Device, id: string) =>
  (await d.db.docs.toArray()).some((doc) => doc.kind === 'approval_request' && doc.id === id);

describe('the live channel on the device', () => {
  it("[SY18] a supervisor's idle device has a new request within seconds, without acting", async () => {
    await within(2_000, isWatching);
    const pullsBefore = ww.count('/api/sync/pull');

    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    await chan.engine.syncNow();
    const latency = await within(4_000, () => hasRequest(wong, saved.id));

    expect(latency).toBeLessThan(3_000);
    expect(ww.count('/api/sync/push')).toBe(0);
    expect(ww.count('/api/sync/pull')).toBeGreaterThan(pullsBefore);
    // And it watches again, from the new cursor.
    await within(2_000, isWatching);
  });

  it('[SY18] the watch never holds the sync lock: a sync runs while it is open', async () => {
    await within(2_000, isWatching);
    expect(lockStats.held).toBe(0);
    const grants = lockStats.grants;
    const watches = ww.count('/api/sync/watch');
    const started = performance.now();
    await wong.engine.syncNow();
    expect(performance.now() - started).toBeLessThan(2_000);
    // The sync took the lock once, and the same watch stayed open throughout.
    expect(lockStats.grants).toBe(grants + 1);
    expect(ww.count('/api/sync/watch')).toBe(watches);
    expect(isWatching()).toBe(true);
  });

  it('[SY18] hidden closes the watch; visible again catches up at once and watches', async () => {
    await within(2_000, isWatching);
    screen.hide();
    await within(1_000, () => ww.overlap.now === 0);
    const [watches, pulls] = [ww.count('/api/sync/watch'), ww.count('/api/sync/pull')];

    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    await chan.engine.syncNow();
    await sleep(1_500);
    // Hidden, the device asked the server nothing: no watch, no pull.
    expect(ww.count('/api/sync/watch')).toBe(watches);
    expect(ww.count('/api/sync/pull')).toBe(pulls);
    expect(await hasRequest(wong, saved.id)).toBe(false);
    expect(ww.overlap.now).toBe(0);

    screen.show();
    await within(2_000, () => hasRequest(wong, saved.id));
    await within(2_000, isWatching);
  });

  it('[SY18] offline closes the watch; online again catches up and watches', async () => {
    await within(2_000, isWatching);
    screen.browser.setOnline(false);
    await within(1_000, () => ww.overlap.now === 0);
    const watches = ww.count('/api/sync/watch');
    await sleep(300);
    expect(ww.count('/api/sync/watch')).toBe(watches);

    screen.browser.setOnline(true);
    await within(2_000, isWatching);
  });

  it('[SY18] stop and sign-out close the watch', async () => {
    await within(2_000, isWatching);
    await wong.stores.session.signOut();
    await within(1_000, () => ww.overlap.now === 0);

    await wong.stores.session.signIn('supervisor.wong', 'supervisor-demo');
    await within(2_000, isWatching);
    await wong.engine.stop();
    await within(1_000, () => ww.overlap.now === 0);
  });
});
