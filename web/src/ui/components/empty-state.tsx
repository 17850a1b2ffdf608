import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icon.tsx';

export interface EmptyStateProps {
  readonly title: string;
  readonly body?: string;
  readonly icon?: IconName;
  /** What to do next, e.g. a "Record an incident" link button. */
  readonly action?: ComponentChildren;
}

export function EmptyState({ title, body, icon = 'inbox', action }: EmptyStateProps) {
  return (
    <div class="empty">
      <Icon name={icon} />
      <h2 class="empty__title">{title}</h2>
      {body ? <p>{body}</p> : null}
      {action}
    </div>
  );
}
