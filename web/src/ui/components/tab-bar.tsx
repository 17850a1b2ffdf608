import { Badge } from './badge.tsx';
import { Icon, type IconName } from './icon.tsx';

export interface TabItem {
  readonly id: string;
  readonly href: string;
  readonly label: string;
  readonly icon: IconName;
  /** A count waiting there, e.g. approvals; hidden at 0. */
  readonly count?: number;
  /** Read after the label, e.g. "3 waiting". */
  readonly countLabel?: string;
}

export interface TabBarProps {
  readonly items: readonly TabItem[];
  readonly currentId: string | null;
  /** The navigation landmark's name, e.g. "Main". */
  readonly label: string;
}

/** Bottom navigation: the whole cell (≥ 64 px tall) is the target, the current one is marked. */
export function TabBar({ items, currentId, label }: TabBarProps) {
  return (
    <nav class="tabbar" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <a href={item.href} aria-current={item.id === currentId ? 'page' : undefined}>
              <Icon name={item.icon} />
              <span class="tabbar__label">{item.label}</span>
              {item.count ? (
                <Badge tone="danger">
                  {item.count}
                  {item.countLabel ? <span class="visually-hidden"> {item.countLabel}</span> : null}
                </Badge>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
