import type { LimitDecision } from '../../../../shared/index.ts';
import type { I18n } from '../../i18n/index.ts';
import { Icon } from './icon.tsx';
import { describeLimitDecision } from './limit-decision-text.ts';
import { toneClass } from './tone.ts';

export interface LimitDecisionPanelProps {
  /** The decision for what is typed now; null before a valid amount is entered. */
  readonly decision: LimitDecision | null;
  /** The typed amount in minor units, to say what is left after it. */
  readonly amount: number | null;
  readonly i18n: I18n;
  /** Said instead of "Enter an amount…" while something else is missing (type, scope). */
  readonly prompt?: string | null;
}

/**
 * "You may give this now" or "Needs approval" with every reason (product.md §5), updated as the
 * amount is typed. A polite live region: a screen reader hears the new verdict after a pause in
 * typing, without losing its place in the amount field.
 */
export function LimitDecisionPanel({ decision, amount, i18n, prompt }: LimitDecisionPanelProps) {
  const described = describeLimitDecision(decision, amount, i18n);
  const text = decision === null && prompt ? { ...described, lines: [prompt] } : described;
  return (
    <section
      class={`limit-panel ${toneClass(text.tone)}`}
      aria-live="polite"
      aria-atomic="true"
      data-testid="limit-decision"
    >
      <p class="limit-panel__verdict">
        {text.isWithinLimit === null ? null : (
          <Icon name={text.isWithinLimit ? 'check' : 'alert'} />
        )}
        {text.verdict}
      </p>
      {text.lines.length === 1 ? (
        <p>{text.lines[0]}</p>
      ) : (
        <ul>
          {text.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {text.advice ? <p class="limit-panel__advice">{text.advice}</p> : null}
    </section>
  );
}
