import type { ComponentChildren } from 'preact';

export interface CardProps {
  readonly title?: string;
  /** Heading level of the title, to keep the page outline right (default h2). */
  readonly level?: 2 | 3;
  readonly children: ComponentChildren;
}

export function Card({ title, level = 2, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="card">
      {title ? <Heading class="card__title">{title}</Heading> : null}
      {children}
    </section>
  );
}

export interface ListProps {
  /** Names the list for screen readers when there is no visible heading right before it. */
  readonly label?: string;
  readonly children: ComponentChildren;
}

export function List({ label, children }: ListProps) {
  return (
    <ul class="list" aria-label={label}>
      {children}
    </ul>
  );
}

export interface ListItemProps {
  readonly title: string;
  readonly detail?: ComponentChildren;
  /** A link makes the whole row (≥ 56 px tall) the target. */
  readonly href?: string;
  /** Shown at the end of the row, e.g. a status badge. */
  readonly end?: ComponentChildren;
  readonly start?: ComponentChildren;
}

export function ListItem({ title, detail, href, end, start }: ListItemProps) {
  const content = (
    <>
      {start}
      <span class="list__text">
        <span class="list__title">{title}</span>
        {detail ? <span class="list__detail">{detail}</span> : null}
      </span>
      {end}
    </>
  );
  return (
    <li class="list__item">
      {href ? (
        <a class="list__row" href={href}>
          {content}
        </a>
      ) : (
        <div class="list__row">{content}</div>
      )}
    </li>
  );
}
