import type { Store } from '../../storage/store.ts';

/**
 * The store as the services see it, with one addition: `onCommit` runs after a transaction that
 * wrote documents has committed (or after a `putDocs` outside any transaction). It is the one
 * place every feed write passes — pushes, HTTP decisions, approval timers, new approval keys — so
 * none of them needs to know that watches exist (docs/sync.md SY18).
 *
 * A Proxy rather than a class that forwards every method: the Store interface grows, and a
 * forgotten forward would be a silent bug. Everything but `transaction` and `putDocs` is the
 * store's own method, bound to it.
 */
export function withCommitSignal(store: Store, onCommit: () => void): Store {
  const bound = new Map<PropertyKey, unknown>();
  const putDocs: Store['putDocs'] = async (docs) => {
    await store.putDocs(docs);
    onCommit();
  };
  const transaction: Store['transaction'] = async (fn) => {
    let hasDocs = false;
    const result = await store.transaction((tx) =>
      fn(
        withCommitSignal(tx, () => {
          hasDocs = true;
        }),
      ),
    );
    // Only now is it durable and visible to other connections; a rolled-back one never gets here.
    if (hasDocs) onCommit();
    return result;
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'putDocs') return putDocs;
      if (prop === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (fn === undefined) {
        fn = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(prop, fn);
      }
      return fn;
    },
  });
}
