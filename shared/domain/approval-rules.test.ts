import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_STATES,
  approvalAuthority,
  approvalCommandRefusal,
  governingPeriodUse,
  isDecided,
  limitExcesses,
  type ApprovalActor,
  type ApprovalRequest,
  type ApprovalState,
} from './approval.ts';
import { decideLimit } from './limit-decision.ts';
import type { LimitRule } from './limits.ts';
import { hkd } from './money.ts';

// Segregation of duties and first-decision-wins as a pure rule (docs/approvals.md AP2, AP4).

const TEAM = '019cfeab-d500-7000-8000-00000000a001';
const OTHER_TEAM = '019cfeab-d500-7000-8000-00000000a002';
const REQUESTER = '019cfeab-d500-7000-8000-00000000b001';
const SCOPE = { product: 'mobile', segment: 'consumer', region: 'kowloon_west' };

const request = (over: Partial<ApprovalRequest> = {}) => ({
  requesterId: REQUESTER,
  teamId: TEAM,
  state: 'pending' as ApprovalState,
  assignedRole: 'supervisor' as ApprovalRequest['assignedRole'],
  amount: hkd(90_000),
  ...over,
});
const actor = (over: Partial<ApprovalActor> = {}): ApprovalActor => ({
  id: '019cfeab-d500-7000-8000-00000000c001',
  role: 'supervisor',
  ledTeamIds: [TEAM],
  authority: 200_000,
  ...over,
});

const rule = (over: Partial<LimitRule>): LimitRule => ({
  id: '019cfeab-d500-7000-8000-00000000d001',
  role: 'supervisor',
  product: '*',
  segment: '*',
  region: '*',
  compensationType: '*',
  currency: 'HKD',
  maxPerCase: 100_000,
  maxPerPeriod: 1_000_000,
  period: 'month',
  ...over,
});

describe('approvalCommandRefusal', () => {
  it('lets the team supervisor with the authority decide a pending request', () => {
    expect(approvalCommandRefusal(request(), 'approve', actor(), 'pending')).toBeNull();
    expect(approvalCommandRefusal(request(), 'reject', actor(), 'pending')).toBeNull();
  });

  it.each([
    ['frontline', 'Only a supervisor or a manager decides approval requests'],
    ['outsourcer', 'Only a supervisor or a manager decides approval requests'],
    ['auditor', 'Only a supervisor or a manager decides approval requests'],
  ] as const)('a %s never decides', (role, message) => {
    expect(approvalCommandRefusal(request(), 'approve', actor({ role }), 'pending')).toEqual({
      code: 'forbidden',
      reason: 'not_approver_role',
      message,
      field: 'requestId',
    });
  });

  it('nobody decides their own request, not even a manager', () => {
    for (const role of ['supervisor', 'manager'] as const) {
      expect(
        approvalCommandRefusal(request(), 'approve', actor({ role, id: REQUESTER }), 'pending'),
      ).toMatchObject({ code: 'forbidden', message: 'Nobody decides their own request' });
    }
  });

  it('a supervisor of another team is refused; a manager decides for any team', () => {
    expect(
      approvalCommandRefusal(request(), 'approve', actor({ ledTeamIds: [OTHER_TEAM] }), 'pending'),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      approvalCommandRefusal(
        request(),
        'approve',
        actor({ role: 'manager', ledTeamIds: [] }),
        'pending',
      ),
    ).toBeNull();
  });

  it('an escalated request waits on a manager, not the supervisor', () => {
    const escalated = request({ state: 'escalated', assignedRole: 'manager' });
    expect(approvalCommandRefusal(escalated, 'approve', actor(), 'escalated')).toMatchObject({
      code: 'forbidden',
      message: 'This request waits on a manager',
    });
    expect(
      approvalCommandRefusal(escalated, 'approve', actor({ role: 'manager' }), 'escalated'),
    ).toBeNull();
  });

  it('authority below the amount is refused, for approving and rejecting alike', () => {
    for (const command of ['approve', 'reject'] as const) {
      expect(
        approvalCommandRefusal(request(), command, actor({ authority: 89_999 }), 'pending'),
      ).toEqual({
        code: 'forbidden',
        reason: 'above_authority',
        message: 'Your authority here is HKD 899.99 a case, below the HKD 900.00 asked for',
        field: 'requestId',
      });
      expect(
        approvalCommandRefusal(request(), command, actor({ authority: 90_000 }), 'pending'),
      ).toBeNull();
    }
  });

  it('only the requester withdraws, from an open state', () => {
    const requester = actor({ id: REQUESTER, role: 'frontline', ledTeamIds: [], authority: 0 });
    expect(approvalCommandRefusal(request(), 'withdraw', requester, 'pending')).toBeNull();
    expect(approvalCommandRefusal(request(), 'withdraw', actor(), 'pending')).toMatchObject({
      code: 'forbidden',
    });
  });

  it('[AP2] a decided request refuses every command with a conflict naming its state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPROVAL_STATES.filter(isDecided)),
        fc.constantFrom('approve' as const, 'reject' as const),
        fc.constantFrom('pending' as const, 'escalated' as const),
        (state, command, expected) => {
          const refusal = approvalCommandRefusal(
            request({ state }),
            command,
            actor({ role: 'manager' }),
            expected,
          );
          expect(refusal).toEqual({
            code: 'conflict',
            reason: 'already_decided',
            message: `This request is already ${state}: the first decision wins`,
            field: 'expectedState',
          });
        },
      ),
    );
  });

  it('[AP2] a conflict is reported before authority: the loser of a race learns who won', () => {
    expect(
      approvalCommandRefusal(
        request({ state: 'approved', assignedRole: 'manager' }),
        'reject',
        actor({ authority: 0 }),
        'pending',
      ),
    ).toMatchObject({ code: 'conflict' });
    expect(
      approvalCommandRefusal(
        request({ state: 'escalated', assignedRole: 'manager' }),
        'approve',
        actor({ role: 'manager' }),
        'pending',
      ),
    ).toEqual({
      code: 'conflict',
      reason: 'state_moved',
      message: 'This request is now escalated, not pending',
      field: 'expectedState',
    });
  });
});

describe('approvalAuthority', () => {
  it('is the per-case limit of the most specific rule; ties take the lower; no rule is zero', () => {
    const rules = [
      rule({ maxPerCase: 100_000 }),
      rule({
        id: '019cfeab-d500-7000-8000-00000000d002',
        compensationType: 'bill_credit',
        maxPerCase: 200_000,
      }),
      rule({ id: '019cfeab-d500-7000-8000-00000000d003', product: 'mobile', maxPerCase: 150_000 }),
      rule({ id: '019cfeab-d500-7000-8000-00000000d004', role: 'manager', maxPerCase: 2_000_000 }),
    ];
    expect(approvalAuthority(rules, 'supervisor', SCOPE, 'refund', 'HKD')).toBe(150_000);
    // bill_credit and mobile are equally specific: the lower wins.
    expect(approvalAuthority(rules, 'supervisor', SCOPE, 'bill_credit', 'HKD')).toBe(150_000);
    expect(
      approvalAuthority(rules, 'supervisor', { ...SCOPE, product: 'cloud' }, 'bill_credit', 'HKD'),
    ).toBe(200_000);
    expect(approvalAuthority(rules, 'manager', SCOPE, 'refund', 'HKD')).toBe(2_000_000);
    expect(approvalAuthority(rules, 'auditor', SCOPE, 'refund', 'HKD')).toBe(0);
    expect(approvalAuthority(rules, 'supervisor', SCOPE, 'refund', 'USD')).toBe(0);
  });
});

describe('limitExcesses and governingPeriodUse', () => {
  const rules = [
    rule({
      role: 'frontline',
      compensationType: 'bill_credit',
      maxPerCase: 30_000,
      maxPerPeriod: 50_000,
    }),
  ];
  const q = {
    rules,
    role: 'frontline' as const,
    scope: SCOPE,
    compensationType: 'bill_credit' as const,
    usage: [
      { amount: hkd(40_000), compensationType: 'bill_credit' as const, scope: SCOPE, atMs: 1_000 },
    ],
    nowMs: 2_000,
  };

  it('keeps every reason with its limit and excess', () => {
    const decision = decideLimit({ ...q, amount: hkd(35_000), limitsAgeMs: 0, maxLimitsAgeMs: 0 });
    expect(limitExcesses(decision)).toEqual([
      {
        code: 'over_per_case',
        ruleId: rules[0]?.id,
        period: null,
        limit: 30_000,
        used: null,
        excess: 5_000,
      },
      {
        code: 'over_period',
        ruleId: rules[0]?.id,
        period: 'month',
        limit: 50_000,
        used: 40_000,
        excess: 25_000,
      },
    ]);
    const stale = decideLimit({ ...q, amount: hkd(1), limitsAgeMs: 10, maxLimitsAgeMs: 1 });
    expect(limitExcesses(stale)).toEqual([
      { code: 'limits_stale', ruleId: null, period: null, limit: null, used: null, excess: null },
    ]);
    expect(
      limitExcesses(decideLimit({ ...q, amount: hkd(1), limitsAgeMs: 0, maxLimitsAgeMs: 0 })),
    ).toEqual([]);
  });

  it('reports the use of the governing rule, or null without one', () => {
    expect(governingPeriodUse({ ...q, currency: 'HKD' })).toEqual({
      ruleId: rules[0]?.id,
      period: 'month',
      used: 40_000,
      limit: 50_000,
    });
    expect(governingPeriodUse({ ...q, role: 'manager', currency: 'HKD' })).toBeNull();
  });
});
