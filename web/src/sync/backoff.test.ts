import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('back-off', () => {
  it('doubles from 2 s to a 5 min ceiling, at the middle of the jitter', () => {
    const b = createBackoff({ random: () => 0.5 });
    const delays = Array.from({ length: 10 }, () => b.next());
    expect(delays).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('spreads each delay by ±50%', () => {
    expect(createBackoff({ random: () => 0 }).next()).toBe(1_000);
    expect(createBackoff({ random: () => 0.999_999 }).next()).toBe(3_000);
    const seeded = createBackoff({ random: Math.random });
    for (let i = 0; i < 20; i++) {
      const d = seeded.next();
      const base = Math.min(300_000, 2_000 * 2 ** i);
      expect(d).toBeGreaterThanOrEqual(base * 0.5);
      expect(d).toBeLessThanOrEqual(base * 1.5);
    }
  });

  it('starts again from 2 s after a success', () => {
    const b = createBackoff({ random: () => 0.5 });
    b.next();
    b.next();
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(2_000);
  });
});
