import { describe, expect, it } from 'vitest';
import { fromHkLocalInput, toHkLocalInput } from './hk-local-input.ts';

describe('the "when" field, in Hong Kong time', () => {
  it('shows a UTC instant as Hong Kong wall-clock time', () => {
    expect(toHkLocalInput(Date.parse('2026-03-18T23:30:00Z'))).toBe('2026-03-19T07:30');
    expect(toHkLocalInput(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00');
  });

  it('reads what was picked as Hong Kong time, back to the same instant', () => {
    expect(fromHkLocalInput('2026-03-19T07:30')).toBe(Date.parse('2026-03-18T23:30:00Z'));
    const now = Date.parse('2026-11-23T02:00:00Z');
    expect(fromHkLocalInput(toHkLocalInput(now))).toBe(now);
  });

  it('refuses what is not a date and time', () => {
    expect(fromHkLocalInput('')).toBeNull();
    expect(fromHkLocalInput('2026-02-31T10:00')).toBeNull();
    expect(fromHkLocalInput('2026-03-19T24:00')).toBeNull();
    expect(fromHkLocalInput('yesterday')).toBeNull();
  });
});
