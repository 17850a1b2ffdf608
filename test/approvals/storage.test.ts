import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/index.ts';
import {
  PRIVATE_AUDIENCE,
  type ApprovalIndexEntry,
  type PhoneApprovalRecord,
  type Store,
} from '../../server/src/storage/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { openFreshStore } from '../support/harness.ts';

// The storage the approvals add (migration 002 and the private audience), on both databases.

const entry = (over: Partial<ApprovalIndexEntry>): ApprovalIndexEntry => ({
  id: uuidv7(),
  state: 'pending',
  assignedRole: 'supervisor',
  teamId: 't1',
  requesterId: 'u1',
  recoveryId: uuidv7(),
  amount: 100,
  currency: 'HKD',
  createdMs: 1_000,
  slaDueMs: 2_000,
  expiresMs: 10_000,
  updatedAt: '2026-11-23T02:00:00.000Z',
  ...over,
});

describe.each(databaseTargets())('approval storage on $name', ({ name }) => {
  let store: Store;
  beforeEach(async () => {
    store = (await openFreshStore(name)).store;
  });
  afterEach(async () => {
    await store.close();
  });

  it('a private document reaches only its owner, even a viewer who sees everything', async () => {
    await store.putDocs([
      {
        kind: 'approval_key',
        id: 'u1',
        ownerId: 'u1',
        teamId: null,
        orgId: null,
        audience: PRIVATE_AUDIENCE,
        data: { k: 1 },
      },
      {
        kind: 'approval_key',
        id: 'u2',
        ownerId: 'u2',
        teamId: null,
        orgId: null,
        audience: PRIVATE_AUDIENCE,
        data: { k: 2 },
      },
      {
        kind: 'incident',
        id: 'i1',
        ownerId: 'u2',
        teamId: 't1',
        orgId: null,
        audience: 'record',
        data: {},
      },
    ]);
    const ids = async (userId: string, seesEverything: boolean, teamIds: string[] = []) =>
      (
        await store.pullDocs(
          { txid: 0, seq: 0 },
          { seesEverything, audiences: ['all'], userId, teamIds },
          100,
        )
      ).map((r) => `${r.kind}:${r.id}`);
    expect(await ids('manager', true)).toEqual(['incident:i1']);
    expect(await ids('u1', true)).toEqual(['approval_key:u1', 'incident:i1']);
    expect(await ids('u1', false)).toEqual(['approval_key:u1']);
    expect(await ids('supervisor', false, ['t1'])).toEqual(['incident:i1']);
  });

  it('lists open requests oldest first, by team or all, and claims only what is due', async () => {
    const old = entry({ createdMs: 1, slaDueMs: 500 });
    const escalated = entry({
      createdMs: 2,
      state: 'escalated',
      assignedRole: 'manager',
      slaDueMs: 1,
      expiresMs: 9_000,
    });
    const other = entry({ createdMs: 3, teamId: 't2', slaDueMs: 5_000 });
    const done = entry({ createdMs: 0, state: 'approved', slaDueMs: 1, expiresMs: 1 });
    const expiring = entry({ createdMs: 4, state: 'escalated', expiresMs: 800 });
    await store.upsertApprovals([other, escalated, old, done, expiring]);
    expect((await store.listOpenApprovals(['t1'])).map((e) => e.id)).toEqual([
      old.id,
      escalated.id,
      expiring.id,
    ]);
    expect((await store.listOpenApprovals(null)).map((e) => e.id)).toEqual([
      old.id,
      escalated.id,
      other.id,
      expiring.id,
    ]);
    expect(await store.listOpenApprovals([])).toEqual([]);
    // At 1,000 ms: the pending one past its SLA and the escalated one past its expiry.
    const due = await store.transaction((tx) => tx.claimDueApprovals(1_000, 10));
    expect(due.map((e) => e.id)).toEqual([old.id, expiring.id]);
    expect(due[0]).toEqual(old);

    await store.upsertApprovals([{ ...old, state: 'escalated', assignedRole: 'manager' }]);
    expect(
      (await store.transaction((tx) => tx.claimDueApprovals(1_000, 10))).map((e) => e.id),
    ).toEqual([expiring.id]);
  });

  it('a phone approval code is used by one recovery only', async () => {
    const record: PhoneApprovalRecord = {
      id: uuidv7(),
      requesterId: 'u1',
      requestCode: '12345678',
      approverId: 's1',
      amount: 80_000,
      currency: 'HKD',
      compensationType: 'bill_credit',
      window: 42,
      code: '87654321',
      issuedMs: 1_000,
      expiresMs: 2_000,
      usedBy: null,
    };
    await store.insertPhoneApproval(record);
    await store.insertPhoneApproval({ ...record, id: uuidv7(), issuedMs: 1_500, code: '11112222' });
    const found = await store.findPhoneApprovals('u1', '12345678');
    expect(found.map((r) => r.code)).toEqual(['11112222', '87654321']);
    expect(found[1]).toEqual(record);
    expect(await store.findPhoneApprovals('u2', '12345678')).toEqual([]);
    expect(await store.usePhoneApproval(record.id, 'r1')).toBe(true);
    expect(await store.usePhoneApproval(record.id, 'r1')).toBe(true);
    expect(await store.usePhoneApproval(record.id, 'r2')).toBe(false);
    expect((await store.findPhoneApprovals('u1', '12345678'))[1]?.usedBy).toBe('r1');
  });
});
