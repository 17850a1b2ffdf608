import { useMemo } from 'preact/hooks';
import type { AppStores } from '../../stores/app-stores.ts';
import type { SessionView } from '../../stores/session-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { useSubscribed, type Subscribable } from '../../shell/subscribe.ts';

/** The data layer and who is signed in, once both have loaded (a moment after first paint). */
export interface Ready {
  readonly stores: AppStores;
  readonly session: SessionView;
}

export function useReady(): Ready | null {
  const state = useAppState();
  const stores = state.stores.value;
  const session = state.session.value;
  return stores && session ? { stores, session } : null;
}

/**
 * A live read made from the stores, e.g. `useLive(() => stores.reference.list('region'), [stores], [])`.
 * The read is made once per change of `deps` (a new read object on every render would
 * resubscribe forever).
 */
export function useLive<T>(
  make: () => Subscribable<T> | null,
  deps: readonly unknown[],
  initial: T,
): T {
  const source = useMemo(make, deps);
  return useSubscribed(source, initial);
}

/** The stable code of an error from the stores (StoreError) or the transport; `unknown` else. */
export function errorCodeOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return 'unknown';
}

/** The field a StoreError names (`args.customerRef`), if any. */
export function errorFieldOf(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'field' in err && typeof err.field === 'string')
    return err.field;
  return null;
}

/** Numbers and words a StoreError carries (`details.pending`). */
export function errorDetailsOf(err: unknown): Readonly<Record<string, number | string>> {
  if (typeof err === 'object' && err !== null && 'details' in err) {
    const details = err.details;
    if (typeof details === 'object' && details !== null)
      return details as Record<string, number | string>;
  }
  return {};
}
