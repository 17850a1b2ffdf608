import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { Icon } from './icon.tsx';

/** What every field shows around its control; all text arrives translated. */
export interface FieldText {
  readonly label: string;
  /** Help shown under the label, before the control, e.g. the expected format. */
  readonly hint?: string;
  /** Why the value is refused; sets aria-invalid and is read with the field. */
  readonly error?: string | null;
  /** Advice that does not block, e.g. "this looks like a phone number". */
  readonly warning?: string | null;
  /** The word shown after the label of a required field ("required" / "必填"). */
  readonly requiredMarker?: string;
}

/** The ids and ARIA a control needs to be tied to its label, hint, warning and error. */
export interface ControlAria {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: 'true';
  readonly 'aria-required'?: 'true';
}

/** What FieldShell shows around the control: the field's text and whether it is required. */
export interface FieldShellText extends FieldText {
  readonly isRequired?: boolean;
}

interface FieldShellProps extends FieldShellText {
  readonly children: (aria: ControlAria) => ComponentChildren;
}

/** A field's props in two: what FieldShell shows around the control, and the control's own. */
export function splitFieldProps<P extends FieldShellText>(
  props: P,
): readonly [FieldShellText, Omit<P, keyof FieldShellText>] {
  const { label, hint, error, warning, requiredMarker, isRequired, ...control } = props;
  return [{ label, hint, error, warning, requiredMarker, isRequired }, control];
}

/**
 * Label, hint, control, warning and error, linked by id: a screen reader reads the label, then
 * the hint and any error when the control is focused (aria-describedby), and hears it is invalid.
 */
export function FieldShell({
  label,
  hint,
  error,
  warning,
  requiredMarker,
  isRequired,
  children,
}: FieldShellProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const warningId = `${id}-warning`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, warning && warningId, error && errorId]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
        {isRequired && requiredMarker ? (
          <span class="field__marker"> ({requiredMarker})</span>
        ) : null}
      </label>
      {hint ? (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? 'true' : undefined,
        'aria-required': isRequired ? 'true' : undefined,
      })}
      {warning ? (
        <p class="field__warning" id={warningId}>
          <Icon name="alert" isSmall />
          <span>{warning}</span>
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={errorId}>
          <Icon name="alert" isSmall />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
