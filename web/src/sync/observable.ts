/** A value that changes over time; the UI wraps it in a signal. */
export interface Observable<T> {
  get(): T;
  /** Calls `listener` now with the current value, then on every change. */
  subscribe(listener: (value: T) => void): () => void;
}

export interface WritableObservable<T> extends Observable<T> {
  set(value: T): void;
  update(patch: Partial<T>): void;
}

export function createObservable<T extends object>(initial: T): WritableObservable<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    value = next;
    for (const l of [...listeners]) l(value);
  };
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      listener(value);
      return () => listeners.delete(listener);
    },
    set,
    update: (patch) => set({ ...value, ...patch }),
  };
}
