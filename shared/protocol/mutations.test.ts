import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, mutationArgsSchemas, mutationSchema } from './mutations.ts';

const RECOVERY_ID = '019cfeab-d500-7000-8000-000000000101';

type RecoveryMutation = ReturnType<typeof validRecoveryMutation>;

function validRecoveryMutation() {
  return {
    id: '019cfeab-d500-7000-8000-000000000001',
    clientTime: '2026-03-18T02:00:00.000Z',
    name: 'recovery.record',
    args: {
      id: RECOVERY_ID,
      incidentId: null,
      customerRef: 'ACC-00012345',
      compensationType: 'bill_credit',
      amount: { amount: 25_000, currency: 'HKD' },
      scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_east' },
      reason: 'Technician missed two appointments',
      occurredAt: '2026-03-18T01:30:00.000Z',
      deviceDecision: {
        outcome: 'within_limit',
        ruleId: '019cfeab-d500-7000-8000-000000000201',
        reasons: [],
        limitsVersion: 3,
        limitsAgeMs: 3_600_000,
      },
      satisfaction: 4,
    },
  };
}

function issuePaths(value: unknown): string[] {
  const result = mutationSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('mutationSchema: recovery.record', () => {
  it('accepts a valid recovery', () => {
    const parsed = mutationSchema.parse(validRecoveryMutation());
    expect(parsed.name).toBe('recovery.record');
    if (parsed.name !== 'recovery.record') return;
    expect(parsed.args.amount).toEqual({ amount: 25_000, currency: 'HKD' });
  });

  it('refuses a float amount, naming args.amount.amount (money is integer cents)', () => {
    const m = validRecoveryMutation();
    m.args.amount.amount = 250.5;
    expect(issuePaths(m)).toEqual(['args.amount.amount']);
  });

  const spoilers: [label: string, spoil: (m: RecoveryMutation) => unknown, path: string][] = [
    [
      'a negative amount',
      (m) => Object.assign(m.args.amount, { amount: -1 }),
      'args.amount.amount',
    ],
    [
      'an unknown currency',
      (m) => Object.assign(m.args.amount, { currency: 'EUR' }),
      'args.amount.currency',
    ],
    [
      'an HKID as customer reference',
      (m) => Object.assign(m.args, { customerRef: 'A1234567' }),
      'args.customerRef',
    ],
    [
      'an upper-case id',
      (m) => Object.assign(m.args, { id: RECOVERY_ID.toUpperCase() }),
      'args.id',
    ],
    ['a satisfaction of 6', (m) => Object.assign(m.args, { satisfaction: 6 }), 'args.satisfaction'],
    [
      'an unknown compensation type',
      (m) => Object.assign(m.args, { compensationType: 'cash' }),
      'args.compensationType',
    ],
    ['a blank reason', (m) => Object.assign(m.args, { reason: '   ' }), 'args.reason'],
    [
      'a time without zone',
      (m) => Object.assign(m.args, { occurredAt: '2026-03-18T01:30:00' }),
      'args.occurredAt',
    ],
    ['a wildcard scope', (m) => Object.assign(m.args.scope, { region: '*' }), 'args.scope.region'],
    [
      'an unknown reason code',
      (m) => Object.assign(m.args.deviceDecision, { reasons: ['too_big'] }),
      'args.deviceDecision.reasons.0',
    ],
    ['a bad envelope id', (m) => Object.assign(m, { id: 'abc' }), 'id'],
    ['a bad client time', (m) => Object.assign(m, { clientTime: 'yesterday' }), 'clientTime'],
  ];

  it.each(spoilers)('refuses %s, naming the field', (_label, spoil, path) => {
    const m = validRecoveryMutation();
    spoil(m);
    expect(issuePaths(m)).toEqual([path]);
  });

  it('refuses a missing field, naming it', () => {
    const m = validRecoveryMutation();
    const { customerRef: _dropped, ...args } = m.args;
    expect(issuePaths({ ...m, args })).toEqual(['args.customerRef']);
  });
});

describe('mutationSchema: the union', () => {
  it('refuses an unknown mutation name', () => {
    expect(
      mutationSchema.safeParse({ ...validRecoveryMutation(), name: 'recovery.delete' }).success,
    ).toBe(false);
  });

  it('checks args against the schema of the named mutation', () => {
    // Recovery args are not valid incident.setStatus args.
    expect(
      mutationSchema.safeParse({ ...validRecoveryMutation(), name: 'incident.setStatus' }).success,
    ).toBe(false);
  });

  it('has one union member per mutation name, each validating its own args', () => {
    expect(MUTATION_NAMES).toEqual(Object.keys(mutationArgsSchemas));
    for (const name of MUTATION_NAMES) {
      const result = mutationSchema.safeParse({ ...validRecoveryMutation(), name, args: {} });
      expect(result.success, name).toBe(false);
      expect(
        result.error?.issues.every((i) => i.path[0] === 'args'),
        name,
      ).toBe(true);
    }
  });

  it('accepts incident.setStatus with a known status only', () => {
    const base = {
      id: '019cfeab-d500-7000-8000-000000000002',
      clientTime: '2026-03-18T02:00:00Z',
      name: 'incident.setStatus',
    };
    const incidentId = '019cfeab-d500-7000-8000-000000000301';
    expect(
      mutationSchema.safeParse({ ...base, args: { incidentId, status: 'resolved' } }).success,
    ).toBe(true);
    expect(issuePaths({ ...base, args: { incidentId, status: 'reopened' } })).toEqual([
      'args.status',
    ]);
  });
});
