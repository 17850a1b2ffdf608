export interface BackoffOptions {
  readonly baseMs?: number;
  readonly maxMs?: number;
  /** Uniform in [0, 1); injected so tests are exact. */
  readonly random?: () => number;
}

export interface Backoff {
  /** Counts a failure and returns how long to wait before the next attempt. */
  next(): number;
  reset(): void;
  readonly failures: number;
}

/**
 * Exponential back-off with jitter: 2 s doubling to 5 min, each delay spread ±50% so that a
 * thousand phones coming back online after an outage do not all retry in the same second.
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const baseMs = options.baseMs ?? 2_000;
  const maxMs = options.maxMs ?? 300_000;
  const random = options.random ?? Math.random;
  let failures = 0;
  return {
    next() {
      failures++;
      const delay = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
      return Math.round(delay * (0.5 + random()));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
