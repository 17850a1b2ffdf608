import type { Signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

/**
 * What the stores hand out: a live read (`Readable`) or an observable (`sync.state`). Both call
 * back with the current value first, then on every change.
 */
export interface Subscribable<T> {
  subscribe(onValue: (value: T) => void, onError?: (error: unknown) => void): () => void;
}

/**
 * A store value in a component: re-renders when it changes, unsubscribes on unmount.
 * `initial` is shown until the first value arrives (IndexedDB answers asynchronously).
 */
export function useSubscribed<T>(source: Subscribable<T> | null, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => (source ? source.subscribe((v) => setValue(() => v)) : undefined), [source]);
  return value;
}

/** Keeps an app-state signal equal to a store value, for state the whole shell shows. */
export function bindSignal<T>(source: Subscribable<T>, target: Signal<T>): () => void {
  return source.subscribe((value) => {
    target.value = value;
  });
}
