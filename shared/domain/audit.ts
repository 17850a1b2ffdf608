import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'session_revoked',
  'create',
  'update',
  'approve',
  'reject',
  'escalate',
  'expire',
  'withdraw',
  'publish',
  'acknowledge',
  'review',
  'sync_batch',
  'limit_exception',
  'export',
  'seed',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** One entry of the append-only, hash-chained trail. */
export const auditEventSchema = z.object({
  seq: z.number().int().positive(),
  id: idSchema,
  at: instantSchema,
  deviceAt: instantSchema.nullable(),
  actorId: idSchema.nullable(),
  deviceId: z.string().nullable(),
  action: auditActionSchema,
  entityKind: z.string().nullable(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The first entry's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The exact text that is hashed for an entry: every field but `hash`, in a fixed order, with
 * object keys sorted, so that the server and any verifier agree byte for byte.
 */
export function auditHashInput(e: Omit<AuditEvent, 'hash'>): string {
  return canonicalJson([
    e.seq,
    e.id,
    e.at,
    e.deviceAt,
    e.actorId,
    e.deviceId,
    e.action,
    e.entityKind,
    e.entityId,
    e.detail,
    e.prevHash,
  ]);
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      // No prototype: on a plain object, assigning a "__proto__" key (which JSON.parse can produce)
      // would set the prototype and drop the key from the hashed text.
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
