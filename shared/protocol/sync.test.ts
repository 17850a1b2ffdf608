import { describe, expect, it } from 'vitest';
import {
  cursorSchema,
  mutationResultSchema,
  pullQuerySchema,
  pushRequestSchema,
  syncChangeSchema,
  wireMutationSchema,
} from './sync.ts';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, PROTOCOL_VERSION } from './version.ts';

function wire(i: number) {
  return {
    id: `019cfeab-d500-7000-8000-${String(i).padStart(12, '0')}`,
    name: 'recovery.record',
    clientTime: '2026-03-18T02:00:00.000Z',
    args: { anything: 'goes here; args are checked one by one later' },
  };
}

const batch = (n: number) => ({
  protocolVersion: PROTOCOL_VERSION,
  mutations: Array.from({ length: n }, (_, i) => wire(i)),
});

describe('pushRequestSchema', () => {
  it(`accepts a batch of exactly MAX_PUSH_BATCH (${MAX_PUSH_BATCH}) mutations`, () => {
    expect(pushRequestSchema.safeParse(batch(MAX_PUSH_BATCH)).success).toBe(true);
  });

  it('refuses one mutation more than MAX_PUSH_BATCH, naming mutations', () => {
    const result = pushRequestSchema.safeParse(batch(MAX_PUSH_BATCH + 1));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['mutations']);
  });

  it('refuses an empty batch', () => {
    expect(pushRequestSchema.safeParse(batch(0)).success).toBe(false);
  });

  it('refuses a missing or fractional protocol version', () => {
    expect(pushRequestSchema.safeParse({ mutations: [wire(1)] }).success).toBe(false);
    expect(
      pushRequestSchema.safeParse({ protocolVersion: 1.5, mutations: [wire(1)] }).success,
    ).toBe(false);
  });

  it('[SY6] checks only the envelope: unknown names and bad args pass to be rejected one by one', () => {
    const odd = { ...wire(1), name: 'no.such.mutation', args: 42 };
    expect(pushRequestSchema.safeParse({ protocolVersion: 1, mutations: [odd] }).success).toBe(
      true,
    );
  });

  it('refuses a bad envelope, naming the mutation and field', () => {
    const result = pushRequestSchema.safeParse({
      protocolVersion: 1,
      mutations: [wire(1), { ...wire(2), id: 'X' }],
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['mutations.1.id']);
  });

  it('wireMutationSchema refuses an empty or over-long name', () => {
    expect(wireMutationSchema.safeParse({ ...wire(1), name: '' }).success).toBe(false);
    expect(wireMutationSchema.safeParse({ ...wire(1), name: 'x'.repeat(65) }).success).toBe(false);
    expect(wireMutationSchema.safeParse({ ...wire(1), name: 'x'.repeat(64) }).success).toBe(true);
  });
});

describe('cursorSchema', () => {
  it.each(['0.0', '1.2', '1711111111111.42', `${'1'.repeat(32)}.${'2'.repeat(31)}`])(
    'accepts %s',
    (c) => {
      expect(cursorSchema.safeParse(c).success).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['no dot', '12'],
    ['two dots', '1.2.3'],
    ['negative', '-1.0'],
    ['letters', 'abc.def'],
    ['spaces', ' 1.2'],
    ['trailing newline', '1.2\n'],
    ['over 64 characters', `${'1'.repeat(32)}.${'2'.repeat(32)}`],
  ])('refuses %s', (_label, c) => {
    expect(cursorSchema.safeParse(c).success).toBe(false);
  });
});

describe('pullQuerySchema', () => {
  it('takes the limit from a query string and bounds it', () => {
    expect(pullQuerySchema.parse({ cursor: '5.1', limit: '50' })).toEqual({
      cursor: '5.1',
      limit: 50,
    });
    expect(pullQuerySchema.parse({})).toEqual({});
    expect(pullQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ limit: String(MAX_PULL_PAGE + 1) }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ limit: '2.5' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ cursor: 'nope' }).success).toBe(false);
  });
});

describe('syncChangeSchema and mutationResultSchema', () => {
  it('a deletion carries no data', () => {
    expect(
      syncChangeSchema.safeParse({ kind: 'tactic', id: 't1', deleted: true, data: null }).success,
    ).toBe(true);
  });

  it('refuses an unknown kind and data of the wrong shape', () => {
    expect(
      syncChangeSchema.safeParse({ kind: 'secret', id: 'x', deleted: true, data: null }).success,
    ).toBe(false);
    expect(
      syncChangeSchema.safeParse({ kind: 'tactic', id: 't1', deleted: false, data: { title: 'x' } })
        .success,
    ).toBe(false);
  });

  it('a duplicate answers the original outcome; a rejection carries a stable code', () => {
    const id = wire(1).id;
    expect(
      mutationResultSchema.safeParse({ id, status: 'duplicate', original: { status: 'applied' } })
        .success,
    ).toBe(true);
    expect(
      mutationResultSchema.safeParse({
        id,
        status: 'rejected',
        code: 'validation',
        message: 'bad',
        field: 'amount.amount',
      }).success,
    ).toBe(true);
    expect(
      mutationResultSchema.safeParse({ id, status: 'rejected', code: 'internal', message: 'boom' })
        .success,
    ).toBe(false);
  });
});
