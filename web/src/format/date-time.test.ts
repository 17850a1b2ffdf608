import { describe, expect, it } from 'vitest';
import { formatInstant, isoOf } from './date-time.ts';
import { formatDuration, formatRelative } from './relative.ts';

// 2026-03-18 23:30 UTC is already 19 March, 07:30 in Hong Kong (UTC+8, no daylight saving).
const AT = '2026-03-18T23:30:00.000Z';

describe('dates and times in Hong Kong time', () => {
  it('shows the Hong Kong date and time, not UTC or the phone zone', () => {
    expect(formatInstant(AT, 'en-HK')).toMatch(/19 Mar 2026.*7:30/);
    expect(formatInstant(AT, 'en-HK', 'date')).toBe('19 Mar 2026');
    expect(formatInstant(AT, 'en-HK', 'time')).toMatch(/^7:30\s?am$/i);
    expect(formatInstant(AT, 'zh-HK', 'date')).toBe('2026年3月19日');
    expect(formatInstant(AT, 'zh-HK', 'time')).toMatch(/上午\s?7:30/);
  });

  it('takes Unix ms and refuses what is not an instant', () => {
    expect(formatInstant(Date.parse(AT), 'en-HK', 'date')).toBe('19 Mar 2026');
    expect(() => formatInstant('yesterday', 'en-HK')).toThrow(RangeError);
    expect(isoOf(Date.parse(AT))).toBe(AT);
  });
});

describe('relative times', () => {
  const now = Date.parse(AT);
  it('says how long ago in both languages', () => {
    expect(formatRelative(now - 5 * 60_000, now, 'en-HK')).toBe('5 min ago');
    expect(formatRelative(now - 5 * 60_000, now, 'zh-HK')).toBe('5 分鐘前');
    expect(formatRelative(now - 3 * 3_600_000, now, 'en-HK')).toMatch(/^3 hr\.? ago$/);
    expect(formatRelative(now - 20_000, now, 'en-HK')).toBe('now');
    expect(formatRelative(now - 26 * 3_600_000, now, 'en-HK')).toBe('yesterday');
    expect(formatRelative(now + 10 * 60_000, now, 'en-HK')).toBe('in 10 min');
  });

  it('gives the date once it is more than a week ago', () => {
    expect(formatRelative(now - 8 * 86_400_000, now, 'en-HK')).toBe('11 Mar 2026');
  });

  it('states durations in the largest sensible unit', () => {
    expect(formatDuration(30 * 60_000, 'en-HK')).toBe('30 minutes');
    expect(formatDuration(26 * 3_600_000, 'en-HK')).toBe('26 hours');
    expect(formatDuration(3 * 86_400_000, 'zh-HK')).toBe('3 日');
  });
});
