import { realTimers, type SyncEnv } from './sync-env.ts';

/** The browser adapter: `navigator.onLine`, `online`/`offline`, `visibilitychange` (both ways), `navigator.locks`. */
export function browserSyncEnv(win: Window = window): SyncEnv {
  const nav = win.navigator;
  const doc = win.document;
  const locks = nav.locks as LockManager | undefined;
  return {
    isOnline: () => nav.onLine,
    isVisible: () => doc.visibilityState === 'visible',
    on(event, listener) {
      if (event === 'visible' || event === 'hidden') {
        const onChange = () => {
          if (doc.visibilityState === event) listener();
        };
        doc.addEventListener('visibilitychange', onChange);
        return () => doc.removeEventListener('visibilitychange', onChange);
      }
      win.addEventListener(event, listener);
      return () => win.removeEventListener(event, listener);
    },
    ...(locks
      ? {
          locks: {
            request: <T>(name: string, callback: () => Promise<T>) =>
              locks.request(name, () => callback()) as Promise<T>,
          },
        }
      : {}),
    timers: realTimers,
  };
}
