import { toneClass } from './tone.ts';

export interface UsageBarProps {
  readonly used: number;
  readonly max: number;
  /** What the bar shows, in words, e.g. "HK$350.00 of HK$500.00 used this month". */
  readonly text: string;
}

/**
 * How much of a period limit is used. The sentence carries the meaning; the bar repeats it for
 * the eye (hidden from screen readers), amber from 80 %, red when nothing is left.
 */
export function UsageBar({ used, max, text }: UsageBarProps) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, used / max)) : 1;
  const tone = ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warning' : 'success';
  return (
    <div class="usage">
      <p class="usage__text">{text}</p>
      <div class="usage__track" aria-hidden="true">
        <div class={`usage__bar ${toneClass(tone)}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
