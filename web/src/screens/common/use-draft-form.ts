import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DraftsStore } from '../../stores/drafts-store.ts';
import { createDraftSaver, restoreDraft, type DraftShape } from './draft.ts';

export interface DraftForm<T extends DraftShape> {
  readonly value: T;
  /** False until the saved draft (if any) is back in the form: show a skeleton until then. */
  readonly isLoaded: boolean;
  /** When the restored draft was saved; null for a fresh form. */
  readonly restoredAt: number | null;
  update(patch: Partial<T>): void;
  /** Before writing the record: no more draft saves (the write clears the draft). */
  close(): Promise<void>;
  /** After a failed write: keep saving the draft. */
  reopen(): void;
  /** "Start again": forget the draft and blank the form. */
  reset(): Promise<void>;
}

/**
 * A form whose every change is saved as a draft (drafts store), restored when the form opens
 * again: an app update, a closed tab or a dead battery loses nothing (product.md §4).
 */
export function useDraftForm<T extends DraftShape>(
  drafts: DraftsStore | null,
  key: string,
  makeInitial: () => T,
): DraftForm<T> {
  const [value, setValue] = useState<T>(makeInitial);
  const [isLoaded, setLoaded] = useState(false);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const saver = useMemo(() => (drafts ? createDraftSaver(drafts, key) : null), [drafts, key]);
  const initialRef = useRef(makeInitial);
  initialRef.current = makeInitial;
  // The latest value, for updates made between two renders (two fields changed at once).
  const valueRef = useRef(value);
  const show = (next: T) => {
    valueRef.current = next;
    setValue(next);
  };

  useEffect(() => {
    if (!drafts) return;
    let isCurrent = true;
    setLoaded(false);
    void restoreDraft(drafts, key, initialRef.current()).then((restored) => {
      if (!isCurrent) return;
      show(restored ? restored.value : initialRef.current());
      setRestoredAt(restored ? restored.savedAt : null);
      setLoaded(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [drafts, key]);

  return {
    value,
    isLoaded,
    restoredAt,
    update(patch) {
      const next = { ...valueRef.current, ...patch } as T;
      show(next);
      saver?.save(next);
    },
    close: async () => saver?.close(),
    reopen() {
      saver?.reopen();
      // What was typed while the write was being tried goes back into the draft.
      saver?.save(valueRef.current);
    },
    async reset() {
      await saver?.close();
      await drafts?.clear(key);
      saver?.reopen();
      show(initialRef.current());
      setRestoredAt(null);
    },
  };
}
