export interface ProgressBarProps {
  readonly value: number;
  readonly max: number;
  /** The accessible name, e.g. "Sync progress". */
  readonly label: string;
  /** What is read and shown, e.g. "Sending 40 of 120". */
  readonly valueText: string;
}

/** How far a draining sync queue has got. */
export function ProgressBar({ value, max, label, valueText }: ProgressBarProps) {
  const percent = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div class="progress">
      <span aria-hidden="true">{valueText}</span>
      <div
        class="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
      >
        <div class="progress__bar" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
