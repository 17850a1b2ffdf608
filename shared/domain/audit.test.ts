import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  auditEventSchema,
  auditHashInput,
  canonicalJson,
  GENESIS_HASH,
  type AuditEvent,
} from './audit.ts';

/** A deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).reverse()) {
      Object.defineProperty(out, k, {
        value: reverseKeys((value as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts object keys', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts keys at every depth, including objects inside arrays', () => {
    const a = { z: { y: 1, x: [{ q: 1, p: 2 }] }, m: null };
    const b = { m: null, z: { x: [{ p: 2, q: 1 }], y: 1 } };
    expect(canonicalJson(a)).toBe('{"m":null,"z":{"x":[{"p":2,"q":1}],"y":1}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([{ a: 1 }, { b: 1 }])).not.toBe(canonicalJson([{ b: 1 }, { a: 1 }]));
  });

  it('serialises primitives as JSON does', () => {
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(42)).toBe('42');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
  });

  it('keeps a "__proto__" key (from parsed JSON) instead of silently dropping it', () => {
    const withProto = JSON.parse('{"__proto__":{"role":"manager"},"a":1}') as unknown;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"role":"manager"},"a":1}');
    expect(canonicalJson(withProto)).not.toBe(canonicalJson({ a: 1 }));
  });

  it('integer-like keys sort as strings like every other key, independent of input order', () => {
    expect(canonicalJson({ b: 1, '10': 2, '2': 3 })).toBe('{"10":2,"2":3,"b":1}');
    expect(canonicalJson({ '2': 3, b: 1, '10': 2 })).toBe(canonicalJson({ b: 1, '10': 2, '2': 3 }));
  });

  it('property: independent of key order at every depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('property: loses nothing — parsing it back gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('auditHashInput', () => {
  const base: Omit<AuditEvent, 'hash'> = {
    seq: 7,
    id: '019cfeab-d500-7000-8000-000000000007',
    at: '2026-03-18T02:00:00.000Z',
    deviceAt: '2026-03-18T01:59:58.000Z',
    actorId: '019cfeab-d500-7000-8000-0000000000a1',
    deviceId: 'device-abc-123',
    action: 'approve',
    entityKind: 'approval_request',
    entityId: '019cfeab-d500-7000-8000-0000000000e1',
    detail: { amount: { amount: 50_000, currency: 'HKD' }, reason: 'long outage' },
    prevHash: GENESIS_HASH,
  };

  const variants: [string, Partial<Omit<AuditEvent, 'hash'>>][] = [
    ['seq', { seq: 8 }],
    ['id', { id: '019cfeab-d500-7000-8000-000000000008' }],
    ['at', { at: '2026-03-18T02:00:00.001Z' }],
    ['deviceAt', { deviceAt: null }],
    ['actorId', { actorId: null }],
    ['deviceId', { deviceId: 'device-abc-124' }],
    ['action', { action: 'reject' }],
    ['entityKind', { entityKind: 'recovery' }],
    ['entityId', { entityId: null }],
    [
      'detail (nested value)',
      { detail: { amount: { amount: 50_001, currency: 'HKD' }, reason: 'long outage' } },
    ],
    ['detail (extra key)', { detail: { ...base.detail, note: '' } }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
  ];

  it.each(variants)('changes when %s changes', (_field, change) => {
    expect(auditHashInput({ ...base, ...change })).not.toBe(auditHashInput(base));
  });

  it('does not change with the key order of the detail or of the event object', () => {
    const reordered = reverseKeys(base) as Omit<AuditEvent, 'hash'>;
    expect(auditHashInput(reordered)).toBe(auditHashInput(base));
  });

  it('ignores the entry’s own hash', () => {
    expect(auditHashInput({ ...base, hash: 'a'.repeat(64) } as AuditEvent)).toBe(
      auditHashInput(base),
    );
  });

  it('does not confuse a null field with the text "null"', () => {
    expect(auditHashInput({ ...base, deviceId: 'null' })).not.toBe(
      auditHashInput({ ...base, deviceId: null }),
    );
  });

  it('fields cannot run into each other (moving text between neighbours changes the input)', () => {
    const a = auditHashInput({ ...base, entityKind: 'ab', entityId: 'c' });
    const b = auditHashInput({ ...base, entityKind: 'a', entityId: 'bc' });
    expect(a).not.toBe(b);
  });

  it('the fixture is a valid audit event once hashed', () => {
    expect(auditEventSchema.safeParse({ ...base, hash: '0'.repeat(64) }).success).toBe(true);
  });
});
