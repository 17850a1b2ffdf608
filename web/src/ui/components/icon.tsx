/*
 * A few line icons (24×24, stroke = currentColor), drawn here rather than pulled from an icon
 * package: each is one path and the whole set costs less than a kilobyte.
 */
const PATHS = {
  home: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
  plan: 'M4 5a2 2 0 012-2h13v16H6a2 2 0 00-2 2zM4 19V5M8 7h7M8 11h7',
  record: 'M12 8v8M8 12h8M12 3a9 9 0 100 18 9 9 0 000-18z',
  records: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  approvals: 'M4 13l3-8h10l3 8M4 13v6h16v-6M4 13h5l1 2h4l1-2h5',
  dashboard: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  alert:
    'M12 8v5M12 16.5h.01M10.3 3.9L2.4 17.6A2 2 0 004.1 20.6h15.8a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z',
  info: 'M12 11v6M12 7.5h.01M12 3a9 9 0 100 18 9 9 0 000-18z',
  sync: 'M20 11a8 8 0 00-14.9-3M4 4v4h4M4 13a8 8 0 0014.9 3M20 20v-4h-4',
  offline:
    'M2 8.8a15 15 0 014.2-2.6M9.3 5.2A15 15 0 0122 8.8M5 12.5a10 10 0 015.2-2.5M16.6 11A10 10 0 0119 12.5M8.5 16a5 5 0 017 0M12 19.5h.01M3 3l18 18',
  online: 'M2 8.8a15 15 0 0120 0M5 12.5a10 10 0 0114 0M8.5 16a5 5 0 017 0M12 19.5h.01',
  inbox: 'M4 4h16v16H4zM4 14h5l1 2h4l1-2h5',
} as const;

export type IconName = keyof typeof PATHS;

export interface IconProps {
  readonly name: IconName;
  readonly isSmall?: boolean;
}

/** Decorative: always next to a text label, so hidden from screen readers. */
export function Icon({ name, isSmall }: IconProps) {
  return (
    <svg
      class={isSmall ? 'icon icon--small' : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
