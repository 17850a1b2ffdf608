import { describe, expect, it } from 'vitest';
import {
  canMoveIncident,
  customerRefSchema,
  INCIDENT_STATUSES,
  type IncidentStatus,
} from './records.ts';

const PERSONAL_DATA = 'looks like personal data; use the account or ticket number';

function messages(value: unknown): string[] {
  const result = customerRefSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('customerRefSchema: a customer is an account or ticket number', () => {
  it.each([
    'ACC-00012345',
    'TCK/2026/1183',
    'TCK-2026-1183',
    'ACC-23456789',
    'INC_2026_0042',
    'SR2026031800042',
    'x9Z',
  ])('accepts %s', (ref) => {
    expect(customerRefSchema.parse(ref)).toBe(ref);
  });

  it('trims surrounding spaces', () => {
    expect(customerRefSchema.parse('  ACC-00012345 ')).toBe('ACC-00012345');
  });

  it.each(['A1234567', 'AB9876543', 'a1234567'])(
    'refuses the HKID number %s as personal data',
    (ref) => {
      expect(messages(ref)).toEqual([PERSONAL_DATA]);
    },
  );

  it('refuses an HKID written with the check digit in brackets (not a reference shape either)', () => {
    expect(customerRefSchema.safeParse('A123456(7)').success).toBe(false);
  });

  it.each(['91234567', '+85291234567'])('refuses the phone number %s', (ref) => {
    expect(customerRefSchema.safeParse(ref).success).toBe(false);
  });

  it('refuses a phone number even though it is shaped like an 8-digit account number', () => {
    expect(messages('23456789')).toEqual([PERSONAL_DATA]);
  });

  it.each([
    ['an e-mail address', 'chan@example.com'],
    ['a name with a space', 'Chan Tai Man'],
    ['too short', 'AB'],
    ['too long', 'A'.repeat(41)],
    ['a leading separator', '-ACC123'],
    ['empty', ''],
  ])('refuses %s', (_label, ref) => {
    expect(customerRefSchema.safeParse(ref).success).toBe(false);
  });
});

describe('canMoveIncident: open → in recovery → resolved → closed', () => {
  const allowed: Record<IncidentStatus, IncidentStatus[]> = {
    open: ['in_recovery', 'closed'],
    in_recovery: ['resolved', 'closed'],
    resolved: ['closed'],
    closed: [],
  };

  for (const from of INCIDENT_STATUSES) {
    for (const to of INCIDENT_STATUSES) {
      const expected = allowed[from].includes(to);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canMoveIncident(from, to)).toBe(expected);
      });
    }
  }
});
