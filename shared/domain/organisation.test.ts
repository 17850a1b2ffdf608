import { describe, expect, it } from 'vitest';
import { teamsLedBy } from './organisation.ts';

const teams = [
  { id: 'shop', supervisorId: 'wong' },
  { id: 'callback', supervisorId: 'wong' },
  { id: 'island', supervisorId: 'leung' },
];

describe('teamsLedBy', () => {
  it('is a supervisor’s own team and every team naming them, once each', () => {
    expect(teamsLedBy({ id: 'wong', role: 'supervisor', teamId: 'shop' }, teams)).toEqual([
      'shop',
      'callback',
    ]);
    expect(teamsLedBy({ id: 'kwok', role: 'supervisor', teamId: 'island' }, teams)).toEqual([
      'island',
    ]);
  });

  it('is empty for every other role, whatever the teams say', () => {
    expect(teamsLedBy({ id: 'wong', role: 'manager', teamId: 'shop' }, teams)).toEqual([]);
    expect(teamsLedBy({ id: 'leung', role: 'frontline', teamId: null }, teams)).toEqual([]);
  });
});
