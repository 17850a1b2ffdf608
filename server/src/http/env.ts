import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Principal } from '../services/auth.ts';
import type { Services } from '../services/index.ts';
import { AppError, validationError } from './app-error.ts';
import { ERROR_CODES } from '../../../shared/index.ts';

export interface AppEnv {
  Variables: { services: Services; principal: Principal };
}

export type AppContext = Context<AppEnv>;

/** The request body, checked against a shared schema; errors name the field. */
export async function parseBody<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<z.infer<S>> {
  const text = await bodyText(c);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(400, ERROR_CODES.validation, 'body: is not valid JSON', 'body');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const gunzipAsync = promisify(gunzip);

/**
 * The body as text. Devices gzip large pushes (a field link's upstream is the bottleneck); the
 * size limit then applies to what the body inflates to, so a small bomb cannot become a big one.
 */
async function bodyText(c: AppContext): Promise<string> {
  const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return c.req.text();
  if (encoding !== 'gzip') {
    throw new AppError(
      415,
      ERROR_CODES.validation,
      `body: encoding "${encoding}" is not supported; use gzip`,
      'body',
    );
  }
  const limit = c.var.services.config.bodyLimitBytes;
  try {
    const inflated = await gunzipAsync(Buffer.from(await c.req.arrayBuffer()), {
      maxOutputLength: limit,
    });
    return inflated.toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError(
        413,
        ERROR_CODES.payloadTooLarge,
        `body: inflates to more than ${limit} bytes`,
        'body',
      );
    }
    throw new AppError(400, ERROR_CODES.validation, 'body: is not valid gzip', 'body');
  }
}

export function parseQuery<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  const query = c.req.query();
  // PostgreSQL text cannot hold U+0000; refused here, a filter holding one would be a 500.
  const withNul = Object.keys(query).find((k) => query[k]?.includes('\u0000'));
  if (withNul !== undefined)
    throw new AppError(
      400,
      ERROR_CODES.validation,
      `${withNul}: must not contain a NUL character`,
      withNul,
    );
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * The client's address, for sign-in throttling. With `trustProxyHops` proxies in front, the
 * address the outermost trusted proxy saw: `X-Forwarded-For` entry number `hops` from the right
 * (each proxy appends the address it received the request from; entries further left are the
 * client's to invent). Without trusted proxies the header is ignored and the peer address counts.
 */
export function clientAddress(c: AppContext, trustProxyHops: number): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustProxyHops === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  // Fewer entries than trusted proxies: the request skipped one, so nothing in it is trusted.
  return forwarded[forwarded.length - trustProxyHops] ?? peer;
}
