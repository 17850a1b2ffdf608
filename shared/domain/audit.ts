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
 * verifier in any language can reproduce it byte for byte.
 *
 * It runs twice for every mutation a server applies, so it builds one string as it goes (no array
 * per object or list), does not sort keys that already arrive in order, and quotes a string that
 * needs no escape without calling JSON.stringify. `canonical-json.test.ts` checks it against a
 * plain reference on every shape JSON can carry.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

/** What JSON.stringify would escape in a string (surrogates: it escapes the lone ones). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Quoted keys: a push repeats the same few dozen field names thousands of times. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 2_000;

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return serialise(withJson.toJSON());
      if (Array.isArray(value)) return serialiseArray(value);
      return serialiseObject(value as Record<string, unknown>);
    }
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not JSON');
    default:
      return undefined;
  }
}

function serialiseArray(list: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    // A hole stays empty, as `Array.prototype.join` leaves it.
    if (i in list) out += serialise(list[i]) ?? 'null';
  }
  return `${out}]`;
}

function serialiseObject(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let isFirst = true;
  for (const k of keys) {
    const v = serialise(record[k]);
    if (v === undefined) continue;
    out += isFirst ? `${quote(k)}:${v}` : `,${quote(k)}:${v}`;
    isFirst = false;
  }
  return `${out}}`;
}

function quote(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}
