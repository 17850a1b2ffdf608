/** The part of the Web Locks API (`navigator.locks`) the engine uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** One name for every tab of the app on this origin. */
export const SYNC_LOCK_NAME = 'frontline-sync';

/**
 * Runs `fn` while holding the cross-tab sync lock, so two tabs never push the same outbox head at
 * once. Without Web Locks (old browsers) only the engine's in-tab single flight protects; a
 * double push is then harmless on the server (SY4) but wasteful.
 */
export function withSyncLock<T>(
  locks: LockManagerLike | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  return locks ? locks.request(SYNC_LOCK_NAME, fn) : fn();
}
