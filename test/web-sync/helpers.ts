// The web data layer against the real server app in-process. Only the edges are fake: the wire
// (faults injected into fetch), the clock, timers, randomness, browser events and Web Locks.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { FrontlineDb } from '../../web/src/db/database.ts';
import { createApiClient, type ApiClient } from '../../web/src/sync/api-client.ts';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
} from '../../web/src/sync/engine.ts';
import type { SyncEnv, SyncEnvEvent, Timers } from '../../web/src/sync/sync-env.ts';
import type { LockManagerLike } from '../../web/src/sync/sync-lock.ts';
import { createAppStores, type AppStores } from '../../web/src/stores/app-stores.ts';
import type { NewIncident, NewRecovery } from '../../web/src/stores/records-store.ts';
import { createTestServer, TEST_NOW, type TestServer } from '../support/harness.ts';

export const BASE_URL = 'http://frontline.test';
export const CHAN = { username: 'frontline.chan', password: 'frontline-demo' } as const;

/** Timers that run only when the test says time has passed. */
export interface ManualTimers extends Timers {
  /** Moves time forward, firing every due timer in order; returns how many fired. */
  advance(ms: number): number;
  readonly now: number;
  /** Delays of the one-shot timers now scheduled, from now. */
  scheduled(): number[];
}

export function manualTimers(): ManualTimers {
  let now = 0;
  let nextId = 1;
  const tasks = new Map<number, { at: number; fn: () => void; every: number | null }>();
  const add = (fn: () => void, ms: number, every: number | null) => {
    const id = nextId++;
    tasks.set(id, { at: now + Math.max(0, ms), fn, every });
    return id;
  };
  return {
    setTimeout: (fn, ms) => add(fn, ms, null),
    setInterval: (fn, ms) => add(fn, ms, ms),
    clearTimeout: (h) => void tasks.delete(h as number),
    clearInterval: (h) => void tasks.delete(h as number),
    advance(ms) {
      const until = now + ms;
      let fired = 0;
      for (;;) {
        const due = [...tasks.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, task] = due;
        now = task.at;
        if (task.every === null) tasks.delete(id);
        else task.at += task.every;
        fired++;
        task.fn();
      }
      now = until;
      return fired;
    },
    get now() {
      return now;
    },
    scheduled: () => [...tasks.values()].filter((t) => t.every === null).map((t) => t.at - now),
  };
}

/** A browser stand-in: the test flips connectivity and visibility and fires their events. */
export interface FakeBrowser extends SyncEnv {
  readonly timers: ManualTimers;
  setOnline(isOnline: boolean): void;
  becomeVisible(): void;
}

export function fakeBrowser(
  timers: ManualTimers = manualTimers(),
  locks?: LockManagerLike,
): FakeBrowser {
  let isOnline = true;
  const listeners = new Map<SyncEnvEvent, Set<() => void>>();
  const emit = (e: SyncEnvEvent) => listeners.get(e)?.forEach((l) => l());
  return {
    isOnline: () => isOnline,
    isVisible: () => true,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    ...(locks ? { locks } : {}),
    timers,
    setOnline(next) {
      isOnline = next;
      emit(next ? 'online' : 'offline');
    },
    becomeVisible: () => emit('visible'),
  };
}

/** A Web Locks stand-in shared by several "tabs": grants one holder at a time, in request order. */
export function fakeLockManager() {
  let tail: Promise<unknown> = Promise.resolve();
  const stats = { held: 0, maxHeld: 0, grants: 0 };
  const locks: LockManagerLike = {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(async () => {
        stats.grants++;
        stats.maxHeld = Math.max(stats.maxHeld, ++stats.held);
        try {
          return await callback();
        } finally {
          stats.held--;
        }
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
  return { locks, stats };
}

export type Fault = 'drop_request' | 'drop_response' | 'server_error';

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** 1-based count of requests to this path so far. */
  readonly n: number;
}

/**
 * The server app as seen through a network the test controls: `fault` decides the fate of each
 * request; `rewrite` may change a request body (e.g. another protocol version).
 */
export function wire(s: TestServer) {
  const counts = new Map<string, number>();
  const log: { path: string; search: string; status: number | Fault; body: unknown }[] = [];
  const overlap = { now: 0, max: 0 };
  const control = {
    fault: (_r: WireRequest): Fault | undefined => undefined,
    rewrite: (_r: WireRequest): unknown => undefined,
    /** Runs after the server answered (before the client hears it). */
    afterServer: async (_r: WireRequest, _status: number): Promise<void> => {},
  };
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const { pathname: path, search } = new URL(input);
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const req: WireRequest = { method: init.method ?? 'GET', path, body, n };
    const fault = control.fault(req);
    if (fault === 'drop_request') {
      log.push({ path, search, status: fault, body });
      throw new TypeError('fetch failed');
    }
    if (fault === 'server_error') {
      log.push({ path, search, status: fault, body });
      return Response.json({ error: { code: 'internal', message: 'injected' } }, { status: 500 });
    }
    const rewritten = control.rewrite(req);
    overlap.max = Math.max(overlap.max, ++overlap.now);
    let res: Response;
    try {
      res = await s.app.request(
        input,
        rewritten === undefined ? init : { ...init, body: JSON.stringify(rewritten) },
      );
      await control.afterServer(req, res.status);
    } finally {
      overlap.now--;
    }
    if (fault === 'drop_response') {
      // The server has committed (SY3) before the answer is lost.
      await res.arrayBuffer();
      log.push({ path, search, status: fault, body });
      throw new TypeError('fetch failed');
    }
    log.push({ path, search, status: res.status, body });
    return res;
  };
  return { fetch, control, log, overlap, count: (path: string) => counts.get(path) ?? 0 };
}

export type Wire = ReturnType<typeof wire>;

export interface Device {
  readonly db: FrontlineDb;
  readonly api: ApiClient;
  readonly engine: SyncEngine;
  readonly stores: AppStores;
  readonly browser: FakeBrowser;
}

/** A phone: a fresh IndexedDB (or a named one, for a second tab), its engine and stores. */
export function device(
  w: Wire,
  options: {
    dbName?: string;
    locks?: LockManagerLike;
    timers?: ManualTimers;
  } & Partial<SyncEngineOptions> = {},
): Device {
  const { dbName, locks, timers, ...engineOptions } = options;
  const db = new FrontlineDb(dbName ?? `web-sync-${randomUUID()}`);
  const api = createApiClient({ baseUrl: BASE_URL, fetch: w.fetch, timeoutMs: 5_000 });
  const browser = fakeBrowser(timers ?? manualTimers(), locks);
  const clock = () => TEST_NOW + browser.timers.now;
  const engine = createSyncEngine({
    db,
    api,
    env: browser,
    clock,
    random: () => 0.5,
    // These tests count requests; the live channel has its own (watch.test.ts).
    watch: false,
    ...engineOptions,
  });
  const stores = createAppStores({ db, engine, api, clock });
  return { db, api, engine, stores, browser };
}

export async function startServer(): Promise<TestServer> {
  return createTestServer('sqlite');
}

/** An incident chan may record (Kowloon West is one of chan's regions). */
export function incident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    category: 'missed_appointment',
    description: 'Installer did not arrive for the 10:00 slot.',
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
    customerRef: 'ACC-00012345',
    outsourcingPartyId: null,
    occurredAt: new Date(TEST_NOW - 3_600_000).toISOString(),
    location: null,
    photoIds: [],
    severity: { likelihood: 3, impact: 2 },
    tacticIdsShown: [],
    riskId: null,
    ...overrides,
  };
}

export function recovery(overrides: Partial<NewRecovery> = {}): NewRecovery {
  return {
    incidentId: null,
    customerRef: 'ACC-00012345',
    compensationType: 'bill_credit',
    amount: { amount: 5_000, currency: 'HKD' },
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
    reason: 'Missed appointment; goodwill credit per tactic.',
    occurredAt: new Date(TEST_NOW - 60_000).toISOString(),
    satisfaction: 4,
    ...overrides,
  };
}

/** Record ids of one kind on the server, straight from its store. */
export async function serverIds(s: TestServer, kind: 'incident' | 'recovery'): Promise<string[]> {
  return (await s.store.listDocs(kind)).map((d) => d.id).sort();
}

/**
 * Waits until the engine is idle after a timer or event: some triggers (the watchdog) read the
 * database before they decide to sync, so give them a few turns of the event loop first.
 */
export async function settle(d: Device): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await d.engine.whenIdle();
  }
}

/** A real server, a wire to it and one device signed in as frontline.chan. */
export interface Rig {
  readonly s: TestServer;
  readonly w: Wire;
  readonly d: Device;
}

/**
 * Opens a rig. With `isStarted` the engine runs from before sign-in and the first sync has settled
 * (the usual state of an app); without it the test starts the engine itself.
 */
export async function openRig({ isStarted }: { isStarted: boolean }): Promise<Rig> {
  const s = await startServer();
  const w = wire(s);
  const d = device(w);
  if (isStarted) d.engine.start();
  await d.stores.session.signIn(CHAN.username, CHAN.password);
  if (isStarted) await d.engine.whenIdle();
  return { s, w, d };
}

export async function closeRig({ s, d }: Rig): Promise<void> {
  await d.engine.stop();
  d.db.close();
  await s.close();
}

/**
 * A fresh rig for every test of the file: opened before each, closed after. `use` is handed each
 * test's rig, e.g. `useRig({ isStarted: true }, (rig) => ({ s, w, d } = rig));`.
 */
export function useRig(options: { isStarted: boolean }, use: (rig: Rig) => void): void {
  let rig: Rig | undefined;
  beforeEach(async () => {
    rig = await openRig(options);
    use(rig);
  });
  afterEach(async () => {
    if (rig) await closeRig(rig);
    rig = undefined;
  });
}
