import { Hono } from 'hono';
import { pullQuerySchema, pushRequestSchema } from '../../../shared/index.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody, parseQuery } from '../http/env.ts';
import { requireAuth } from '../http/auth-middleware.ts';
import { push } from '../services/sync/push.ts';
import { pull } from '../services/sync/pull.ts';

export const syncRoutes = new Hono<AppEnv>()
  .use('/sync/*', requireAuth)
  .post('/sync/push', async (c) => {
    const body = await parseBody(c, pushRequestSchema);
    const { store, clock } = c.var.services;
    return c.json(await push(store, clock, c.var.principal, body));
  })
  .get('/sync/pull', async (c) => {
    const q = parseQuery(c, pullQuerySchema);
    const { store, clock } = c.var.services;
    return c.json(await pull(store, clock, c.var.principal, q.cursor, q.limit));
  });
