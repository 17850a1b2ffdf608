import { Hono } from 'hono';
import { z } from 'zod';
import { ERROR_CODES, isStorableText, loginRequestSchema } from '../../../shared/index.ts';
import { AppError } from '../http/app-error.ts';
import type { AppEnv } from '../http/env.ts';
import { clientAddress, parseBody, parseQuery } from '../http/env.ts';
import { requireAuth } from '../http/auth-middleware.ts';

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const body = await parseBody(c, loginRequestSchema);
    // Stored in a text column, which cannot hold U+0000 or half an emoji as sent (SY21).
    if (typeof body.deviceName === 'string' && !isStorableText(body.deviceName)) {
      throw new AppError(
        400,
        ERROR_CODES.validation,
        'deviceName: must not contain a NUL character or half of an emoji',
        'deviceName',
      );
    }
    const { auth, config } = c.var.services;
    return c.json(await auth.login(body, clientAddress(c, config.trustProxyHops)));
  })
  .post('/auth/logout', requireAuth, async (c) => {
    await c.var.services.auth.logout(c.var.principal);
    return c.body(null, 204);
  })
  .get('/auth/me', requireAuth, (c) =>
    c.json({ user: c.var.principal.user, sessionId: c.var.principal.session.id }),
  )
  .get('/sessions', requireAuth, async (c) => {
    const { userId } = parseQuery(c, z.object({ userId: z.string().optional() }));
    return c.json({
      sessions: await c.var.services.auth.listSessions(
        c.var.principal,
        userId ?? c.var.principal.user.id,
      ),
    });
  })
  .post('/sessions/:id/revoke', requireAuth, async (c) => {
    return c.json({
      session: await c.var.services.auth.revoke(c.var.principal, c.req.param('id')),
    });
  });
