import type { DraftsStore } from '../../stores/drafts-store.ts';

/** What a form keeps as it is typed: text fields and lists of choices, all as typed. */
export type DraftShape = { readonly [field: string]: string | readonly string[] };

/**
 * Takes from a saved draft only the fields the form has, and only of the kind it expects: a
 * draft saved by an older version of the app (or a broken one) can never put a wrong type into
 * the form. Null when nothing usable was saved.
 */
export function mergeDraft<T extends DraftShape>(initial: T, saved: unknown): T | null {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return null;
  const source = saved as Record<string, unknown>;
  const merged: Record<string, string | readonly string[]> = { ...initial };
  let found = 0;
  for (const [field, expected] of Object.entries(initial)) {
    const value = source[field];
    const fits = Array.isArray(expected)
      ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : typeof value === 'string';
    if (fits) {
      merged[field] = value as string | readonly string[];
      found++;
    }
  }
  return found > 0 ? (merged as T) : null;
}

/** A saved draft of a form, merged into its blank state; null when there is none. */
export async function restoreDraft<T extends DraftShape>(
  drafts: DraftsStore,
  key: string,
  initial: T,
): Promise<{ readonly value: T; readonly savedAt: number } | null> {
  const saved = await drafts.load(key);
  if (!saved) return null;
  const value = mergeDraft(initial, saved.value);
  return value ? { value, savedAt: saved.savedAt } : null;
}

/**
 * Saves a form's draft as it is typed without piling up writes: one save at a time, and only
 * the latest value waits behind it. `close` stops saving before the record is written (the
 * write clears the draft in its own transaction; a late save must not bring it back).
 */
export function createDraftSaver(drafts: DraftsStore, key: string) {
  let queued: DraftShape | null = null;
  let running: Promise<void> | null = null;
  let isClosed = false;

  async function drain(): Promise<void> {
    while (queued !== null) {
      const value = queued;
      queued = null;
      await drafts.save(key, value).catch(() => undefined);
    }
    running = null;
  }

  return {
    save(value: DraftShape): void {
      if (isClosed) return;
      queued = value;
      running ??= drain();
    },
    /** Waits until the latest value is saved. */
    async flush(): Promise<void> {
      while (running) await running;
    },
    /** Stops saving and waits for a save under way. */
    async close(): Promise<void> {
      isClosed = true;
      queued = null;
      await running;
    },
    reopen(): void {
      isClosed = false;
    },
  };
}
