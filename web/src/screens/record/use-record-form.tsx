import type { ComponentChildren, RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { DraftsStore } from '../../stores/drafts-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Button } from '../../ui/index.ts';
import type { DraftShape } from '../common/draft.ts';
import { useDraftForm, type DraftForm } from '../common/use-draft-form.ts';
import { errorCodeOf, errorFieldOf } from '../common/use-stores.ts';
import { DraftNotice, focusFirstInvalid, FormError } from './form-parts.tsx';
import { formFieldOf, type Problem } from './validate.ts';

export interface RecordForm<T extends DraftShape, R> {
  readonly form: DraftForm<T>;
  readonly formRef: RefObject<HTMLFormElement>;
  readonly isBusy: boolean;
  readonly isSubmitted: boolean;
  /** Why the last write was refused, shown above the form; null when it was not. */
  readonly storeError: string | null;
  /** What the last submit saved; null while the form is shown. */
  readonly saved: R | null;
  setSaved(saved: R | null): void;
  /** A change typed by the user: clears the refusal of the last write, saves the draft. */
  update(patch: Partial<T>): void;
  /**
   * The form field the refused write named (mapped from the store's field path), and the
   * translated error of each field: that refusal first, then the form's own problems once
   * the user has tried to save.
   */
  errorsOf(problems: Readonly<Record<keyof T, Problem>>): {
    readonly shownField: keyof T | null;
    readonly errorOf: (field: keyof T) => string | null;
  };
  /**
   * The submit of a record form: `prepare` gives what the write needs, or null when the form
   * has problems (focus then moves to the first invalid field); `send` writes the record. On
   * success the draft is cleared and `saved` set; on a refusal the draft is kept and the reason
   * shown.
   */
  submit<P>(
    event: Event,
    prepare: () => P | null,
    send: (prepared: P) => Promise<R>,
  ): Promise<void>;
}

/** The state and submit flow shared by the record forms (a draft, a write, a saved panel). */
export function useRecordForm<T extends DraftShape, R>(
  drafts: DraftsStore | null,
  draftKey: string,
  makeInitial: () => T,
  fieldOfStore: Readonly<Record<string, keyof T & string>>,
): RecordForm<T, R> {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const form = useDraftForm(drafts, draftKey, makeInitial);
  const [isSubmitted, setSubmitted] = useState(false);
  const [storeProblem, setStoreProblem] = useState<{ field: string | null; text: string } | null>(
    null,
  );
  const [saved, setSaved] = useState<R | null>(null);
  const [isBusy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  return {
    form,
    formRef,
    isBusy,
    isSubmitted,
    storeError: storeProblem?.text ?? null,
    saved,
    setSaved,
    update(patch) {
      setStoreProblem(null);
      form.update(patch);
    },
    errorsOf(problems) {
      const shownField = storeProblem ? formFieldOf(storeProblem.field, fieldOfStore) : null;
      const errorOf = (field: keyof T): string | null => {
        const problem: Problem = problems[field];
        return shownField === field
          ? t('form.checkField')
          : isSubmitted && problem
            ? t(problem)
            : null;
      };
      return { shownField, errorOf };
    },
    async submit(event, prepare, send) {
      event.preventDefault();
      if (isBusy) return;
      setSubmitted(true);
      setStoreProblem(null);
      const prepared = prepare();
      if (prepared === null) {
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
        return;
      }
      setBusy(true);
      await form.close();
      try {
        const result = await send(prepared);
        setSubmitted(false);
        await form.reset();
        setSaved(result);
      } catch (err) {
        form.reopen();
        setStoreProblem({ field: errorFieldOf(err), text: i18n.errorMessage(errorCodeOf(err)) });
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * The frame of a record form: the restored-draft notice and the refusal of the last write
 * above the fields, the submit button and the draft note below them.
 */
export function RecordFormFrame<T extends DraftShape, R>({
  record,
  onSubmit,
  submitLabel,
  children,
}: {
  readonly record: RecordForm<T, R>;
  readonly onSubmit: (event: Event) => void;
  readonly submitLabel: string;
  readonly children: ComponentChildren;
}) {
  const { t } = useAppState().i18n.value;
  const { form } = record;
  return (
    <form class="stack" ref={record.formRef} onSubmit={onSubmit} noValidate>
      <DraftNotice restoredAt={form.restoredAt} onStartAgain={() => void form.reset()} />
      <FormError message={record.storeError} />
      {children}
      <div class="form-footer">
        <Button type="submit" isBlock isBusy={record.isBusy}>
          {submitLabel}
        </Button>
        <p class="saved-note">{t('form.draftNote')}</p>
      </div>
    </form>
  );
}

/** The last line of a saved panel: sent already, or waiting for a connection. */
export function SavedWhere() {
  const state = useAppState();
  const { t } = state.i18n.value;
  return <p>{state.isOnline.value ? t('form.savedOnline') : t('form.savedOffline')}</p>;
}
