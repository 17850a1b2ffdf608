import { z } from 'zod';

/** A UTC instant as an ISO-8601 string with a `Z` or offset, e.g. `2026-11-23T03:15:00.000Z`. */
export const instantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof instantSchema>;

/** A calendar date, `YYYY-MM-DD`, as people in Hong Kong read it. */
export const dateSchema = z.iso.date();

/** Hong Kong has no daylight saving: UTC+8 all year. */
export const HONG_KONG_OFFSET_MINUTES = 480;

export type Period = 'day' | 'week' | 'month';

/**
 * Start of the day / week (Monday) / month that contains `atMs`, in a fixed-offset zone, as Unix ms.
 * Period limits reset at local midnight, not UTC midnight.
 */
export function periodStart(
  period: Period,
  atMs: number,
  offsetMinutes = HONG_KONG_OFFSET_MINUTES,
): number {
  const offsetMs = offsetMinutes * 60_000;
  const local = new Date(atMs + offsetMs);
  let y = local.getUTCFullYear();
  let m = local.getUTCMonth();
  let d = local.getUTCDate();
  if (period === 'month') d = 1;
  if (period === 'week') {
    const daysSinceMonday = (local.getUTCDay() + 6) % 7;
    const monday = new Date(Date.UTC(y, m, d - daysSinceMonday));
    y = monday.getUTCFullYear();
    m = monday.getUTCMonth();
    d = monday.getUTCDate();
  }
  return Date.UTC(y, m, d) - offsetMs;
}
