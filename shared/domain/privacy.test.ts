import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { personalDataIn } from './privacy.ts';

describe('personalDataIn: HKID numbers (PDPO: a customer is a reference, not an identity)', () => {
  it.each([
    'A123456(7)',
    'AB987654(3)',
    'A123456(A)',
    'a123456(7)',
    'A1234567',
    'A123456 (7)',
    'Customer showed HKID Z683365(5) at the counter',
  ])('flags %s', (text) => {
    expect(personalDataIn(text)).toContain('hkid');
  });

  it('does not flag three letters, five digits or a long reference', () => {
    expect(personalDataIn('A12345(6)')).not.toContain('hkid');
    expect(personalDataIn('ABC123456(7)')).not.toContain('hkid');
    expect(personalDataIn('SR2026031800042')).not.toContain('hkid');
  });
});

describe('personalDataIn: Hong Kong phone numbers', () => {
  it.each([
    '91234567',
    '2345 6789',
    '5123-4567',
    '+852 9123 4567',
    '+85291234567',
    '852 6123 4567',
    '(+852) 3123 4567',
    'Customer asked to be called back on 6123 4567 after 6pm',
  ])('flags %s', (text) => {
    expect(personalDataIn(text)).toContain('phone');
  });

  it.each([
    ['starting with 1', '12345678'],
    ['starting with 4', '4123 4567'],
    ['starting with 0', '0123 4567'],
    ['seven digits', '9123456'],
    ['nine digits', '912345678'],
  ])('does not flag a number %s', (_label, text) => {
    expect(personalDataIn(text)).not.toContain('phone');
  });

  it('a bare 8-digit account number starting 2,3,5-9 is indistinguishable from a phone number and is flagged', () => {
    expect(personalDataIn('23456789')).toEqual(['phone']);
  });
});

describe('personalDataIn: e-mail addresses', () => {
  it.each(['chan.tai.man@example.com.hk', 'Send the credit note to x+y@mail.hk', 'a@b.co'])(
    'flags %s',
    (text) => {
      expect(personalDataIn(text)).toContain('email');
    },
  );

  it('does not flag an @ mention without a domain', () => {
    expect(personalDataIn('escalated to @supervisor')).not.toContain('email');
  });
});

describe('personalDataIn: references and ordinary text are not personal data', () => {
  it.each([
    'ACC-00012345',
    'TCK/2026/1183',
    'TCK-2026-1183',
    'INC-2026-000123',
    'ACC-23456789',
    'ACC/91234567',
    'SR2026031800042',
    'acc-00012345',
    'Technician missed the 2pm appointment in Tsuen Wan; rebooked for 20 March',
    'Bill credit of HKD 250.00 for 3 days of outage',
    'Router model HG8245 replaced',
  ])('%s is clean', (text) => {
    expect(personalDataIn(text)).toEqual([]);
  });

  it('reports every kind found, in a fixed order', () => {
    expect(personalDataIn('mail c@d.hk, tel 9123 4567, HKID A123456(7)')).toEqual([
      'hkid',
      'phone',
      'email',
    ]);
  });

  it('trade-off: digits glued by - or / to a word read as a reference, so TEL-91234567 is not flagged', () => {
    expect(personalDataIn('TEL-91234567')).toEqual([]);
    // …but a separator other than - or / still reads as a phone number.
    expect(personalDataIn('tel:91234567')).toEqual(['phone']);
    expect(personalDataIn('TEL 9123 4567')).toEqual(['phone']);
  });

  it('a +852 number is still flagged when written with dashes', () => {
    expect(personalDataIn('+852-9123-4567')).toEqual(['phone']);
  });

  it('property: letter-prefixed account and ticket references are never flagged', () => {
    const refArb = fc
      .tuple(
        fc.constantFrom('ACC', 'TCK', 'INC', 'SR', 'acc', 'Tkt'),
        fc.constantFrom('-', '/'),
        fc.stringMatching(/^[0-9]{8}$/),
        fc.option(fc.tuple(fc.constantFrom('-', '/'), fc.stringMatching(/^[0-9]{4}$/)), {
          nil: undefined,
        }),
      )
      .map(([prefix, sep, digits, tail]) => `${prefix}${sep}${digits}${tail ? tail.join('') : ''}`);
    fc.assert(
      fc.property(refArb, (ref) => {
        expect(personalDataIn(ref)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
