import { describe, expect, it } from 'vitest';
import {
  customerRefProblem,
  formFieldOf,
  pastTimeProblem,
  personalDataWarning,
  requiredText,
} from './validate.ts';

describe('checking a record form before it is saved', () => {
  it('takes an account or ticket number as the customer, never personal data', () => {
    expect(customerRefProblem('ACC-23456789', true)).toBeNull();
    expect(customerRefProblem('  ', false)).toBeNull();
    expect(customerRefProblem('', true)).toBe('form.required');
    expect(customerRefProblem('A123456(7)', true)).toBe('form.customerRefPersonal');
    expect(customerRefProblem('9123 4567', true)).toBe('form.customerRefPersonal');
    expect(customerRefProblem('chan@example.com', true)).toBe('form.customerRefPersonal');
    expect(customerRefProblem('Mr Chan', true)).toBe('form.customerRefFormat');
    expect(customerRefProblem('AB', true)).toBe('form.customerRefFormat');
  });

  it('warns about personal data in free text', () => {
    expect(personalDataWarning('Customer said call 9123 4567')).toBe('phone');
    expect(personalDataWarning('Router faulty, ticket TCK-2026-1183')).toBeNull();
  });

  it('needs text where text is required', () => {
    expect(requiredText(' ')).toBe('form.required');
    expect(requiredText('x'.repeat(4001))).toBe('form.tooLong');
    expect(requiredText('Installer did not come')).toBeNull();
  });

  it('takes a time that has happened, in Hong Kong time', () => {
    const now = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in Hong Kong
    expect(pastTimeProblem('2026-11-23T09:30', now)).toBeNull();
    expect(pastTimeProblem('2026-11-23T10:04', now)).toBeNull();
    expect(pastTimeProblem('2026-11-23T11:00', now)).toBe('form.whenFuture');
    expect(pastTimeProblem('', now)).toBe('form.whenInvalid');
  });

  it("finds the form field a store's error names", () => {
    const map = { 'args.scope.region': 'region', 'args.scope': 'product', 'args.amount': 'amount' };
    expect(formFieldOf('args.scope.region', map)).toBe('region');
    expect(formFieldOf('args.scope.segment', map)).toBe('product');
    expect(formFieldOf('args.amount.amount', map)).toBe('amount');
    expect(formFieldOf('args.reason', map)).toBeNull();
    expect(formFieldOf(null, map)).toBeNull();
  });
});
