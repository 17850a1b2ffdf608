// A fault-injecting network edge for tests: the only thing mocked is the wire between a client and
// the real server app. Randomness is seeded so a failing run replays exactly.

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A small seeded PRNG (mulberry32): deterministic, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What a client sees when the connection fails. Like undici's `fetch failed`, it tells the client
 * nothing about whether the server got the request; `stage` is for the test's bookkeeping only.
 */
export class NetworkFault extends TypeError {
  constructor(
    readonly stage: 'request' | 'response',
    /** The status the server answered before the response was lost (stage `response`). */
    readonly serverStatus?: number,
  ) {
    super('fetch failed');
    this.name = 'NetworkFault';
  }
}

export interface FaultStats {
  requests: number;
  /** Lost on the way to the server: it never saw them. */
  droppedRequests: number;
  /** Handled by the server (and committed, for a 2xx), then lost on the way back. */
  droppedResponses: number;
  delivered: number;
}

export interface FlakyFetchOptions {
  readonly seed: number;
  /** Share of requests lost before they reach the server. */
  readonly dropRequest: number;
  /** Share of the remaining requests whose response is lost after the server handled them. */
  readonly dropResponse: number;
}

export interface FlakyFetch {
  readonly fetch: Fetch;
  readonly stats: FaultStats;
}

/** Wraps `inner` (e.g. a Hono app's `fetch`) so that requests and responses are lost at random. */
export function flakyFetch(inner: Fetch, options: FlakyFetchOptions): FlakyFetch {
  const random = seededRandom(options.seed);
  const stats: FaultStats = { requests: 0, droppedRequests: 0, droppedResponses: 0, delivered: 0 };
  const fetch: Fetch = async (input, init) => {
    stats.requests++;
    // Draw both up front so each request's fate does not depend on how the others went.
    const isRequestLost = random() < options.dropRequest;
    const isResponseLost = random() < options.dropResponse;
    if (isRequestLost) {
      stats.droppedRequests++;
      throw new NetworkFault('request');
    }
    const res = await inner(input, init);
    if (isResponseLost) {
      // The server has finished (for a push: committed) before the client hears anything (SY3).
      await res.arrayBuffer();
      stats.droppedResponses++;
      throw new NetworkFault('response', res.status);
    }
    stats.delivered++;
    return res;
  };
  return { fetch, stats };
}
