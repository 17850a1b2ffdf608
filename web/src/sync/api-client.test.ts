import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, uuidv7 } from '../../../shared/index.ts';
import { createApiClient, type FetchLike } from './api-client.ts';
import { ApiError } from './api-error.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const error = (status: number, code: string, field?: string) =>
  json(status, { error: { code, message: `${code}!`, ...(field ? { field } : {}) } });

function client(answer: FetchLike, timeoutMs = 1_000) {
  return createApiClient({ baseUrl: 'https://playbook.test/', fetch: answer, timeoutMs });
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as ApiError,
  );

describe('the API client', () => {
  it('sends the bearer token and the protocol version, and returns the validated answer', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const id = uuidv7();
    const api = client(async (url, init) => {
      seen = { url, init };
      return json(200, {
        results: [{ id, status: 'applied' }],
        serverTime: '2026-11-23T02:00:00.000Z',
      });
    });
    const res = await api.push('tok', [
      { id, name: 'feedback.send', clientTime: '2026-11-23T02:00:00.000Z', args: {} },
    ]);
    expect(res.results).toEqual([{ id, status: 'applied' }]);
    expect(seen?.url).toBe('https://playbook.test/api/sync/push');
    expect(new Headers(seen?.init.headers).get('authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(seen?.init.body))).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
    });
  });

  it('refuses an answer that does not match the shared schema, naming where', async () => {
    const api = client(async () =>
      json(200, {
        changes: [{ kind: 'secret', id: 'x', deleted: false, data: {} }],
        cursor: '0.0',
        hasMore: false,
        serverTime: '2026-11-23T02:00:00.000Z',
      }),
    );
    const e = await failure(api.pull('tok', null));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'bad_response', status: 200 });
    expect(e.field).toMatch(/^changes\.0/);
  });

  it('[SY16] maps a revoked, expired or unknown session to needsSignIn; a wrong password is not that', async () => {
    for (const code of ['session_revoked', 'session_expired', 'unauthenticated']) {
      const e = await failure(client(async () => error(401, code)).pull('tok', null));
      expect(e).toMatchObject({ status: 401, code, needsSignIn: true, isRetryable: false });
    }
    const wrong = await failure(
      client(async () => error(401, 'bad_credentials', 'password')).login({
        username: 'frontline.chan',
        password: 'x',
        deviceId: 'web-device-1',
      }),
    );
    expect(wrong).toMatchObject({ code: 'bad_credentials', field: 'password', needsSignIn: false });
  });

  it('[SY8] a 5xx (even a proxy page that is not JSON) or a lost connection is retryable; a 429 says when', async () => {
    const proxy = await failure(
      client(async () => new Response('<html>Bad gateway</html>', { status: 502 })).pull(
        'tok',
        null,
      ),
    );
    expect(proxy).toMatchObject({ status: 502, code: 'internal', isRetryable: true });
    const lost = await failure(
      client(async () => {
        throw new TypeError('fetch failed');
      }).pull('tok', null),
    );
    expect(lost).toMatchObject({
      status: null,
      code: 'network',
      isRetryable: true,
      isTransport: true,
    });
    const busy = await failure(
      client(async () => error(429, 'too_many_attempts', undefined)).pull('tok', null),
    );
    expect(busy).toMatchObject({ code: 'too_many_attempts', retryAfterMs: undefined });
    const locked = await failure(
      client(async () =>
        json(
          429,
          { error: { code: 'too_many_attempts', message: 'wait' } },
          { 'retry-after': '30' },
        ),
      ).pull('tok', null),
    );
    expect(locked.retryAfterMs).toBe(30_000);
  });

  it('aborts a request that gets no answer in time', async () => {
    let wasAborted = false;
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => {
          wasAborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    const started = Date.now();
    const e = await failure(client(hang, 30).pull('tok', '5.1'));
    expect(e).toMatchObject({ code: 'timeout', status: null, isRetryable: true });
    expect(wasAborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gzips a large push when asked to, and the body inflates to the same JSON', async () => {
    let sent: { encoding: string | null; text: string } | undefined;
    const api = createApiClient({
      baseUrl: 'https://playbook.test',
      gzipRequests: true,
      fetch: async (_url, init) => {
        const headers = new Headers(init.headers);
        const raw = new Response(init.body as BodyInit).body;
        const inflated = raw?.pipeThrough(new DecompressionStream('gzip'));
        sent = {
          encoding: headers.get('content-encoding'),
          text: await new Response(inflated).text(),
        };
        return json(200, { results: [], serverTime: new Date().toISOString() });
      },
    });
    const mutations = Array.from({ length: 20 }, () => ({
      id: uuidv7(),
      name: 'feedback.send',
      clientTime: new Date().toISOString(),
      args: { note: 'x'.repeat(100) },
    }));
    await api.push('token', mutations);
    expect(sent?.encoding).toBe('gzip');
    expect(JSON.parse(sent?.text ?? '')).toEqual({ protocolVersion: PROTOCOL_VERSION, mutations });
  });
});
