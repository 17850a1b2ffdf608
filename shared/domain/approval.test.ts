import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  APPROVAL_COMMANDS,
  APPROVAL_STATES,
  approvalWait,
  isDecided,
  nextApprovalState,
  type ApprovalCommand,
  type ApprovalState,
} from './approval.ts';

/** The whole state machine (product.md §3, approval request), written out by hand. */
const TABLE: Record<ApprovalState, Record<ApprovalCommand, ApprovalState | null>> = {
  pending: {
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
    escalate: 'escalated',
    expire: 'expired',
  },
  escalated: {
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
    escalate: null,
    expire: 'expired',
  },
  approved: { approve: null, reject: null, withdraw: null, escalate: null, expire: null },
  rejected: { approve: null, reject: null, withdraw: null, escalate: null, expire: null },
  withdrawn: { approve: null, reject: null, withdraw: null, escalate: null, expire: null },
  expired: { approve: null, reject: null, withdraw: null, escalate: null, expire: null },
};

describe('nextApprovalState: the transition table', () => {
  for (const state of APPROVAL_STATES) {
    for (const command of APPROVAL_COMMANDS) {
      const expected = TABLE[state][command];
      it(`${state} + ${command} → ${expected ?? 'refused'}`, () => {
        expect(nextApprovalState(state, command)).toBe(expected);
      });
    }
  }

  it('only pending and escalated are open', () => {
    expect(APPROVAL_STATES.filter((s) => !isDecided(s))).toEqual(['pending', 'escalated']);
  });

  it('[AP1] the first decision wins: a decided request accepts no command at all', () => {
    for (const state of APPROVAL_STATES.filter(isDecided)) {
      for (const command of APPROVAL_COMMANDS) expect(nextApprovalState(state, command)).toBeNull();
    }
  });

  it('[AP2] escalation happens only from pending (never twice)', () => {
    const from = APPROVAL_STATES.filter((s) => nextApprovalState(s, 'escalate') !== null);
    expect(from).toEqual(['pending']);
  });
});

describe('nextApprovalState: any sequence of commands', () => {
  it('[AP1] from pending, at most one transition enters a decided state and none leaves one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...APPROVAL_COMMANDS), { maxLength: 30 }),
        (commands) => {
          let state: ApprovalState = 'pending';
          let decisions = 0;
          let escalations = 0;
          for (const command of commands) {
            const next = nextApprovalState(state, command);
            if (next === null) continue;
            expect(isDecided(state), `${state} moved to ${next} on ${command}`).toBe(false);
            if (isDecided(next)) decisions += 1;
            if (next === 'escalated') escalations += 1;
            state = next;
          }
          expect(decisions).toBeLessThanOrEqual(1);
          expect(escalations).toBeLessThanOrEqual(1);
          // The first deciding command decides the outcome.
          type Deciding = Exclude<ApprovalCommand, 'escalate'>;
          const firstDecision = commands.find((c): c is Deciding => c !== 'escalate');
          const outcome: Record<Deciding, ApprovalState> = {
            approve: 'approved',
            reject: 'rejected',
            withdraw: 'withdrawn',
            expire: 'expired',
          };
          if (firstDecision !== undefined) expect(state).toBe(outcome[firstDecision]);
          else expect(['pending', 'escalated']).toContain(state);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('approvalWait (AP3)', () => {
  const request = { createdAt: '2026-11-23T10:00:00.000Z', slaDueAt: '2026-11-23T10:15:00.000Z' };
  const at = (iso: string) => Date.parse(iso);

  it('counts from when the server received the request, and never below zero', () => {
    expect(approvalWait(request, at('2026-11-23T10:05:00.000Z')).waitingMs).toBe(5 * 60_000);
    expect(approvalWait(request, at('2026-11-23T09:59:00.000Z')).waitingMs).toBe(0);
  });

  it('is past its SLA only after the due time', () => {
    expect(approvalWait(request, at('2026-11-23T10:15:00.000Z')).isPastSla).toBe(false);
    expect(approvalWait(request, at('2026-11-23T10:15:00.001Z')).isPastSla).toBe(true);
  });
});
