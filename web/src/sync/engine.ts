import { DEFAULT_WATCH_SECONDS } from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { liveRead } from '../db/live.ts';
import { deleteMeta, getMeta, setMeta } from '../db/meta.ts';
import { outboxCounts, type OutboxCounts } from '../db/outbox.ts';
import type { StoredProblem, StoredSession } from '../db/rows.ts';
import type { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';
import { createBackoff, type BackoffOptions } from './backoff.ts';
import { createObservable, type Observable } from './observable.ts';
import { PHOTO_KEEP_BYTES, uploadPhotos } from './photos.ts';
import { pruneUploadedPhotos } from '../db/photos.ts';
import { pullAll } from './pull.ts';
import { pushOutbox } from './push.ts';
import { headlessSyncEnv, type SyncEnv } from './sync-env.ts';
import { withSyncLock, type LockManagerLike } from './sync-lock.ts';
import { NOTHING_YET, type SyncState } from './sync-state.ts';
import { createWatchLoop, type WatchLoop } from './watch-loop.ts';

export interface SyncEngineOptions {
  readonly db: FrontlineDb;
  readonly api: ApiClient;
  /** Connectivity, visibility, their events, locks and timers; defaults to always online. */
  readonly env?: SyncEnv;
  readonly clock?: () => number;
  readonly random?: () => number;
  /** Overrides `env.locks`, e.g. a shared fake in tests. */
  readonly locks?: LockManagerLike;
  readonly debounceMs?: number;
  readonly watchdogMs?: number;
  readonly backoff?: Omit<BackoffOptions, 'random'>;
  readonly batchSize?: number;
  /** Uploaded photos kept on the device, in bytes (default `PHOTO_KEEP_BYTES`). */
  readonly photoKeepBytes?: number;
  /**
   * The live channel (docs/sync.md SY18): while started, signed in, online and visible, keep one
   * `GET /api/sync/watch` open and sync when it says something arrived. On by default; `false`
   * for tests that count requests. Off too when the API client has no `watch`.
   */
  readonly watch?: boolean | { readonly waitSeconds?: number };
}

export interface SyncEngine {
  readonly state: Observable<SyncState>;
  /**
   * Subscribes to connectivity and visibility, starts the watchdog and syncs once. After each
   * completed sync it watches for what arrives next (SY18).
   */
  start(): void;
  /** Unsubscribes, clears every timer and waits for a running sync to end. */
  stop(): Promise<void>;
  /** Syncs now (or joins the running sync and runs once more after it); resolves when done. */
  syncNow(): Promise<void>;
  /** A record was saved: sync shortly, once the user has stopped typing for a moment. */
  notifyLocalWrite(): void;
  /** After a new sign-in (SY16): lift the sign-in pause and sync at once. */
  resume(): void;
  /** Resolves when no sync is running or waiting for the lock. */
  whenIdle(): Promise<void>;
}

/**
 * The sync engine: uploads new photos, pushes the outbox, then pulls, whenever there is reason to (start, online,
 * visible, shortly after a write, back-off timer, watchdog, syncNow, the server's watch saying
 * something arrived), never two at once: a single flight in this tab and the Web Lock across tabs.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api } = options;
  const env = options.env ?? headlessSyncEnv();
  const locks = options.locks ?? env.locks;
  const now = options.clock ?? Date.now;
  const timers = env.timers;
  const debounceMs = options.debounceMs ?? 500;
  const watchdogMs = options.watchdogMs ?? 30_000;
  const backoff = createBackoff({ ...options.backoff, random: options.random ?? Math.random });
  const state = createObservable<SyncState>(NOTHING_YET);

  let isStarted = false;
  let running: Promise<void> | null = null;
  let isRunAgain = false;
  let debounceTimer: unknown = null;
  let retryTimer: unknown = null;
  let watchdog: unknown = null;
  let unsubscribers: (() => void)[] = [];

  const watchOption = options.watch ?? true;
  const watchApi = api.watch?.bind(api);
  const watchLoop: WatchLoop | null =
    watchOption === false || watchApi === undefined
      ? null
      : createWatchLoop({
          watch: watchApi,
          timers,
          backoff: createBackoff({ ...options.backoff, random: options.random ?? Math.random }),
          waitSeconds:
            (typeof watchOption === 'object' ? watchOption.waitSeconds : undefined) ??
            DEFAULT_WATCH_SECONDS,
          now,
          isAllowed: () =>
            isStarted && env.isOnline() && env.isVisible() && state.get().pausedFor === null,
          target: async () => {
            const [session, cursor] = await Promise.all([
              getMeta(db, 'session'),
              getMeta(db, 'cursor'),
            ]);
            return session && cursor !== undefined ? { token: session.token, cursor } : null;
          },
          onChanged: () => void requestSync(),
        });

  const setCounts = (c: OutboxCounts) => {
    const s = state.get();
    if (s.pendingCount !== c.pending || s.rejectedCount !== c.rejected) {
      state.update({ pendingCount: c.pending, rejectedCount: c.rejected });
    }
  };
  const refreshCounts = async () => setCounts(await outboxCounts(db));

  function clearRetry() {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function scheduleRetry(minMs = 0) {
    clearRetry();
    if (!isStarted) return;
    const delay = Math.max(backoff.next(), minMs);
    state.update({ nextRetryAt: now() + delay });
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      state.update({ nextRetryAt: null });
      void requestSync();
    }, delay);
  }

  async function fail(err: unknown, session: StoredSession): Promise<boolean> {
    const problem: StoredProblem = {
      code: err instanceof ApiError ? err.code : 'internal',
      message: err instanceof Error ? err.message : String(err),
      at: now(),
    };
    await setMeta(db, 'lastError', problem);
    if (err instanceof ApiError && err.needsSignIn) {
      // SY16: keep the outbox, ask for a sign-in; no retry could succeed with this session.
      await setMeta(db, 'authProblem', { ...problem, sessionId: session.sessionId });
      clearRetry();
      state.update({
        status: 'needs_sign_in',
        pausedFor: 'sign_in',
        lastError: problem,
        progress: null,
        nextRetryAt: null,
      });
      return false;
    }
    if (err instanceof ApiError && err.code === 'unsupported_protocol') {
      // SY17: this app version cannot sync; the outbox waits for the update.
      clearRetry();
      state.update({
        status: 'error',
        pausedFor: 'app_update',
        lastError: problem,
        progress: null,
        nextRetryAt: null,
      });
      return false;
    }
    // SY8: nothing was refused; try the same mutations again later.
    const isOffline = err instanceof ApiError && err.isTransport;
    state.update({ status: isOffline ? 'offline' : 'error', lastError: problem, progress: null });
    scheduleRetry(err instanceof ApiError ? (err.retryAfterMs ?? 0) : 0);
    return false;
  }

  /** One push-then-pull. Returns whether it completed. */
  async function cycle(): Promise<boolean> {
    const session = await getMeta(db, 'session');
    if (!session) {
      state.update({ status: 'needs_sign_in', pausedFor: 'sign_in' });
      return false;
    }
    // A 401 paused us; a sign-in (here or in another tab) stores a new session and lifts it.
    const authProblem = await getMeta(db, 'authProblem');
    if (authProblem && authProblem.sessionId === session.sessionId) {
      state.update({ status: 'needs_sign_in', pausedFor: 'sign_in', lastError: authProblem });
      return false;
    }
    if (state.get().pausedFor === 'app_update') return false;
    if (!env.isOnline()) {
      state.update({ status: 'offline', pausedFor: null });
      return false;
    }
    state.update({ status: 'syncing', pausedFor: null });
    try {
      // SY20: an incident's photos reach the server before the incident does.
      const photos = await uploadPhotos(db, api, session.token);
      const pushed = await pushOutbox(db, api, session.token, {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        onProgress: (progress) => state.update({ progress }),
      });
      // Photos went up, or records they belong to reached the server: older ones may now go.
      if (photos.uploaded > 0 || pushed.accepted > 0) {
        await pruneUploadedPhotos(db, options.photoKeepBytes ?? PHOTO_KEEP_BYTES);
      }
      const pulled = await pullAll(db, api, session.token, { userId: session.user.id, now });
      if (!pulled.isComplete) {
        // Signed out while pulling: the pages were dropped, nothing to retry.
        state.update({ status: 'needs_sign_in', pausedFor: 'sign_in', progress: null });
        return false;
      }
    } catch (err) {
      return fail(err, session);
    }
    const at = now();
    await setMeta(db, 'lastSyncAt', at);
    await deleteMeta(db, 'lastError');
    backoff.reset();
    clearRetry();
    state.update({
      status: 'idle',
      lastSyncAt: at,
      lastError: null,
      progress: null,
      nextRetryAt: null,
    });
    return true;
  }

  async function runLoop(): Promise<void> {
    let isOk: boolean;
    do {
      isRunAgain = false;
      // This run pushes every write made so far: a pending "sync after a write" is redundant.
      if (debounceTimer !== null) timers.clearTimeout(debounceTimer);
      debounceTimer = null;
      try {
        if (state.get().lastSyncAt === null) {
          const lastSyncAt = await getMeta(db, 'lastSyncAt');
          if (lastSyncAt !== undefined) state.update({ lastSyncAt });
        }
        isOk = await withSyncLock(locks, cycle);
        await refreshCounts();
      } catch (err) {
        // Only the database can throw here (quota, a closed database): report it, retry later.
        isOk = false;
        const message = err instanceof Error ? err.message : String(err);
        state.update({
          status: 'error',
          progress: null,
          lastError: { code: 'internal', message, at: now() },
        });
        scheduleRetry();
      }
    } while (isRunAgain && isOk);
    // Up to date: watch for what arrives next, from the cursor this sync left.
    if (isOk && isStarted) watchLoop?.ensure();
  }

  function requestSync(): Promise<void> {
    if (running) {
      isRunAgain = true;
      return running;
    }
    running = runLoop().finally(() => {
      running = null;
    });
    return running;
  }

  function trigger() {
    // A change of network makes the old back-off meaningless: try now, count from scratch.
    backoff.reset();
    clearRetry();
    state.update({ nextRetryAt: null });
    void requestSync();
  }

  function notifyLocalWrite() {
    if (!isStarted) return;
    if (debounceTimer !== null) timers.clearTimeout(debounceTimer);
    debounceTimer = timers.setTimeout(() => {
      debounceTimer = null;
      void requestSync();
    }, debounceMs);
  }

  /** Signed out (or signed in as someone else): the open watch is for a token no longer here. */
  function watchSession(loop: WatchLoop): () => void {
    let token: string | null | undefined;
    return liveRead(async () => (await getMeta(db, 'session'))?.token ?? null).subscribe((next) => {
      if (token !== undefined && next !== token) loop.halt();
      token = next;
    });
  }

  let isWatchdogBusy = false;
  async function onWatchdog() {
    // Catches a lost trigger (a write in a tab whose engine lost the lock race, a timer the OS
    // froze) without overriding the back-off: only when nothing runs and no retry is planned.
    // It reads the outbox itself rather than trusting the live count.
    if (running || retryTimer !== null || isWatchdogBusy) return;
    isWatchdogBusy = true;
    try {
      const counts = await outboxCounts(db);
      setCounts(counts);
      if (!running && (counts.pending > 0 || state.get().pausedFor === 'sign_in'))
        void requestSync();
    } finally {
      isWatchdogBusy = false;
    }
  }

  return {
    state,
    start() {
      if (isStarted) return;
      isStarted = true;
      unsubscribers = [
        env.on('online', trigger),
        env.on('visible', trigger),
        env.on('offline', () => {
          watchLoop?.halt();
          state.update({ status: 'offline' });
        }),
        // A hidden app needs no live inbox; coming back is a `visible`, which syncs and watches.
        env.on('hidden', () => watchLoop?.halt()),
        liveRead(() => outboxCounts(db)).subscribe(setCounts),
        ...(watchLoop ? [watchSession(watchLoop)] : []),
      ];
      watchdog = timers.setInterval(() => void onWatchdog().catch(() => undefined), watchdogMs);
      void requestSync();
    },
    async stop() {
      isStarted = false;
      isRunAgain = false;
      watchLoop?.halt();
      for (const off of unsubscribers) off();
      unsubscribers = [];
      if (watchdog !== null) timers.clearInterval(watchdog);
      if (debounceTimer !== null) timers.clearTimeout(debounceTimer);
      watchdog = debounceTimer = null;
      clearRetry();
      await running;
    },
    syncNow: () => requestSync(),
    notifyLocalWrite,
    resume() {
      // Only a sign-in pause: an app-update pause lasts until this code is replaced (SY17).
      if (state.get().pausedFor === 'sign_in') state.update({ pausedFor: null });
      if (isStarted) trigger();
    },
    async whenIdle() {
      while (running) await running;
    },
  };
}
