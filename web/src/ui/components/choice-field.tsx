import { useId } from 'preact/hooks';
import { Icon } from './icon.tsx';
import type { FieldText } from './field.tsx';

export interface ChoiceOption<V extends string> {
  readonly value: V;
  readonly label: string;
  /** Read after the label, e.g. "Rare" for likelihood 1. */
  readonly description?: string;
}

interface GroupText extends Omit<FieldText, 'label'> {
  /** The question the group answers: the fieldset's legend. */
  readonly legend: string;
  readonly isRequired?: boolean;
}

/** Legend, hint, warning and error of a group of choices, tied to it by id. */
function useGroupIds(text: GroupText) {
  const id = useId();
  const hintId = `${id}-hint`;
  const warningId = `${id}-warning`;
  const errorId = `${id}-error`;
  const describedBy =
    [text.hint && hintId, text.warning && warningId, text.error && errorId]
      .filter(Boolean)
      .join(' ') || undefined;
  return { id, hintId, warningId, errorId, describedBy };
}

function GroupNotes({ text, ids }: { text: GroupText; ids: ReturnType<typeof useGroupIds> }) {
  return (
    <>
      {text.warning ? (
        <p class="field__warning" id={ids.warningId}>
          <Icon name="alert" isSmall />
          <span>{text.warning}</span>
        </p>
      ) : null}
      {text.error ? (
        <p class="field__error" id={ids.errorId}>
          <Icon name="alert" isSmall />
          <span>{text.error}</span>
        </p>
      ) : null}
    </>
  );
}

function Legend({ text, ids }: { text: GroupText; ids: ReturnType<typeof useGroupIds> }) {
  return (
    <>
      <legend class="field__label">
        {text.legend}
        {text.isRequired && text.requiredMarker ? (
          <span class="field__marker"> ({text.requiredMarker})</span>
        ) : null}
      </legend>
      {text.hint ? (
        <p class="field__hint" id={ids.hintId}>
          {text.hint}
        </p>
      ) : null}
    </>
  );
}

export interface ChoiceFieldProps<V extends string> extends GroupText {
  readonly options: readonly ChoiceOption<V>[];
  /** '' while nothing is chosen. */
  readonly value: V | '';
  readonly onValue: (value: V) => void;
  /** Lay the options out as equal segments in one row (scales such as 1–5). */
  readonly isSegmented?: boolean;
}

/**
 * One choice of a few, as radio buttons a thumb can hit (each ≥ 48 px): better than a select
 * when every option should be seen at once (likelihood 1–5, low / medium / high).
 */
export function ChoiceField<V extends string>(props: ChoiceFieldProps<V>) {
  const ids = useGroupIds(props);
  return (
    <fieldset
      class="field choice"
      role="radiogroup"
      aria-describedby={ids.describedBy}
      aria-required={props.isRequired ? 'true' : undefined}
      aria-invalid={props.error ? 'true' : undefined}
    >
      <Legend text={props} ids={ids} />
      <div
        class={props.isSegmented ? 'choice__options choice__options--segmented' : 'choice__options'}
      >
        {props.options.map((o) => (
          <label key={o.value} class="choice__option">
            <input
              type="radio"
              name={ids.id}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onValue(o.value)}
            />
            <span class="choice__text">
              {o.label}
              {o.description ? <span class="choice__description">{o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <GroupNotes text={props} ids={ids} />
    </fieldset>
  );
}

export interface CheckboxGroupFieldProps<V extends string> extends GroupText {
  readonly options: readonly ChoiceOption<V>[];
  readonly values: readonly V[];
  readonly onValues: (values: V[]) => void;
}

/** Several choices of a list (the products a competitor's promotion touches). */
export function CheckboxGroupField<V extends string>(props: CheckboxGroupFieldProps<V>) {
  const ids = useGroupIds(props);
  const toggle = (value: V, isOn: boolean) =>
    props.onValues(
      isOn
        ? props.options.map((o) => o.value).filter((v) => v === value || props.values.includes(v))
        : props.values.filter((v) => v !== value),
    );
  return (
    <fieldset class="field choice" aria-describedby={ids.describedBy}>
      <Legend text={props} ids={ids} />
      <div class="choice__options">
        {props.options.map((o) => (
          <label key={o.value} class="choice__option">
            <input
              type="checkbox"
              value={o.value}
              checked={props.values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            />
            <span class="choice__text">{o.label}</span>
          </label>
        ))}
      </div>
      <GroupNotes text={props} ids={ids} />
    </fieldset>
  );
}
