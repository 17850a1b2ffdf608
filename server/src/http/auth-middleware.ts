import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { errors } from './app-error.ts';
import type { Role } from '../../../shared/index.ts';

/** Requires a valid bearer session; puts the principal on the context. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  c.set('principal', await c.var.services.auth.authenticate(token));
  await next();
});

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.var.principal.user;
    if (!roles.includes(role)) throw errors.forbidden(`This needs the ${roles.join(' or ')} role`);
    await next();
  });
}
