import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isDecided,
  nextApprovalState,
  type ApprovalCommand,
  type ApprovalState,
  type MutationOutcome,
  type MutationResult,
  type WireMutation,
} from '../../shared/index.ts';
import { runApprovalTimers } from '../../server/src/jobs/approval-timers.ts';
import { verifyAuditTrail } from '../../server/src/services/audit-trail.ts';
import { createTestServer, type TestServer } from '../support/harness.ts';
import {
  addSecondSupervisor,
  argsId,
  askFor,
  auditOf,
  decide,
  expectApplied,
  recoveryOf,
  requestOf,
  withdraw,
} from './helpers.ts';

// [AP1] [AP2] [AP8] The approval state machine through the real service (SQLite): random
// commands from two supervisors of the team, a manager and the requester, each queued in their
// own device's outbox and pushed in batches whose interleaving is random, with resends of
// anything already sent and timer passes in between. Whatever happens: no illegal transition,
// at most one decision per request (exactly one once decided), every attempt in the audit trail.

type Actor = 'wong' | 'kwok' | 'lee' | 'chan';
const ACTORS: readonly Actor[] = ['wong', 'kwok', 'lee', 'chan'];

type Step =
  | {
      kind: 'command';
      actor: Actor;
      request: number;
      command: 'approve' | 'reject' | 'withdraw';
      expected: 'pending' | 'escalated';
    }
  | { kind: 'flush'; actor: Actor; count: number }
  | { kind: 'resend'; pick: number }
  | { kind: 'tick'; minutes: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      actor: fc.constantFrom(...ACTORS),
      request: fc.nat({ max: 3 }),
      command: fc.constantFrom('approve' as const, 'reject' as const, 'withdraw' as const),
      expected: fc.constantFrom('pending' as const, 'escalated' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flush' as const),
      actor: fc.constantFrom(...ACTORS),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resend' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      // Past a 15-minute SLA, an hour's, or the 24-hour expiry.
      minutes: fc.constantFrom(5, 20, 70, 1_500),
    }),
  },
);

/** Request sizes: within the supervisors' authority (two SLA bands), or a manager's from the start. */
const amountArb = fc.constantFrom(400, 900, 2_500);

describe('approval state machine under random concurrent commands', () => {
  let s: TestServer;
  const tokens = new Map<Actor, string>();
  beforeAll(async () => {
    // The timer steps move the clock by weeks over the runs: sessions must outlive that.
    s = await createTestServer('sqlite', { sessionLifetimeMs: 5 * 365 * 24 * 3_600_000 });
    tokens.set('wong', await s.login('supervisor.wong'));
    tokens.set('lee', await s.login('manager.lee'));
    tokens.set('chan', await s.login('frontline.chan'));
    tokens.set('kwok', (await addSecondSupervisor(s)).token);
  });
  afterAll(async () => {
    await s.close();
  });

  it('[AP1] [AP2] [AP8] never an illegal transition, one decision per request, every attempt audited', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(amountArb, { minLength: 1, maxLength: 4 }),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom(...ACTORS), { minLength: 4, maxLength: 4 }),
        async (amounts, steps, finalOrder) => {
          const token = (a: Actor) => tokens.get(a) as string;
          const asked = amounts.map((d) => askFor(d));
          await expectApplied(s, token('chan'), ...asked);
          const requestIds = asked.map(argsId);

          const outbox = new Map<Actor, WireMutation[]>(ACTORS.map((a) => [a, []]));
          const sent: { actor: Actor; m: WireMutation; requestId: string }[] = [];
          const firstOutcome = new Map<string, MutationOutcome>();
          const requestOfMutation = new Map<string, string>();

          const pushAs = async (actor: Actor, batch: WireMutation[], isResend: boolean) => {
            if (batch.length === 0) return;
            const { results } = await s.push(token(actor), batch);
            results.forEach((r: MutationResult, i) => {
              const m = batch[i] as WireMutation;
              if (isResend) {
                // SY4: a resend changes nothing and answers what the first push answered.
                expect(r).toEqual({
                  id: m.id,
                  status: 'duplicate',
                  original: firstOutcome.get(m.id),
                });
                return;
              }
              if (r.status === 'duplicate') throw new Error(`${m.id} was already applied`);
              const { id: _id, ...rest } = r;
              const outcome: MutationOutcome = rest;
              if (outcome.status === 'rejected') {
                expect(['forbidden', 'conflict']).toContain(outcome.code);
              }
              firstOutcome.set(m.id, outcome);
              sent.push({ actor, m, requestId: requestOfMutation.get(m.id) as string });
            });
          };
          const flush = async (actor: Actor, count: number) => {
            const queue = outbox.get(actor) as WireMutation[];
            await pushAs(actor, queue.splice(0, count), false);
          };

          for (const step of steps) {
            if (step.kind === 'command') {
              const requestId = requestIds[step.request % requestIds.length] as string;
              const m =
                step.command === 'withdraw'
                  ? withdraw(requestId, step.expected)
                  : decide(requestId, step.command, step.expected);
              requestOfMutation.set(m.id, requestId);
              outbox.get(step.actor)?.push(m);
            } else if (step.kind === 'flush') {
              await flush(step.actor, step.count);
            } else if (step.kind === 'resend') {
              const again = sent[step.pick % Math.max(1, sent.length)];
              if (again) await pushAs(again.actor, [again.m], true);
            } else {
              s.clock.advance(step.minutes * 60_000);
              await runApprovalTimers(s.store, s.clock.now());
            }
          }
          for (const actor of finalOrder) await flush(actor, Infinity);

          for (const requestId of requestIds) {
            const trail = (await auditOf(s, requestId)).filter(
              (e) => e.entityKind === 'approval_request',
            );
            // Replay the applied steps through the pure state machine.
            let state: ApprovalState = 'pending';
            let decisions = 0;
            for (const e of trail) {
              if (e.action === 'create' || e.detail.outcome !== 'applied') continue;
              expect(e.detail.from).toBe(state);
              const next = nextApprovalState(state, e.action as ApprovalCommand);
              expect(next, `${state} --${e.action}-->`).not.toBeNull();
              expect(e.detail.to).toBe(next);
              if (isDecided(next as ApprovalState)) decisions += 1;
              state = next as ApprovalState;
            }
            const request = await requestOf(s, requestId);
            expect(request.state).toBe(state);
            expect(decisions).toBe(isDecided(state) ? 1 : 0);

            // Every command sent is in the trail once, as applied or refused, as it was answered.
            const attempts = new Map(
              trail
                .filter((e) => typeof e.detail.mutationId === 'string' && e.action !== 'create')
                .map((e) => [e.detail.mutationId as string, e.detail.outcome]),
            );
            const mine = sent.filter((x) => x.requestId === requestId);
            expect(attempts.size).toBe(
              trail.filter((e) => e.action !== 'create' && e.detail.mutationId).length,
            );
            for (const { m } of mine) {
              expect(attempts.get(m.id), m.id).toBe(
                firstOutcome.get(m.id)?.status === 'applied' ? 'applied' : 'refused',
              );
            }
            expect(attempts.size).toBe(mine.length);

            // The recovery follows the request; only an approved one counts toward the period.
            const recovery = await recoveryOf(s, requestId);
            const expectedStatus = isDecided(state) ? state : 'awaiting_approval';
            expect(recovery.status).toBe(expectedStatus);
            const ledger = await s.store.ledgerSince(s.user('frontline.chan').id, 0);
            expect(ledger.find((e) => e.recoveryId === requestId)?.counts).toBe(
              state === 'approved',
            );
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(await verifyAuditTrail(s.store)).toMatchObject({ ok: true });
  });
});
