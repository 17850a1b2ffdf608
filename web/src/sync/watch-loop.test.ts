import { describe, expect, it } from 'vitest';
import type { WatchResponse } from '../../../shared/index.ts';
import { ApiError } from './api-error.ts';
import { createBackoff } from './backoff.ts';
import type { Timers } from './sync-env.ts';
import { createWatchLoop, type WatchTarget } from './watch-loop.ts';

// The device's side of the live channel (docs/sync.md SY18), against a scripted server.

interface Call {
  readonly token: string;
  readonly cursor: string;
  readonly signal: AbortSignal;
  isDone: boolean;
  answer(response: WatchResponse): void;
  fail(err: unknown): void;
}

/** One-shot timers that fire only when the test says; delays are kept to check the back-off. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(next, { fn, ms }), next++),
    clearTimeout: (h) => void pending.delete(h as number),
    setInterval: () => {
      throw new Error('the watch loop uses no intervals');
    },
    clearInterval: () => undefined,
  };
  return {
    timers,
    delays: () => [...pending.values()].map((t) => t.ms),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}

const turns = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setUp(initial: WatchTarget | null = { token: 't1', cursor: '0.5' }) {
  const calls: Call[] = [];
  const clock = manualTimers();
  let target = initial;
  let isAllowed = true;
  let changes = 0;
  let nowMs = 0;
  const loop = createWatchLoop({
    watch: (token, cursor, _waitSeconds, signal) =>
      new Promise<WatchResponse>((resolve, reject) => {
        const call: Call = {
          token,
          cursor,
          signal: signal as AbortSignal,
          isDone: false,
          answer: (response) => ((call.isDone = true), resolve(response)),
          fail: (err) => ((call.isDone = true), reject(err)),
        };
        calls.push(call);
      }),
    timers: clock.timers,
    backoff: createBackoff({ baseMs: 2_000, maxMs: 60_000, random: () => 0.5 }),
    waitSeconds: 25,
    now: () => nowMs,
    isAllowed: () => isAllowed,
    target: async () => target,
    onChanged: () => void changes++,
  });
  const open = () => calls.filter((c) => !c.signal.aborted && !c.isDone);
  return {
    loop,
    calls,
    /** The `n`th watch the loop opened (0-based); throws if it never opened one. */
    call(n: number): Call {
      const c = calls[n];
      if (!c) throw new Error(`watch call ${n} was never made (${calls.length} made)`);
      return c;
    },
    clock,
    open,
    changes: () => changes,
    /** Real time passing while a watch is held. */
    pass(ms: number) {
      nowMs += ms;
    },
    moveTo(cursor: string) {
      target = target && { ...target, cursor };
    },
    signOut() {
      target = null;
    },
    setAllowed(next: boolean) {
      isAllowed = next;
    },
  };
}

describe('the watch loop', () => {
  it('[SY18] keeps exactly one watch open from the cursor of the last sync', async () => {
    const t = setUp();
    t.loop.ensure();
    t.loop.ensure();
    await turns();
    expect(t.open().map((c) => [c.token, c.cursor])).toEqual([['t1', '0.5']]);

    // A sync moved the cursor: the old watch is closed, one opens from the new cursor.
    t.moveTo('0.9');
    t.loop.ensure();
    await turns();
    expect(t.call(0).signal.aborted).toBe(true);
    expect(t.open().map((c) => c.cursor)).toEqual(['0.9']);
  });

  it('[SY18] watches again at once when the wait ends unchanged, and syncs when it says changed', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.pass(25_000);
    t.call(0).answer({ changed: false });
    await turns();
    expect(t.calls).toHaveLength(2);
    expect(t.changes()).toBe(0);

    t.call(1).answer({ changed: true });
    await turns();
    expect(t.changes()).toBe(1);
    // Nothing more until the sync completes and calls ensure with its new cursor.
    expect(t.open()).toHaveLength(0);
    t.moveTo('0.7');
    t.loop.ensure();
    await turns();
    expect(t.open().map((c) => c.cursor)).toEqual(['0.7']);
  });

  it('[SY18] backs off after a failure, with growing delays, and resets after an answer', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.call(0).fail(new ApiError(null, 'network', 'fetch failed'));
    await turns();
    expect(t.open()).toHaveLength(0);
    expect(t.clock.delays()).toEqual([2_000]);
    t.clock.fireAll();
    await turns();
    t.call(1).fail(new ApiError(503, 'internal', 'down'));
    await turns();
    expect(t.clock.delays()).toEqual([4_000]);
    t.clock.fireAll();
    await turns();
    t.pass(25_000);
    t.call(2).answer({ changed: false });
    await turns();
    t.call(3).fail(new ApiError(null, 'timeout', 'no answer'));
    await turns();
    expect(t.clock.delays()).toEqual([2_000]);
  });

  it('[SY18] backs off when the server answers unchanged long before the wait is up (shutting down)', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.pass(50);
    t.call(0).answer({ changed: false });
    await turns();
    expect(t.open()).toHaveLength(0);
    expect(t.clock.delays()).toEqual([2_000]);
  });

  it('[SY18] honours Retry-After on a 429', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.call(0).fail(new ApiError(429, 'too_many_attempts', 'slow down', undefined, 30_000));
    await turns();
    expect(t.clock.delays()).toEqual([30_000]);
  });

  it('[SY18] [SY16] a refused session syncs (which pauses for sign-in) rather than retrying', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.call(0).fail(new ApiError(401, 'session_revoked', 'revoked'));
    await turns();
    expect(t.changes()).toBe(1);
    expect(t.clock.delays()).toEqual([]);
  });

  it('[SY18] halt closes the open watch and forgets a planned retry (hidden, offline, stop)', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.loop.halt();
    expect(t.call(0).signal.aborted).toBe(true);
    // Its late answer changes nothing.
    t.call(0).answer({ changed: true });
    await turns();
    expect(t.changes()).toBe(0);

    t.loop.ensure();
    await turns();
    t.call(1).fail(new ApiError(null, 'network', 'fetch failed'));
    await turns();
    expect(t.clock.delays()).toHaveLength(1);
    t.loop.halt();
    expect(t.clock.delays()).toHaveLength(0);
  });

  it('[SY18] opens nothing while not allowed (hidden, offline, paused) or signed out', async () => {
    const t = setUp();
    t.setAllowed(false);
    t.loop.ensure();
    await turns();
    expect(t.calls).toHaveLength(0);
    t.setAllowed(true);
    t.signOut();
    t.loop.ensure();
    await turns();
    expect(t.calls).toHaveLength(0);
  });

  it('[SY18] does not spin when a sync leaves the cursor where the watch said changed', async () => {
    const t = setUp();
    t.loop.ensure();
    await turns();
    t.call(0).answer({ changed: true });
    await turns();
    expect(t.changes()).toBe(1);
    // The sync completed without moving the cursor; the server says changed again.
    t.loop.ensure();
    await turns();
    t.call(1).answer({ changed: true });
    await turns();
    expect(t.changes()).toBe(1);
    // No third watch until the back-off timer fires.
    expect(t.calls).toHaveLength(2);
    expect(t.clock.delays()).toEqual([2_000]);
  });
});
