import { describe, expect, it } from 'vitest';
import { createApiClient, type FetchLike } from './api-client.ts';
import { ApiError } from './api-error.ts';

// The API client's long poll (docs/sync.md SY18): its own timeout, and a cancel from the app.

const client = (answer: FetchLike, timeoutMs = 1_000) =>
  createApiClient({ baseUrl: 'https://playbook.test', fetch: answer, timeoutMs });

/** A fetch that answers only when aborted, as a held long poll does. */
const held: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

describe('api.watch', () => {
  it('[SY18] asks with the cursor and the wait, and returns the validated answer', async () => {
    let url = '';
    const api = client(async (u) => {
      url = u;
      return Response.json({ changed: true });
    });
    expect(await api.watch?.('tok', '12.34', 25)).toEqual({ changed: true });
    expect(url).toBe('https://playbook.test/api/sync/watch?cursor=12.34&waitSeconds=25');
  });

  it('[SY18] outlives the client-wide timeout, which would cut every held poll short', async () => {
    const api = client(held, 50);
    const app = new AbortController();
    const pending = api.watch?.('tok', '0.0', 0, app.signal);
    // waitSeconds 0 still allows the 15 s margin: not aborted at the client's 50 ms.
    const early = await Promise.race([
      pending?.catch((err: unknown) => err),
      new Promise((resolve) => setTimeout(() => resolve('open'), 200)),
    ]);
    expect(early).toBe('open');
    app.abort();
    await pending?.catch(() => undefined);
  });

  it('[SY18] a cancel from the app is a network failure, not a timeout', async () => {
    const api = client(held);
    const app = new AbortController();
    const pending = api.watch?.('tok', '0.0', 25, app.signal);
    app.abort();
    const e = await pending?.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'network', status: null });
  });
});
