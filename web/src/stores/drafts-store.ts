import { clearDraft, loadDraft, saveDraft } from '../db/drafts.ts';
import type { StoreContext } from './context.ts';

export interface DraftsStore {
  /** Saves a half-filled form as the user types, so an app update or a closed tab loses nothing. */
  save(form: string, value: unknown): Promise<void>;
  /** The saved draft of a form, if any. The value is as saved: check it before trusting its shape. */
  load<T = unknown>(form: string): Promise<{ value: T; savedAt: number } | null>;
  clear(form: string): Promise<void>;
}

export function createDraftsStore({ db, now }: StoreContext): DraftsStore {
  return {
    save: (form, value) => saveDraft(db, form, value, now()),
    async load<T>(form: string) {
      const draft = await loadDraft(db, form);
      return draft ? { value: draft.value as T, savedAt: draft.savedAt } : null;
    },
    clear: (form) => clearDraft(db, form),
  };
}
