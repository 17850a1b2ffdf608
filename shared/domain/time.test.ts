import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  HONG_KONG_OFFSET_MINUTES,
  dateSchema,
  instantSchema,
  periodStart,
  type Period,
} from './time.ts';

const DAY = 86_400_000;
const HK = (local: string) => Date.parse(`${local}+08:00`);
const UTC = (iso: string) => Date.parse(`${iso}Z`);

describe('periodStart: day', () => {
  it('a Hong Kong morning belongs to the day that started at 16:00 UTC the evening before', () => {
    expect(periodStart('day', HK('2026-03-18T10:00:00'))).toBe(UTC('2026-03-17T16:00:00'));
  });

  it('UTC midnight is 08:00 in Hong Kong: still the same HK day', () => {
    expect(periodStart('day', UTC('2026-03-18T00:00:00'))).toBe(HK('2026-03-18T00:00:00'));
  });

  it('HK midnight exactly starts a new day; one millisecond before is still yesterday', () => {
    const midnight = HK('2026-03-18T00:00:00');
    expect(periodStart('day', midnight)).toBe(midnight);
    expect(periodStart('day', midnight - 1)).toBe(HK('2026-03-17T00:00:00'));
    expect(periodStart('day', HK('2026-03-17T23:59:59.999'))).toBe(HK('2026-03-17T00:00:00'));
  });

  it('the default offset is Hong Kong (UTC+8, no daylight saving)', () => {
    expect(HONG_KONG_OFFSET_MINUTES).toBe(480);
    const t = UTC('2026-07-01T20:00:00');
    expect(periodStart('day', t)).toBe(periodStart('day', t, 480));
    expect(periodStart('day', t, 0)).toBe(UTC('2026-07-01T00:00:00'));
    expect(periodStart('day', t, -300)).toBe(Date.parse('2026-07-01T00:00:00-05:00'));
  });
});

describe('periodStart: week (Monday)', () => {
  it('a Wednesday belongs to the week that started Monday 00:00 HK', () => {
    expect(periodStart('week', HK('2026-03-18T10:00:00'))).toBe(HK('2026-03-16T00:00:00'));
  });

  it('Sunday 23:59:59.999 HK is the end of the previous week; Monday 00:00 HK starts a new one', () => {
    expect(periodStart('week', HK('2026-03-15T23:59:59.999'))).toBe(HK('2026-03-09T00:00:00'));
    expect(periodStart('week', HK('2026-03-16T00:00:00'))).toBe(HK('2026-03-16T00:00:00'));
  });

  it('Monday 07:00 HK (Sunday 23:00 UTC) is already in the new week', () => {
    expect(periodStart('week', UTC('2026-03-15T23:00:00'))).toBe(HK('2026-03-16T00:00:00'));
  });

  it('a week can start in the previous month and the previous year', () => {
    expect(periodStart('week', HK('2026-01-01T12:00:00'))).toBe(HK('2025-12-29T00:00:00'));
    expect(periodStart('week', HK('2026-03-01T12:00:00'))).toBe(HK('2026-02-23T00:00:00'));
  });
});

describe('periodStart: month', () => {
  it('the 1st at 00:00 HK starts the month (16:00 UTC on the last day of the previous month)', () => {
    expect(periodStart('month', HK('2026-03-18T10:00:00'))).toBe(UTC('2026-02-28T16:00:00'));
    expect(periodStart('month', UTC('2026-02-28T16:30:00'))).toBe(HK('2026-03-01T00:00:00'));
    expect(periodStart('month', UTC('2026-02-28T15:59:59.999'))).toBe(HK('2026-02-01T00:00:00'));
  });

  it('the year boundary follows Hong Kong: 1 Jan 00:00 HK is 31 Dec 16:00 UTC', () => {
    expect(periodStart('month', HK('2026-01-01T00:00:00'))).toBe(UTC('2025-12-31T16:00:00'));
    expect(periodStart('month', HK('2025-12-31T23:59:59.999'))).toBe(HK('2025-12-01T00:00:00'));
  });

  it('handles 29 February in a leap year and 31-day months', () => {
    expect(periodStart('month', HK('2024-02-29T23:00:00'))).toBe(HK('2024-02-01T00:00:00'));
    expect(periodStart('month', HK('2026-12-31T23:59:00'))).toBe(HK('2026-12-01T00:00:00'));
  });
});

describe('periodStart properties', () => {
  const instantArb = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) });
  const periodArb = fc.constantFrom<Period>('day', 'week', 'month');
  const offsetArb = fc.integer({ min: -12 * 60, max: 14 * 60 });
  const maxLength: Record<Period, number> = { day: DAY, week: 7 * DAY, month: 31 * DAY };

  it('is at or before the instant, and less than one period before it', () => {
    fc.assert(
      fc.property(periodArb, instantArb, offsetArb, (p, t, off) => {
        const start = periodStart(p, t, off);
        expect(start).toBeLessThanOrEqual(t);
        expect(t - start).toBeLessThan(maxLength[p]);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: the start of a period is in that same period', () => {
    fc.assert(
      fc.property(periodArb, instantArb, offsetArb, (p, t, off) => {
        const start = periodStart(p, t, off);
        expect(periodStart(p, start, off)).toBe(start);
      }),
      { numRuns: 500 },
    );
  });

  it('is a local midnight, on a Monday for weeks and on the 1st for months', () => {
    fc.assert(
      fc.property(periodArb, instantArb, offsetArb, (p, t, off) => {
        const local = new Date(periodStart(p, t, off) + off * 60_000);
        expect([
          local.getUTCHours(),
          local.getUTCMinutes(),
          local.getUTCSeconds(),
          local.getUTCMilliseconds(),
        ]).toEqual([0, 0, 0, 0]);
        if (p === 'week') expect(local.getUTCDay()).toBe(1);
        if (p === 'month') expect(local.getUTCDate()).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('one millisecond before a period start belongs to the previous period', () => {
    fc.assert(
      fc.property(periodArb, instantArb, (p, t) => {
        const start = periodStart(p, t);
        const previous = periodStart(p, start - 1);
        expect(previous).toBeLessThan(start);
        expect(start - previous).toBeLessThanOrEqual(maxLength[p]);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic: a later instant never has an earlier period start', () => {
    fc.assert(
      fc.property(periodArb, instantArb, fc.integer({ min: 0, max: 40 * DAY }), (p, t, dt) => {
        expect(periodStart(p, t + dt)).toBeGreaterThanOrEqual(periodStart(p, t));
      }),
      { numRuns: 500 },
    );
  });
});

describe('instant and date schemas', () => {
  it('an instant needs a zone: Z or an offset', () => {
    expect(instantSchema.safeParse('2026-03-18T02:00:00.000Z').success).toBe(true);
    expect(instantSchema.safeParse('2026-03-18T10:00:00+08:00').success).toBe(true);
    expect(instantSchema.safeParse('2026-03-18T10:00:00').success).toBe(false);
    expect(instantSchema.safeParse('18/03/2026').success).toBe(false);
  });

  it('a date is YYYY-MM-DD and a real calendar date', () => {
    expect(dateSchema.safeParse('2026-03-18').success).toBe(true);
    expect(dateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(dateSchema.safeParse('2026-3-8').success).toBe(false);
  });
});
