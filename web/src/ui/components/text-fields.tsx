import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { FieldShell, splitFieldProps, type FieldText } from './field.tsx';

type NativeInput = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'class' | 'className' | 'id' | 'value' | 'onInput' | 'type' | 'required' | 'label'
>;

export interface TextFieldProps extends FieldText, NativeInput {
  readonly value: string;
  /** Called on every keystroke with the new text (forms save drafts as the user types). */
  readonly onValue: (value: string) => void;
  readonly isRequired?: boolean;
  readonly type?: 'text' | 'search' | 'password' | 'email' | 'tel' | 'url' | 'datetime-local';
}

export function TextField({ value, onValue, type = 'text', ...props }: TextFieldProps) {
  const [shell, rest] = splitFieldProps(props);
  return (
    <FieldShell {...shell}>
      {(aria) => (
        <input
          {...rest}
          {...aria}
          class="input"
          type={type}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FieldShell>
  );
}

export interface NumberFieldProps extends Omit<TextFieldProps, 'type' | 'inputMode'> {
  /** `decimal` for money (a keypad with a dot), `numeric` for whole numbers. */
  readonly inputMode?: 'decimal' | 'numeric';
  /** Large digits for the one number that matters on a form (the amount). */
  readonly isProminent?: boolean;
}

/**
 * A number typed as text: `type="number"` would let the browser turn "12.50" into a float, drop
 * what it cannot parse without telling anyone, and change the value on a scroll. The form parses
 * the text itself (format/parse-amount.ts) and shows why a value is refused.
 */
export function NumberField({
  inputMode = 'decimal',
  isProminent,
  value,
  onValue,
  ...props
}: NumberFieldProps) {
  const [shell, rest] = splitFieldProps(props);
  return (
    <FieldShell {...shell}>
      {(aria) => (
        <input
          autoComplete="off"
          {...rest}
          {...aria}
          class={isProminent ? 'input input--amount' : 'input'}
          type="text"
          inputMode={inputMode}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FieldShell>
  );
}

type NativeTextarea = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'class' | 'className' | 'id' | 'value' | 'onInput' | 'required' | 'label'
>;

export interface TextareaFieldProps extends FieldText, NativeTextarea {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly isRequired?: boolean;
}

export function TextareaField({ value, onValue, ...props }: TextareaFieldProps) {
  const [shell, rest] = splitFieldProps(props);
  return (
    <FieldShell {...shell}>
      {(aria) => (
        <textarea
          {...rest}
          {...aria}
          class="input"
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </FieldShell>
  );
}
