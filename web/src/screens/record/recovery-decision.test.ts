import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../../db/database.ts';
import { createI18n } from '../../i18n/index.ts';
import { HOUR, NOW, signedInDb, storesOver } from '../../stores/test-support.ts';
import { describeLimitDecision } from '../../ui/index.ts';
import {
  blankRecovery,
  checkRecovery,
  decisionForForm,
  type RecoveryForm,
} from './recovery-screen.tsx';

let db: FrontlineDb;
afterEach(() => db?.close());

const en = createI18n('en');

/** The recovery form as typed, in the test fixtures' scope (frontline: bill credit HK$300 a case, HK$500 a month). */
const typed = (patch: Partial<RecoveryForm>): RecoveryForm => ({
  ...blankRecovery(null, NOW),
  compensationType: 'bill_credit',
  product: 'broadband',
  segment: 'consumer',
  region: 'kowloon_west',
  ...patch,
});

/** What the decision panel says for what is typed. */
async function panelFor(patch: Partial<RecoveryForm>, limitsAgeMs = HOUR) {
  db = await signedInDb({ limitsAgeMs });
  const { stores } = storesOver(db);
  const form = typed(patch);
  const decision = await decisionForForm(stores.limits, form);
  return describeLimitDecision(decision, null, en);
}

describe('the recovery form tells, as the amount is typed, whether it may be given now', () => {
  it('says "You may give this now" within the limits, with what is left', async () => {
    const text = await panelFor({ amount: '150' });
    expect(text.verdict).toBe('You may give this now');
    expect(text.lines).toEqual(['Up to HK$300.00 per case.', 'HK$500.00 left this month.']);
  });

  it('says "Needs approval" with every reason over the limit', async () => {
    const text = await panelFor({ amount: '600' });
    expect(text.verdict).toBe('Needs approval');
    expect(text.lines).toEqual([
      'HK$600.00 is HK$300.00 over your per-case limit of HK$300.00.',
      expect.stringContaining('over your monthly limit of HK$500.00'),
    ]);
  });

  it('never approves on the phone with limits older than allowed', async () => {
    const text = await panelFor({ amount: '10' }, 30 * HOUR);
    expect(text.verdict).toBe('Needs approval');
    expect(text.lines.join(' ')).toMatch(/limits on this phone are 30 hours old/);
  });

  it('waits for a valid amount, the type and the scope before deciding', async () => {
    expect((await panelFor({ amount: '' })).lines).toEqual([
      'Enter an amount to see whether you may give it now.',
    ]);
    expect((await panelFor({ amount: '12.345' })).verdict).toBe('Your limit');
    expect((await panelFor({ amount: '100', region: '' })).verdict).toBe('Your limit');
  });

  it('refuses to save without what the record needs, and takes a typed amount as cents', () => {
    const problems = checkRecovery(typed({ amount: 'abc', customerRef: 'Mr Chan' }), NOW);
    expect(problems.amount).toBe('form.amountInvalid');
    expect(problems.customerRef).toBe('form.customerRefFormat');
    expect(problems.reason).toBe('form.required');
    const fine = checkRecovery(
      typed({ amount: 'HK$1,200.50', customerRef: 'ACC-00012345', reason: 'Missed visit' }),
      NOW,
    );
    expect(Object.values(fine).every((p) => p === null)).toBe(true);
  });
});
