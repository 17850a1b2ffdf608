import { Hono } from 'hono';
import {
  ERROR_CODES,
  pullQuerySchema,
  pushRequestSchema,
  watchQuerySchema,
} from '../../../shared/index.ts';
import { AppError } from '../http/app-error.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody, parseQuery } from '../http/env.ts';
import { requireAuth } from '../http/auth-middleware.ts';
import { push } from '../services/sync/push.ts';
import { pull } from '../services/sync/pull.ts';
import { watch } from '../services/sync/watch.ts';
import { approvalSettings } from '../services/approvals/settings.ts';
import { deviceSettingsOf } from '../config.ts';

/**
 * Feed positions are handed out as JS numbers, so a part beyond 2^53 was never given out: it would
 * come back mangled (`1e+30`) from SQLite and overflow PostgreSQL's bigint (a 500).
 */
function assertCursorInRange(cursor: string | undefined): void {
  if (cursor === undefined) return;
  if (cursor.split('.').every((part) => Number.isSafeInteger(Number(part)))) return;
  throw new AppError(
    400,
    ERROR_CODES.badCursor,
    'cursor: is not a cursor this server gave out',
    'cursor',
  );
}

export const syncRoutes = new Hono<AppEnv>()
  .use('/sync/*', requireAuth)
  .post('/sync/push', async (c) => {
    const body = await parseBody(c, pushRequestSchema);
    const { store, clock, config } = c.var.services;
    return c.json(
      await push(store, clock, c.var.principal, body, {
        approvalSettings: approvalSettings(config),
      }),
    );
  })
  .get('/sync/pull', async (c) => {
    const q = parseQuery(c, pullQuerySchema);
    assertCursorInRange(q.cursor);
    const { store, clock, config } = c.var.services;
    const page = await pull(store, clock, c.var.principal, q.cursor, q.limit);
    // SY19: the settings travel with every pull, so a change reaches devices without a sign-in.
    return c.json({ ...page, settings: deviceSettingsOf(config) });
  })
  // SY18: held until a pull from the cursor would return something, or `waitSeconds` pass.
  .get('/sync/watch', async (c) => {
    const q = parseQuery(c, watchQuerySchema);
    assertCursorInRange(q.cursor);
    const { store, feed } = c.var.services;
    return c.json(
      await watch(store, feed, c.var.principal, q.cursor, {
        waitMs: q.waitSeconds * 1000,
        signal: c.req.raw.signal,
      }),
    );
  });
