import type { LimitDecision } from '../../../../shared/index.ts';
import { explainReason, type I18n } from '../../i18n/index.ts';
import type { Tone } from './tone.ts';

export interface LimitDecisionText {
  readonly tone: Tone;
  readonly verdict: string;
  /** One sentence per line: what the limit is, or every reason approval is needed. */
  readonly lines: readonly string[];
  /** What to do about it, after the reasons. */
  readonly advice: string | null;
  readonly isWithinLimit: boolean | null;
}

/**
 * The words of the limit decision panel, kept apart from the markup so they are tested in plain
 * Node. `amount` is what was typed (minor units), to say what is left after giving it.
 */
export function describeLimitDecision(
  decision: LimitDecision | null,
  amount: number | null,
  i18n: I18n,
): LimitDecisionText {
  const { t, money } = i18n;
  if (decision === null) {
    return {
      tone: 'neutral',
      verdict: t('limit.title'),
      lines: [t('limit.enterAmount')],
      advice: null,
      isWithinLimit: null,
    };
  }
  if (decision.outcome === 'needs_approval') {
    return {
      tone: 'warning',
      verdict: t('limit.needsApproval'),
      lines: decision.reasons.map((r) => explainReason(i18n, r)),
      advice: t('limit.needsApprovalDetail'),
      isWithinLimit: false,
    };
  }
  const { rule, used } = decision;
  const left = Math.max(0, rule.maxPerPeriod - used - (amount ?? 0));
  return {
    tone: 'success',
    verdict: t('limit.within'),
    lines: [
      t('limit.withinDetail', { perCase: money(rule.maxPerCase, rule.currency) }),
      t(`limit.remaining.${rule.period}`, { amount: money(left, rule.currency) }),
    ],
    advice: null,
    isWithinLimit: true,
  };
}
