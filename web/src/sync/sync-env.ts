import type { LockManagerLike } from './sync-lock.ts';

export type SyncEnvEvent = 'online' | 'offline' | 'visible' | 'hidden';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * What the engine needs from its surroundings, injected so it runs (and is tested) without a
 * browser: connectivity, visibility, their events, cross-tab locks and timers.
 */
export interface SyncEnv {
  isOnline(): boolean;
  isVisible(): boolean;
  on(event: SyncEnvEvent, listener: () => void): () => void;
  readonly locks?: LockManagerLike;
  readonly timers: Timers;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof globalThis.setInterval>),
};

/** Always online and visible, no events, real timers: for scripts and server-side use. */
export function headlessSyncEnv(overrides: Partial<SyncEnv> = {}): SyncEnv {
  return {
    isOnline: () => true,
    isVisible: () => true,
    on: () => () => {},
    timers: realTimers,
    ...overrides,
  };
}
