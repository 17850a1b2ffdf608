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
  tactics: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6zM8.5 12l2.5 2.5 4.5-5',
  limits: 'M4 20h16M6 16v-4M10 16V8M14 16v-6M18 16V5',
  feedback: 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5',
  competitor: 'M3 11l16-6v14L3 13zM7 12.5V18h3v-4.5',
  signOut: 'M14 4h5v16h-5M10 16l-4-4 4-4M6 12h10',
  search: 'M10.5 4a6.5 6.5 0 100 13 6.5 6.5 0 000-13zM15.5 15.5L20 20',
  recovery: 'M12 20s-7-4.4-7-10a4 4 0 017-2.6A4 4 0 0119 10c0 5.6-7 10-7 10z',
  incident: 'M12 3L2 20h20zM12 10v4M12 17h.01',
  task: 'M4 6l2 2 3-3M4 13l2 2 3-3M12 7h8M12 14h8M4 20h16',
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
