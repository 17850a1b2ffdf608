import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { auditActionSchema, instantSchema } from '../../../shared/index.ts';
import type { AppEnv } from '../http/env.ts';
import { parseQuery } from '../http/env.ts';
import { requireAuth, requireRole } from '../http/auth-middleware.ts';
import { auditCsv, verifyAuditTrail } from '../services/audit-trail.ts';
import { audit } from '../services/audit.ts';

/** Stored `at` values are `…T02:00:00.000Z` and compared as text: a bound must be written the same way. */
const utcInstant = instantSchema.transform((s) => new Date(s).toISOString());

export const auditQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  actorId: z.string().optional(),
  action: auditActionSchema.optional(),
  entityId: z.string().optional(),
  from: utcInstant.optional(),
  to: utcInstant.optional(),
});

/** Check-back and enquiry: search, export and verify the trail. Managers and auditors only. */
export const auditRoutes = new Hono<AppEnv>()
  .use('/audit', requireAuth, requireRole('manager', 'auditor'))
  .use('/audit/*', requireAuth, requireRole('manager', 'auditor'))
  .get('/audit', async (c) => {
    const q = parseQuery(c, auditQuerySchema);
    const events = await c.var.services.store.readAudit({
      limit: q.limit,
      ...(q.afterSeq !== undefined && { afterSeq: q.afterSeq }),
      ...(q.actorId !== undefined && { actorId: q.actorId }),
      ...(q.action !== undefined && { action: q.action }),
      ...(q.entityId !== undefined && { entityId: q.entityId }),
      ...(q.from !== undefined && { fromAt: q.from }),
      ...(q.to !== undefined && { toAt: q.to }),
    });
    return c.json({ events });
  })
  .get('/audit/verify', async (c) => c.json(await verifyAuditTrail(c.var.services.store)))
  .get('/audit/export.csv', async (c) => {
    const q = parseQuery(c, auditQuerySchema.omit({ afterSeq: true, limit: true }));
    const { store, clock } = c.var.services;
    const p = c.var.principal;
    await audit(store, clock, {
      action: 'export',
      actorId: p.user.id,
      deviceId: p.session.deviceId,
      entityKind: 'audit_trail',
      detail: { ...q },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="audit-trail.csv"');
    return stream(c, async (s) => {
      for await (const chunk of auditCsv(store, {
        ...(q.actorId !== undefined && { actorId: q.actorId }),
        ...(q.action !== undefined && { action: q.action }),
        ...(q.entityId !== undefined && { entityId: q.entityId }),
        ...(q.from !== undefined && { fromAt: q.from }),
        ...(q.to !== undefined && { toAt: q.to }),
      })) {
        await s.write(chunk);
      }
    });
  });
