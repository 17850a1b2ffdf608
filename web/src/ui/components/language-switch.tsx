export interface LanguageOption<L extends string> {
  readonly value: L;
  /** What is shown, e.g. "EN" or "繁". */
  readonly short: string;
  /** The language's own name, read by screen readers, e.g. "繁體中文". */
  readonly name: string;
  /** BCP 47 tag, so a screen reader pronounces the name in its own language. */
  readonly lang: string;
}

export interface LanguageSwitchProps<L extends string> {
  readonly options: readonly LanguageOption<L>[];
  readonly value: L;
  readonly onChange: (value: L) => void;
  /** The group's name, e.g. "Language". */
  readonly label: string;
}

/** Two toggle buttons (en / 繁): one press, no menu to open. */
export function LanguageSwitch<L extends string>({
  options,
  value,
  onChange,
  label,
}: LanguageSwitchProps<L>) {
  return (
    <div class="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.lang}
          aria-pressed={o.value === value ? 'true' : 'false'}
          onClick={() => onChange(o.value)}
        >
          {/* The accessible name starts with what is shown (WCAG 2.5.3, label in name), so a
              voice-control user can say "EN"; the full name follows for screen readers. */}
          {o.short}
          <span class="visually-hidden"> {o.name}</span>
        </button>
      ))}
    </div>
  );
}
