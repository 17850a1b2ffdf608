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
  /** A user's key for phone approval codes was made (at their first sign-in). */
  'key_issued',
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

/**
 * JSON with object keys in code-unit order at every depth (as `Array.prototype.sort` orders
 * strings, including integer-like keys), no whitespace, and JSON's own rules otherwise: `undefined`
 * and functions are left out of objects and become `null` in arrays, `toJSON` is honoured. A
 * verifier in any language can reproduce it byte for byte. Written out rather than through a
 * `JSON.stringify` replacer: it runs twice for every mutation a server applies.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return serialise(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((v) => serialise(v) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(record).sort()) {
        const v = serialise(record[k]);
        if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not JSON');
    default:
      return undefined;
  }
}
