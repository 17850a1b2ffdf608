import { type AuditEvent } from '../../../shared/index.ts';

// The server's copy of `canonicalJson` and `auditHashInput` from shared/domain/audit.ts: the same
// bytes (canonical-json.test.ts compares them on every shape JSON can carry and more), written
// for the push path, which serialises every mutation twice. One string is built as it goes, with
// no array per object or per list, keys that already arrive in order are not sorted again, and a
// string that needs no escape is quoted without a call into JSON.stringify.

/** What JSON.stringify would escape in a string (surrogates: it escapes the lone ones). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Quoted keys: a push repeats the same few dozen field names thousands of times. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 2_000;

/** Byte for byte `canonicalJson` of shared/domain/audit.ts. */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

/** Byte for byte `auditHashInput` of shared/domain/audit.ts. */
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
    // A hole stays empty, as `map` + `join` leave it in the shared version.
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
