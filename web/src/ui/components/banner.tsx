import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icon.tsx';
import { toneClass, type Tone } from './tone.ts';

export interface BannerProps {
  readonly tone: Tone;
  readonly title: string;
  readonly children?: ComponentChildren;
  /**
   * `alert` interrupts the screen reader: only for what must be heard now (an error after a
   * press). Everything else (`status`, the default) is announced politely when it appears.
   * `null` inside a live region that is always there (AppLayout's notices), which announces it.
   */
  readonly role?: 'status' | 'alert' | null;
  /** Buttons, e.g. "Reload" and "Later". */
  readonly actions?: ComponentChildren;
}

const ICON_OF: Record<Tone, IconName> = {
  info: 'info',
  success: 'check',
  warning: 'alert',
  danger: 'alert',
  neutral: 'info',
};

/** A message across the page that never blocks it: the user can keep working under it. */
export function Banner({ tone, title, children, role = 'status', actions }: BannerProps) {
  return (
    <div class={`banner ${toneClass(tone)}`} role={role ?? undefined}>
      <div class="banner__body">
        <Icon name={ICON_OF[tone]} />
        <div>
          <strong class="banner__title">{title}</strong>
          {children}
        </div>
      </div>
      {actions ? <div class="banner__actions">{actions}</div> : null}
    </div>
  );
}
