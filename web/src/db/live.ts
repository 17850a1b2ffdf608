import { liveQuery } from 'dexie';

/**
 * A read that re-runs whenever the tables it touched change (in this tab or another). The UI
 * wraps `subscribe` in a signal; `read` runs it once.
 */
export interface LiveRead<T> {
  subscribe(onValue: (value: T) => void, onError?: (error: unknown) => void): () => void;
  read(): Promise<T>;
}

/**
 * Wraps a query over this database as a live read. The query must read the database only (no
 * fetch, no timers): Dexie tracks which tables and ranges it touched to know when to re-run it.
 */
export function liveRead<T>(query: () => Promise<T>): LiveRead<T> {
  return {
    subscribe(onValue, onError) {
      const subscription = liveQuery(query).subscribe({
        next: onValue,
        error: (e: unknown) => onError?.(e),
      });
      return () => subscription.unsubscribe();
    },
    read: query,
  };
}
