import { cached, HONG_KONG_TIME_ZONE, type AppLocale } from './locale.ts';

/** A UTC instant as stored (ISO string) or as Unix ms. */
export type InstantLike = string | number | Date;

const formatters = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  weekdayDate: { weekday: 'short', day: 'numeric', month: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof STYLES;

function toDate(at: InstantLike): Date {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(at)}`);
  return date;
}

/**
 * An instant in Hong Kong time whatever the phone's own zone is set to: a technician back from
 * Shenzhen or a phone left on UTC still sees the times the office sees.
 */
export function formatInstant(
  at: InstantLike,
  locale: AppLocale,
  style: DateStyle = 'dateTime',
): string {
  const formatter = cached(
    formatters,
    `${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: HONG_KONG_TIME_ZONE }),
  );
  return formatter.format(toDate(at));
}

/** Machine-readable form for `<time dateTime=…>`, so screen readers and copy-paste get the instant. */
export function isoOf(at: InstantLike): string {
  return toDate(at).toISOString();
}
