import { formatInstant, type InstantLike } from './date-time.ts';
import { cached, type AppLocale } from './locale.ts';

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const unitFormatters = new Map<string, Intl.NumberFormat>();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "5 min ago", "in 2 hr", "yesterday"; older than a week, the date itself, which says more than
 * "3 weeks ago" to someone checking when a record was sent.
 */
export function formatRelative(at: InstantLike, nowMs: number, locale: AppLocale): string {
  const atMs = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  const diff = atMs - nowMs;
  const size = Math.abs(diff);
  if (size >= 7 * DAY) return formatInstant(atMs, locale, 'date');
  const rtf = cached(
    relativeFormatters,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
  );
  if (size < MINUTE) return rtf.format(0, 'second');
  if (size < HOUR) return rtf.format(Math.trunc(diff / MINUTE), 'minute');
  if (size < DAY) return rtf.format(Math.trunc(diff / HOUR), 'hour');
  return rtf.format(Math.trunc(diff / DAY), 'day');
}

/** A length of time in the largest sensible unit, rounded down: "26 hours", "3 days". */
export function formatDuration(ms: number, locale: AppLocale): string {
  const [value, unit] =
    ms < HOUR
      ? [Math.floor(ms / MINUTE), 'minute']
      : ms < 2 * DAY
        ? [Math.floor(ms / HOUR), 'hour']
        : [Math.floor(ms / DAY), 'day'];
  const formatter = cached(
    unitFormatters,
    `${locale}|${unit}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
  );
  return formatter.format(value);
}
