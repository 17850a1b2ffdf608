import type { SelectHTMLAttributes } from 'preact';
import { FieldShell, splitFieldProps, type FieldText } from './field.tsx';

export interface SelectOption<V extends string> {
  readonly value: V;
  readonly label: string;
}

type NativeSelect = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'class' | 'className' | 'id' | 'value' | 'onChange' | 'onInput' | 'required' | 'label'
>;

export interface SelectFieldProps<V extends string> extends FieldText, NativeSelect {
  readonly options: readonly SelectOption<V>[];
  /** '' while nothing is chosen. */
  readonly value: V | '';
  readonly onValue: (value: V) => void;
  /** Shown while nothing is chosen, e.g. "Choose…"; without it the first option is preselected. */
  readonly placeholder?: string;
  readonly isRequired?: boolean;
}

/** A native select: the phone's own picker is the most usable one, with a screen reader too. */
export function SelectField<V extends string>({
  options,
  value,
  onValue,
  placeholder,
  ...props
}: SelectFieldProps<V>) {
  const [shell, rest] = splitFieldProps(props);
  return (
    <FieldShell {...shell}>
      {(aria) => (
        <select
          {...rest}
          {...aria}
          class="input"
          value={value}
          onChange={(e) => onValue(e.currentTarget.value as V)}
        >
          {placeholder !== undefined ? (
            <option value="" disabled>
              {placeholder}
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
