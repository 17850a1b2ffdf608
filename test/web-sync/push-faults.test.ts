import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/index.ts';
import type { TestServer } from '../support/harness.ts';
import { CHAN, incident, serverIds, type Device, type Wire, useRig } from './helpers.ts';

// The engine pushing a real outbox to the real server through a faulty wire (docs/sync.md).

let s: TestServer;
let w: Wire;
let d: Device;

useRig({ isStarted: true }, (rig) => ({ s, w, d } = rig));

async function recordIncidents(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      (
        await d.stores.records.recordIncident(
          incident({ customerRef: `ACC-${String(i).padStart(8, '0')}` }),
        )
      ).id,
    );
  }
  return ids.sort();
}

/** Lets the back-off timer fire and waits for the sync it starts. */
async function advance(ms: number): Promise<void> {
  d.browser.timers.advance(ms);
  await d.engine.whenIdle();
}

const pushes = () => w.count('/api/sync/push');
const syncBatches = async () =>
  (await s.store.readAudit({ limit: 10_000, action: 'sync_batch' })).length;

describe('the engine against the real server, with faults on the wire', () => {
  it('[SY3][SY4] a push whose answer is lost after commit is sent again and applied exactly once', async () => {
    const ids = await recordIncidents(30);
    w.control.fault = (r) =>
      r.path === '/api/sync/push' && r.n <= 2 ? 'drop_response' : undefined;

    await d.engine.syncNow();
    // Committed on the server, but the device heard nothing: it keeps everything (SY3).
    expect(await serverIds(s, 'incident')).toEqual(ids);
    expect(d.engine.state.get()).toMatchObject({ status: 'offline', pendingCount: 30 });

    await advance(2_000); // second push: answer lost again
    expect(d.engine.state.get().pendingCount).toBe(30);
    await advance(4_000); // third push: answered `duplicate` for every mutation (SY4)

    expect(pushes()).toBe(3);
    expect(await syncBatches()).toBe(3);
    expect(await serverIds(s, 'incident')).toEqual(ids);
    expect(d.engine.state.get()).toMatchObject({
      status: 'idle',
      pendingCount: 0,
      rejectedCount: 0,
    });
    const mine = await d.stores.records.mine.read();
    expect(mine.map((r) => r.id).sort()).toEqual(ids);
    expect(mine.every((r) => r.syncState === 'synced' && r.doc !== null)).toBe(true);
  });

  it('[SY8] 5xx answers and requests lost on the way reject nothing; retries back off 2 s, 4 s, 8 s, 16 s, then drain', async () => {
    const ids = await recordIncidents(12);
    let isBroken = true;
    w.control.fault = (r) => {
      if (r.path !== '/api/sync/push' || !isBroken) return undefined;
      return r.n % 2 === 0 ? 'drop_request' : 'server_error';
    };

    await d.engine.syncNow();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [delay] = d.browser.timers.scheduled();
      delays.push(delay ?? -1);
      expect(d.engine.state.get().pendingCount).toBe(12);
      expect(await serverIds(s, 'incident')).toEqual([]);
      await advance(delay ?? 0);
    }
    // random() = 0.5 is the middle of the ±50% jitter: the bare doubling shows.
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(d.engine.state.get().lastError?.code).toMatch(/^(internal|network)$/);

    isBroken = false;
    await advance(d.browser.timers.scheduled()[0] ?? 0);
    expect(await serverIds(s, 'incident')).toEqual(ids);
    expect(d.engine.state.get()).toMatchObject({
      status: 'idle',
      pendingCount: 0,
      lastError: null,
      nextRetryAt: null,
    });

    // Success reset the back-off: the next failure waits 2 s again.
    isBroken = true;
    await recordIncidents(1);
    await d.engine.syncNow();
    expect(d.browser.timers.scheduled()).toContain(2_000);
  });

  it('[SY16] a 401 mid-queue pauses the queue without dropping it; after a new sign-in it resumes and drains', async () => {
    const ids = await recordIncidents(150);
    const manager = await s.login('manager.lee');
    const chanId = s.user('frontline.chan').id;
    w.control.afterServer = async (r, status) => {
      if (r.path !== '/api/sync/push' || r.n !== 1 || status !== 200) return;
      // A manager revokes the phone right after its first batch of 100 landed.
      const res = await s.request(`/api/sessions?userId=${chanId}`, { token: manager });
      const { sessions } = (await res.json()) as { sessions: SessionInfo[] };
      for (const session of sessions.filter((x) => x.revokedAt === null)) {
        await s.request(`/api/sessions/${session.id}/revoke`, { method: 'POST', token: manager });
      }
    };

    await d.engine.syncNow();
    expect(d.engine.state.get()).toMatchObject({
      status: 'needs_sign_in',
      pausedFor: 'sign_in',
      pendingCount: 50,
    });
    expect(d.engine.state.get().lastError?.code).toBe('session_revoked');
    // The first batch of 100, in outbox order (UUIDv7 ids sort in the order they were made).
    expect(await serverIds(s, 'incident')).toEqual(ids.slice(0, 100));
    expect((await d.stores.session.current.read())?.needsSignIn).toBe(true);

    // Nothing retries a revoked session: not coming online, not the watchdog, not the clock.
    const before = pushes();
    d.browser.setOnline(false);
    d.browser.setOnline(true);
    await d.engine.whenIdle();
    await advance(120_000);
    expect(pushes()).toBe(before);
    expect(d.engine.state.get().pendingCount).toBe(50);

    await d.stores.session.signIn(CHAN.username, CHAN.password);
    await d.engine.whenIdle();
    expect(await serverIds(s, 'incident')).toEqual(ids);
    expect(d.engine.state.get()).toMatchObject({
      status: 'idle',
      pendingCount: 0,
      pausedFor: null,
    });
    expect((await d.stores.session.current.read())?.needsSignIn).toBe(false);
  });

  it('[SY17] a push refused as another protocol version pauses the queue and keeps it until the app updates', async () => {
    await recordIncidents(3);
    w.control.rewrite = (r) =>
      r.path === '/api/sync/push' ? { ...(r.body as object), protocolVersion: 999 } : undefined;

    await d.engine.syncNow();
    expect(d.engine.state.get()).toMatchObject({
      status: 'error',
      pausedFor: 'app_update',
      pendingCount: 3,
    });
    expect(d.engine.state.get().lastError?.code).toBe('unsupported_protocol');
    expect(d.browser.timers.scheduled()).toEqual([]);

    await advance(600_000); // twenty watchdog ticks
    expect(pushes()).toBe(1);
    expect(await serverIds(s, 'incident')).toEqual([]);
    expect(d.engine.state.get().pendingCount).toBe(3);
  });
});
