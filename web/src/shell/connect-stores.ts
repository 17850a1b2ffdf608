import type { AppStores } from '../stores/app-stores.ts';
import type { AppState } from './app-state.ts';

/**
 * Hands the loaded data layer to the app and keeps the values every screen and the status bar
 * show (who, sync, limits, plan) in app-state signals, so each is read from IndexedDB once, not
 * once per component. Returns a disposer.
 */
export function connectStores(state: AppState, stores: AppStores): () => void {
  // A read that fails means IndexedDB itself failed (blocked, quota, a broken profile).
  const failed = (err: unknown) => {
    console.error('A live read failed', err);
    state.storesFailed.value = true;
  };
  const stops = [
    stores.session.current.subscribe((v) => (state.session.value = v), failed),
    stores.sync.state.subscribe((v) => (state.sync.value = v)),
    stores.limits.mine.subscribe((v) => (state.myLimits.value = v), failed),
    stores.plan.current.subscribe((v) => (state.plan.value = v), failed),
    stores.plan.unacknowledged.subscribe((v) => (state.unacknowledgedPlan.value = v), failed),
    stores.approvals.inbox.subscribe((v) => (state.inbox.value = v), failed),
  ];
  state.stores.value = stores;
  return () => {
    for (const stop of stops) stop();
  };
}
