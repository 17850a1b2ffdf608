import type { ComponentChildren } from 'preact';
import { toneClass, type Tone } from './tone.ts';

export interface BadgeProps {
  readonly tone?: Tone;
  /** A dot before the text; the text itself always says the status (never colour alone). */
  readonly hasDot?: boolean;
  readonly children: ComponentChildren;
}

export function Badge({ tone = 'neutral', hasDot, children }: BadgeProps) {
  return (
    <span class={`badge ${toneClass(tone)}`}>
      {hasDot ? <span class="dot" aria-hidden="true" /> : null}
      {children}
    </span>
  );
}
