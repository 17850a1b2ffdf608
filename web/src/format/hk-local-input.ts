import { HONG_KONG_OFFSET_MINUTES } from '../../../shared/index.ts';

const OFFSET_MS = HONG_KONG_OFFSET_MINUTES * 60_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The value of a `datetime-local` input showing `atMs` in Hong Kong time ("2026-03-19T07:30"),
 * whatever zone the phone is set to: the form asks "when, in Hong Kong time".
 */
export function toHkLocalInput(atMs: number): string {
  return new Date(atMs + OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * A `datetime-local` value read as Hong Kong time, to Unix ms (a UTC instant); null when it is
 * empty or not a real date and time. Hong Kong has no daylight saving, so the offset is fixed.
 */
export function fromHkLocalInput(value: string): number | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(ms);
  // Date.UTC rolls 31 February over to March: refuse it rather than record another day.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return ms - OFFSET_MS;
}
