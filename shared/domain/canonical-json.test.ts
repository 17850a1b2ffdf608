import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/flaky-fetch.ts';
import { auditHashInput, canonicalJson } from './audit.ts';

// `canonicalJson` is written for speed (it runs twice for every mutation a server applies). It must
// give the bytes of the plain definition below for every value, or stored payload hashes and the
// audit chain would stop matching what a verifier computes.

/** The definition, written plainly: keys sorted at every depth, JSON's rules otherwise. */
function reference(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return reference(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((v) => reference(v) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(record).sort()) {
        const v = reference(record[k]);
        if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'bigint':
      throw new TypeError('BigInt is not JSON');
    default:
      return undefined;
  }
}
const referenceJson = (v: unknown) => reference(v) ?? 'null';

const STRINGS = [
  '',
  'plain',
  'quote " and \\ backslash',
  'new\nline\ttab\r\u0000\u001f\u007f',
  '服務補救 — 🚀 👩🏽‍🔧',
  'lone \ud800 high',
  'lone \udfff low',
  '\u2028\u2029',
  '</script>',
];
const NUMBERS = [0, -0, 1, -1, 0.1, -2.5e-7, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, NaN, Infinity];
const KEYS = ['a', 'b', 'B', '_', 'id', '10', '9', '1', '', 'é', '🚀', 'z z', '"q"', 'args'];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const r = next();
  if (depth > 3 || r < 0.35) {
    return pick<unknown>([
      null,
      true,
      false,
      undefined,
      pick(STRINGS),
      pick(NUMBERS),
      Math.floor(next() * 1e6),
    ]);
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 5) }, () => value(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) o[pick(KEYS)] = value(next, depth + 1);
  return o;
}

describe('canonical JSON', () => {
  it('gives the plain definition’s bytes for 5,000 random JSON-like values', () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const v = value(seededRandom(seed), 0);
      expect(canonicalJson(v), `seed ${seed}`).toBe(referenceJson(v));
    }
  });

  it('gives the definition’s bytes for the shapes JSON never makes: toJSON, functions, symbols, holes', () => {
    const odd: unknown[] = [
      new Date(Date.UTC(2026, 10, 23)),
      { at: new Date(0), toString: () => 'x' },
      { toJSON: () => ({ b: 1, a: [undefined, () => 1] }) },
      [undefined, () => 1, Symbol('s')],
      { f: () => 1, s: Symbol('s'), u: undefined, k: 1 },
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      { 2: 'two', 10: 'ten', a: 'a', 1: 'one' },
      undefined,
      () => 1,
    ];
    for (const v of odd) expect(canonicalJson(v)).toBe(referenceJson(v));
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('hashes an audit entry as the canonical JSON of its fields in their fixed order', () => {
    const event = {
      seq: 42,
      id: '0193a3b2-1111-7000-8000-000000000000',
      at: '2026-11-23T02:00:00.000Z',
      deviceAt: null,
      actorId: '0193a3b2-1111-7000-8000-000000000001',
      deviceId: 'device "1"',
      action: 'create' as const,
      entityKind: 'incident',
      entityId: null,
      detail: { z: [1, { y: 'é' }], a: null, m: undefined },
      prevHash: '0'.repeat(64),
    };
    expect(auditHashInput(event)).toBe(
      '[42,"0193a3b2-1111-7000-8000-000000000000","2026-11-23T02:00:00.000Z",null,' +
        '"0193a3b2-1111-7000-8000-000000000001","device \\"1\\"","create","incident",null,' +
        `{"a":null,"z":[1,{"y":"é"}]},"${'0'.repeat(64)}"]`,
    );
  });
});
