import { z } from 'zod';
import {
  ERROR_CODES,
  loginResponseSchema,
  phoneCodeIssueResponseSchema,
  PHOTO_SHA256_HEADER,
  photoReceiptSchema,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  watchResponseSchema,
  type ErrorCode,
  type LoginRequest,
  type LoginResponse,
  type PhoneCodeIssueRequest,
  type PhoneCodeIssueResponse,
  type PhotoReceipt,
  type PullResponse,
  type PushResponse,
  type WatchResponse,
  type WireMutation,
} from '../../../shared/index.ts';
import { ApiError } from './api-error.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin of the server, e.g. `https://playbook.example.hk`; empty for same-origin. */
  readonly baseUrl?: string;
  /** Injected for tests and fault injection; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /** Abort a request that has no complete answer after this long. */
  readonly timeoutMs?: number;
  /** Gzip large request bodies (the app does; tests that read bodies on the wire leave it off). */
  readonly gzipRequests?: boolean;
}

/** The server's HTTP API, every answer validated with the shared schemas. Throws only ApiError. */
export interface ApiClient {
  login(request: LoginRequest): Promise<LoginResponse>;
  logout(token: string): Promise<void>;
  push(token: string, mutations: readonly WireMutation[]): Promise<PushResponse>;
  pull(token: string, cursor: string | null, limit?: number): Promise<PullResponse>;
  /**
   * Held by the server until a pull from `cursor` would return something or `waitSeconds` pass
   * (docs/sync.md SY18). `signal` cancels it (an ApiError `network`). Optional so that stand-ins
   * without it still type-check; the engine then simply does not watch.
   */
  watch?(
    token: string,
    cursor: string,
    waitSeconds: number,
    signal?: AbortSignal,
  ): Promise<WatchResponse>;
  /** A supervisor, online, gives an approval code by phone (docs/approvals.md AP13). */
  issuePhoneCode(token: string, request: PhoneCodeIssueRequest): Promise<PhoneCodeIssueResponse>;
  /** Sends one photo's bytes under its id; safe to repeat (docs/sync.md SY20). */
  uploadPhoto(token: string, photo: PhotoUpload): Promise<PhotoReceipt>;
  /** A photo's bytes, for someone who may see it; `not_found` until it has been received. */
  fetchPhoto(token: string, id: string): Promise<Blob>;
}

export interface PhotoUpload {
  readonly id: string;
  readonly blob: Blob;
  readonly contentType: string;
  readonly sha256: string;
}

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));

interface Call<T> {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  readonly schema: z.ZodType<T> | null;
  /** Overrides the client's timeout (a long poll needs longer). */
  readonly timeoutMs?: number;
  /** The caller's cancel. */
  readonly signal?: AbortSignal;
  /** Bytes sent as they are (a photo), with the headers that describe them. */
  readonly raw?: { readonly content: Blob; readonly headers: Record<string, string> };
  /** The answer is bytes (`schema` null): resolve with them as a Blob. */
  readonly isBinary?: boolean;
}

/** Bodies smaller than this go as they are: gzip's header and the CPU are not worth it. */
const GZIP_FROM_BYTES = 1024;

/**
 * JSON bodies, gzipped when large and the browser can (CompressionStream). On a field link the
 * upstream is the narrowest pipe, and a push repeats the same keys in every mutation: it
 * compresses well.
 */
async function encodeBody(json: string): Promise<{ content: BodyInit; encoding?: 'gzip' }> {
  if (json.length < GZIP_FROM_BYTES || typeof CompressionStream === 'undefined')
    return { content: json };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return { content: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const gzip = options.gzipRequests ?? false;

  async function call<T>(c: Call<T>): Promise<T> {
    const controller = new AbortController();
    const callTimeoutMs = c.timeoutMs ?? timeoutMs;
    const timer = setTimeout(() => controller.abort(), callTimeoutMs);
    const cancel = () => controller.abort();
    c.signal?.addEventListener('abort', cancel);
    if (c.signal?.aborted) cancel();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    if (c.raw) Object.assign(headers, c.raw.headers);
    let res: Response;
    let text = '';
    let blob: Blob | undefined;
    try {
      const json = c.body === undefined ? undefined : JSON.stringify(c.body);
      const body = c.raw
        ? { content: c.raw.content }
        : json === undefined
          ? undefined
          : gzip
            ? await encodeBody(json)
            : { content: json };
      if (body?.encoding) headers['content-encoding'] = body.encoding;
      res = await fetchImpl(`${baseUrl}${c.path}`, {
        method: c.method,
        headers,
        signal: controller.signal,
        ...(body ? { body: body.content } : {}),
      });
      // Read under the same timeout: a body that stalls is as lost as a request that does.
      if (c.isBinary && res.ok) blob = await res.blob();
      else text = await res.text();
    } catch (err) {
      if (c.signal?.aborted) throw new ApiError(null, 'network', 'Cancelled by the app');
      if (controller.signal.aborted)
        throw new ApiError(null, 'timeout', `No answer from the server in ${callTimeoutMs} ms`);
      throw new ApiError(
        null,
        'network',
        `Could not reach the server (${err instanceof Error ? err.message : String(err)})`,
      );
    } finally {
      clearTimeout(timer);
      c.signal?.removeEventListener('abort', cancel);
    }
    if (!res.ok) throw errorFrom(res, text);
    if (blob) return blob as T;
    if (c.schema === null) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, 'bad_response', `${c.path}: the answer is not JSON`);
    }
    const parsed = c.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.map(String).join('.') ?? '';
      throw new ApiError(
        res.status,
        'bad_response',
        `${c.path}: unexpected answer at "${where}": ${issue?.message ?? 'invalid'}`,
        where,
      );
    }
    return parsed.data;
  }

  return {
    login: (request) =>
      call({ method: 'POST', path: '/api/auth/login', body: request, schema: loginResponseSchema }),
    logout: (token) => call({ method: 'POST', path: '/api/auth/logout', token, schema: null }),
    push: (token, mutations) =>
      call({
        method: 'POST',
        path: '/api/sync/push',
        token,
        body: { protocolVersion: PROTOCOL_VERSION, mutations },
        schema: pushResponseSchema,
      }),
    issuePhoneCode: (token, request) =>
      call({
        method: 'POST',
        path: '/api/approvals/phone-code',
        token,
        body: request,
        schema: phoneCodeIssueResponseSchema,
      }),
    uploadPhoto: (token, photo) =>
      call({
        method: 'PUT',
        path: `/api/photos/${encodeURIComponent(photo.id)}`,
        token,
        raw: {
          content: photo.blob,
          headers: { 'content-type': photo.contentType, [PHOTO_SHA256_HEADER]: photo.sha256 },
        },
        schema: photoReceiptSchema,
      }),
    fetchPhoto: (token, id) =>
      call<Blob>({
        method: 'GET',
        path: `/api/photos/${encodeURIComponent(id)}`,
        token,
        schema: null,
        isBinary: true,
      }),
    watch: (token, cursor, waitSeconds, signal) =>
      call({
        method: 'GET',
        path: `/api/sync/watch?${new URLSearchParams({ cursor, waitSeconds: String(waitSeconds) })}`,
        token,
        schema: watchResponseSchema,
        // The server answers within waitSeconds; past that plus a margin the link is lost.
        timeoutMs: (waitSeconds + 15) * 1000,
        ...(signal ? { signal } : {}),
      }),
    pull: async (token, cursor, limit) => {
      const q = new URLSearchParams();
      if (cursor !== null) q.set('cursor', cursor);
      if (limit !== undefined) q.set('limit', String(limit));
      const query = q.toString() === '' ? '' : `?${q}`;
      // The union over document kinds is typed loosely by zod; each change was checked against its kind.
      return (await call({
        method: 'GET',
        path: `/api/sync/pull${query}`,
        token,
        schema: pullResponseSchema,
      })) as unknown as PullResponse;
    },
  };
}

function errorFrom(res: Response, text: string): ApiError {
  let body: z.infer<typeof errorBodySchema> | undefined;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON (a proxy's error page): fall through with a code from the status.
  }
  const fallback: ErrorCode | 'bad_response' = res.status >= 500 ? 'internal' : 'bad_response';
  const code = body && KNOWN_CODES.has(body.error.code) ? (body.error.code as ErrorCode) : fallback;
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    code,
    body?.error.message ?? `HTTP ${res.status}`,
    body?.error.field,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}
