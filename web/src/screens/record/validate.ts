import { personalDataIn, type PersonalDataKind } from '../../../../shared/index.ts';
import { fromHkLocalInput } from '../../format/hk-local-input.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** Why a field is refused, as a catalogue key (none takes parameters); null when it is fine. */
export type Problem =
  | (MessageKey &
      (
        | 'form.required'
        | 'form.tooLong'
        | 'form.chooseOne'
        | 'form.wholeNumber'
        | 'form.amountInvalid'
        | 'form.customerRefFormat'
        | 'form.customerRefPersonal'
        | 'form.whenInvalid'
        | 'form.whenFuture'
        | 'form.sectionGone'
        | 'form.checkField'
      ))
  | null;

/** The same rule as the shared schema: an account or ticket number, 3–40 characters. */
const CUSTOMER_REF = /^[A-Za-z0-9][A-Za-z0-9/_-]*$/;

export function customerRefProblem(text: string, isRequired: boolean): Problem {
  const ref = text.trim();
  if (ref === '') return isRequired ? 'form.required' : null;
  if (personalDataIn(ref).length > 0) return 'form.customerRefPersonal';
  if (ref.length < 3 || ref.length > 40 || !CUSTOMER_REF.test(ref)) return 'form.customerRefFormat';
  return null;
}

export function requiredText(text: string, max = 4000): Problem {
  const trimmed = text.trim();
  if (trimmed === '') return 'form.required';
  return trimmed.length > max ? 'form.tooLong' : null;
}

export const chosen = (value: string): Problem => (value === '' ? 'form.required' : null);

/** A time that happened: a real Hong Kong date and time, not (much) in the future. */
export function pastTimeProblem(local: string, nowMs: number): Problem {
  const at = fromHkLocalInput(local);
  if (at === null) return 'form.whenInvalid';
  // Five minutes of slack for a phone clock that runs a little fast.
  return at > nowMs + 5 * 60_000 ? 'form.whenFuture' : null;
}

/** The first kind of personal data in free text, for a warning (never a refusal). */
export function personalDataWarning(text: string): PersonalDataKind | null {
  return personalDataIn(text)[0] ?? null;
}

/** Whether any field has a problem. */
export const hasProblems = (problems: Readonly<Record<string, Problem>>): boolean =>
  Object.values(problems).some((p) => p !== null);

/**
 * The form field a store's `field` names (`args.scope.region` → `region`), by the longest
 * matching prefix in `map`; null when the form has no such field.
 */
export function formFieldOf<K extends string>(
  field: string | null,
  map: Readonly<Record<string, K>>,
): K | null {
  if (field === null) return null;
  let best: string | null = null;
  for (const prefix of Object.keys(map)) {
    if (
      (field === prefix || field.startsWith(`${prefix}.`)) &&
      (best === null || prefix.length > best.length)
    )
      best = prefix;
  }
  return best === null ? null : (map[best] ?? null);
}
