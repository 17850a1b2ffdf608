import type { ComponentChildren } from 'preact';

export interface DetailItem {
  readonly term: string;
  readonly detail: ComponentChildren;
}

export interface DetailListProps {
  readonly items: readonly DetailItem[];
  /** Short values side by side (amounts), rather than one under the other. */
  readonly isInline?: boolean;
}

/** Label–value pairs of a record, as a description list (read as pairs by screen readers). */
export function DetailList({ items, isInline }: DetailListProps) {
  return (
    <dl class={isInline ? 'details details--inline' : 'details'}>
      {items.map((item) => (
        <div key={item.term} class="details__row">
          <dt>{item.term}</dt>
          <dd>{item.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
