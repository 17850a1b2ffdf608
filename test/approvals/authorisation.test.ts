import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitSet, WireMutation } from '../../shared/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { recoveryArgs } from '../support/factories.ts';
import { createTestServer, mutation, type TestServer } from '../support/harness.ts';
import {
  argsId,
  askFor,
  decide,
  exceptionsOf,
  expectApplied,
  HKD,
  pushOne,
  requestOf,
  withdraw,
} from './helpers.ts';

// Segregation of duties (product.md §2, docs/approvals.md AP4): every role × every approval
// command, on a request by frontline.chan of Kowloon Shops (supervisor.wong's team).

type Command = 'approve' | 'reject' | 'withdraw' | 'markGiven' | 'acknowledge';
type Expected = 'applied' | 'forbidden';

const ACTORS = [
  'frontline.chan', // the requester
  'frontline.tsang', // another frontline, another team
  'outsourcer.cheung',
  'supervisor.wong', // leads the requester's team
  'supervisor.chow', // leads other teams
  'manager.lee',
  'auditor.ho',
] as const;

const MATRIX: Record<(typeof ACTORS)[number], Record<Command, Expected>> = {
  'frontline.chan': {
    approve: 'forbidden',
    reject: 'forbidden',
    withdraw: 'applied',
    markGiven: 'applied',
    acknowledge: 'forbidden',
  },
  'frontline.tsang': {
    approve: 'forbidden',
    reject: 'forbidden',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'forbidden',
  },
  'outsourcer.cheung': {
    approve: 'forbidden',
    reject: 'forbidden',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'forbidden',
  },
  'supervisor.wong': {
    approve: 'applied',
    reject: 'applied',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'applied',
  },
  'supervisor.chow': {
    approve: 'forbidden',
    reject: 'forbidden',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'forbidden',
  },
  'manager.lee': {
    approve: 'applied',
    reject: 'applied',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'applied',
  },
  'auditor.ho': {
    approve: 'forbidden',
    reject: 'forbidden',
    withdraw: 'forbidden',
    markGiven: 'forbidden',
    acknowledge: 'forbidden',
  },
};

describe.each(databaseTargets())('approval authorisation on $name', ({ name }) => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    s = await createTestServer(name);
    for (const username of ACTORS) tokens.set(username, await s.login(username));
  });
  afterAll(async () => {
    await s.close();
  });
  const token = (username: string) => tokens.get(username) as string;

  /** A fresh subject for the command, in the state the command needs. */
  async function commandFor(command: Command): Promise<WireMutation> {
    const chan = token('frontline.chan');
    if (command === 'acknowledge') {
      const gift = mutation('recovery.record', recoveryArgs({ amount: HKD(400) }));
      await expectApplied(s, chan, gift);
      const exception = (await exceptionsOf(s)).find((e) => e.recoveryId === argsId(gift));
      return mutation('limitException.acknowledge', {
        exceptionId: exception?.id,
        comment: 'Seen and discussed',
      });
    }
    const asked = askFor(900);
    await expectApplied(s, chan, asked);
    const id = argsId(asked);
    if (command === 'markGiven') {
      await expectApplied(s, token('supervisor.wong'), decide(id, 'approve'));
      return mutation('recovery.markGiven', { recoveryId: id });
    }
    return command === 'withdraw' ? withdraw(id) : decide(id, command);
  }

  for (const actor of ACTORS) {
    for (const command of Object.keys(MATRIX[actor]) as Command[]) {
      const expected = MATRIX[actor][command];
      it(`[AP4] ${actor} ${command}: ${expected}`, async () => {
        const m = await commandFor(command);
        const result = await pushOne(s, token(actor), m);
        if (expected === 'applied') expect(result).toEqual({ id: m.id, status: 'applied' });
        else expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      });
    }
  }

  it('[AP4] nobody decides their own request, whatever their authority', async () => {
    const own = askFor(1_600, { compensationType: 'refund' });
    const lee = token('manager.lee');
    await expectApplied(s, token('supervisor.wong'), own);
    expect(
      await pushOne(s, token('supervisor.wong'), decide(argsId(own), 'approve', 'escalated')),
    ).toMatchObject({ code: 'forbidden', message: 'Nobody decides their own request' });
    const leesOwn = askFor(100);
    await expectApplied(s, lee, leesOwn);
    expect(await pushOne(s, lee, decide(argsId(leesOwn), 'approve', 'escalated'))).toMatchObject({
      code: 'forbidden',
      message: 'Nobody decides their own request',
    });
    await expectApplied(
      s,
      await s.login('manager.yuen'),
      decide(argsId(leesOwn), 'approve', 'escalated'),
    );
  });

  it('[AP4] an approver needs authority at least equal to the amount, under the current limits', async () => {
    const beyondManagers = askFor(20_000.01);
    await expectApplied(s, token('frontline.chan'), beyondManagers);
    expect(
      await pushOne(
        s,
        token('manager.lee'),
        decide(argsId(beyondManagers), 'approve', 'escalated'),
      ),
    ).toMatchObject({ code: 'forbidden', message: expect.stringContaining('authority') });
    // Nor may they reject it: a decision either way needs the authority.
    expect(
      await pushOne(
        s,
        token('manager.lee'),
        decide(argsId(beyondManagers), 'reject', 'escalated', 'No'),
      ),
    ).toMatchObject({ code: 'forbidden' });

    // Limits change after the request was made: the supervisor's bill credit drops to HK$500.
    const asked = askFor(900);
    await expectApplied(s, token('frontline.chan'), asked);
    const current = s.org.limitSet;
    const lowered: LimitSet = {
      ...current,
      id: '019a0000-0000-7000-8000-00000000f002',
      version: current.version + 1,
      rules: current.rules.map((r) =>
        r.role === 'supervisor' && r.compensationType === 'bill_credit' && r.product === '*'
          ? { ...r, maxPerCase: 50_000 }
          : r,
      ),
    };
    await s.store.putDocs([
      {
        kind: 'limit_set',
        id: lowered.id,
        ownerId: null,
        teamId: null,
        orgId: null,
        audience: 'all',
        data: lowered,
      },
    ]);
    expect(
      await pushOne(s, token('supervisor.wong'), decide(argsId(asked), 'approve')),
    ).toMatchObject({ code: 'forbidden', message: expect.stringContaining('authority') });
    expect((await requestOf(s, argsId(asked))).state).toBe('pending');
    await s.store.putDocs([
      {
        kind: 'limit_set',
        id: lowered.id,
        ownerId: null,
        teamId: null,
        orgId: null,
        audience: 'all',
        data: lowered,
        deleted: true,
      },
    ]);
  });
});
