import { describe, expect, it } from 'vitest';
import { applicableTactics, tacticSchema, type Tactic } from './tactic.ts';
import type { Scope, ScopePattern } from './scope.ts';

const SCOPE: Scope = { product: 'broadband', segment: 'consumer', region: 'new_territories_east' };

let seq = 0;
function tactic(
  title: string,
  scope: Partial<ScopePattern> = {},
  overrides: Partial<Tactic> = {},
): Tactic {
  seq += 1;
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    title,
    category: 'missed_appointment',
    scope: { product: '*', segment: '*', region: '*', ...scope },
    steps: ['Apologise and rebook within 24 hours'],
    mayOffer: ['bill_credit'],
    offerNote: '',
    escalateTo: 'supervisor',
    escalationNote: '',
    active: true,
    ...overrides,
  };
}

const titles = (ts: readonly Tactic[]) => ts.map((t) => t.title);

describe('applicableTactics', () => {
  it('shows the tactics for the scope, most specific first', () => {
    const tactics = [
      tactic('general'),
      tactic('broadband in NTE', { product: 'broadband', region: 'new_territories_east' }),
      tactic('broadband', { product: 'broadband' }),
      tactic('broadband consumer NTE', {
        product: 'broadband',
        segment: 'consumer',
        region: 'new_territories_east',
      }),
    ];
    expect(titles(applicableTactics(tactics, 'missed_appointment', SCOPE))).toEqual([
      'broadband consumer NTE',
      'broadband in NTE',
      'broadband',
      'general',
    ]);
  });

  it('leaves out tactics of another risk category', () => {
    const tactics = [tactic('outage', {}, { category: 'service_outage' }), tactic('missed')];
    expect(titles(applicableTactics(tactics, 'missed_appointment', SCOPE))).toEqual(['missed']);
    expect(titles(applicableTactics(tactics, 'service_outage', SCOPE))).toEqual(['outage']);
    expect(applicableTactics(tactics, 'fraud_suspicion', SCOPE)).toEqual([]);
  });

  it('leaves out inactive tactics, however specific', () => {
    const tactics = [
      tactic(
        'retired exact',
        { product: 'broadband', segment: 'consumer', region: 'new_territories_east' },
        { active: false },
      ),
      tactic('general'),
    ];
    expect(titles(applicableTactics(tactics, 'missed_appointment', SCOPE))).toEqual(['general']);
  });

  it('leaves out tactics for another scope', () => {
    const tactics = [
      tactic('mobile', { product: 'mobile' }),
      tactic('kowloon', { region: 'kowloon_east' }),
    ];
    expect(applicableTactics(tactics, 'missed_appointment', SCOPE)).toEqual([]);
  });

  it('keeps the given order among equally specific tactics', () => {
    const tactics = [
      tactic('by segment', { segment: 'consumer' }),
      tactic('by product', { product: 'broadband' }),
    ];
    expect(titles(applicableTactics(tactics, 'missed_appointment', SCOPE))).toEqual([
      'by segment',
      'by product',
    ]);
    expect(titles(applicableTactics([...tactics].reverse(), 'missed_appointment', SCOPE))).toEqual([
      'by product',
      'by segment',
    ]);
  });

  it('the fixture is a valid tactic (so the tests exercise real shapes)', () => {
    expect(tacticSchema.safeParse(tactic('valid')).success).toBe(true);
    expect(tacticSchema.safeParse(tactic('no steps', {}, { steps: [] })).success).toBe(false);
  });
});
