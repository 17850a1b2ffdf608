import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestCode, uuidv7, type Recovery } from '../../shared/index.ts';
import { myUsage } from '../../web/src/stores/limits-query.ts';
import { HKD, NEEDS_APPROVAL } from '../approvals/helpers.ts';
import { recoveryArgs } from '../support/factories.ts';
import { mutation, TEST_NOW, type TestServer } from '../support/harness.ts';
import {
  closeRig,
  device,
  openRig,
  recovery,
  settle,
  type Device,
  type Rig,
  type Wire,
} from './helpers.ts';

// The approval flow on real devices (web stores + sync engine over fake-indexeddb) against the
// real server in-process: the requester's side and the approver's inbox (docs/approvals.md).

let rig: Rig;
let s: TestServer;
let w: Wire;
let chan: Device;
let wong: Device;
const extra: Device[] = [];

/** A second phone on the same server, signed in as `username`, its engine running. */
async function phoneOf(username: string, password: string): Promise<Device> {
  const d = device(w);
  extra.push(d);
  d.engine.start();
  await d.stores.session.signIn(username, password);
  await d.engine.whenIdle();
  return d;
}

async function sync(...devices: Device[]): Promise<void> {
  for (const d of devices) {
    await d.stores.sync.syncNow();
    await settle(d);
  }
}

/** Over chan's HK$300 a case, within wong's HK$2,000 authority (server/src/seed/demo-data.ts). */
const OVER_LIMIT = recovery({ amount: HKD(500) });

beforeEach(async () => {
  rig = await openRig({ isStarted: true });
  ({ s, w, d: chan } = rig);
  wong = await phoneOf('supervisor.wong', 'supervisor-demo');
});
afterEach(async () => {
  for (const d of extra.splice(0)) {
    await d.engine.stop();
    d.db.close();
  }
  await closeRig(rig);
});

describe('approvals on the device', () => {
  it('[AP3][AP5] queued offline, decided in the supervisor’s inbox, approved on the requester’s phone, then marked given', async () => {
    chan.browser.setOnline(false);
    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    expect(saved.status).toBe('awaiting_approval');
    const queued = await chan.stores.approvals.myApproval(saved.id).read();
    expect(queued).toMatchObject({ isQueued: true, request: null, mayMarkGiven: false });

    chan.browser.setOnline(true);
    await sync(chan, wong);
    const inbox = await wong.stores.approvals.inbox.read();
    expect(inbox.count).toBe(1);
    const [item] = inbox.approvals;
    expect(item?.request).toMatchObject({ recoveryId: saved.id, state: 'pending' });
    expect(item?.requester?.username).toBe('frontline.chan');
    expect(item?.recovery?.customerRef).toBe(OVER_LIMIT.customerRef);
    expect(item?.request.exceeded.map((e) => e.code)).toContain('over_per_case');

    const waiting = await chan.stores.approvals.myApproval(saved.id).read();
    expect(waiting).toMatchObject({ isQueued: false, mayWithdraw: true, mayMarkGiven: false });
    expect(waiting?.request?.state).toBe('pending');

    // Decided while briefly offline: queued, the badge drops at once, applied when back online.
    wong.browser.setOnline(false);
    await wong.stores.approvals.decide(saved.id, 'approve');
    const afterDecide = await wong.stores.approvals.inbox.read();
    expect(afterDecide.count).toBe(0);
    expect(afterDecide.approvals[0]?.queued?.decision).toBe('approve');
    wong.browser.setOnline(true);
    await sync(wong);
    expect((await wong.stores.approvals.inbox.read()).approvals).toHaveLength(0);

    await sync(chan);
    const approved = await chan.stores.approvals.myApproval(saved.id).read();
    expect(approved?.request?.state).toBe('approved');
    expect(approved?.decidedBy).toBe(s.user('supervisor.wong').displayName);
    expect(approved).toMatchObject({ mayMarkGiven: true, mayWithdraw: false });

    await chan.stores.approvals.markGiven(saved.id);
    expect((await chan.stores.approvals.myApproval(saved.id).read())?.pendingCommand).toBe(
      'recovery.markGiven',
    );
    await sync(chan);
    const doc = (await s.store.getDocs('recovery', [saved.id])).get(saved.id)?.data as Recovery;
    expect(doc.status).toBe('given');
  });

  it('[AP5] a rejection reaches the requester with its reason; only an approved recovery can be marked given', async () => {
    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    await sync(chan, wong);
    await wong.stores.approvals.decide(saved.id, 'reject', 'Send the evidence first');
    await sync(wong, chan);
    const view = await chan.stores.approvals.myApproval(saved.id).read();
    expect(view?.request).toMatchObject({ state: 'rejected', reason: 'Send the evidence first' });
    expect(view?.mayMarkGiven).toBe(false);
    await expect(chan.stores.approvals.markGiven(saved.id)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('[AP2] a decision queued offline that lost the race says who decided first', async () => {
    const lee = await phoneOf('manager.lee', 'manager-demo');
    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    await sync(chan, wong, lee);
    wong.browser.setOnline(false);
    await wong.stores.approvals.decide(saved.id, 'approve');
    await lee.stores.approvals.decide(saved.id, 'reject', 'Offer a different remedy');
    await sync(lee);
    wong.browser.setOnline(true);
    await sync(wong);
    const inbox = await wong.stores.approvals.inbox.read();
    expect(inbox.approvals).toHaveLength(0);
    expect(inbox.refused).toHaveLength(1);
    expect(inbox.refused[0]).toMatchObject({
      decision: 'approve',
      rejection: { code: 'conflict' },
      request: { state: 'rejected' },
    });
    expect(inbox.refused[0]?.decidedBy).toBe(s.user('manager.lee').displayName);
    // Dismissing it removes the note, nothing else.
    await wong.stores.records.discard(inbox.refused[0]?.id ?? '');
    expect((await wong.stores.approvals.inbox.read()).refused).toHaveLength(0);
    const request = (await s.store.getDocs('approval_request', [saved.id])).get(saved.id);
    expect(request?.data).toMatchObject({ state: 'rejected' });
  });

  it('[AP4] the device refuses at once what the server would: a decision on my own request', async () => {
    const own = await wong.stores.records.recordRecovery(recovery({ amount: HKD(5_000) }));
    await sync(wong);
    await expect(wong.stores.approvals.decide(own.id, 'approve')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await wong.stores.approvals.inbox.read()).approvals).toHaveLength(0);
  });

  it('[AP7] the requester withdraws; the request leaves the supervisor’s inbox', async () => {
    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT);
    await sync(chan, wong);
    expect((await wong.stores.approvals.inbox.read()).count).toBe(1);
    await chan.stores.approvals.withdraw(saved.id);
    await sync(chan, wong);
    expect((await wong.stores.approvals.inbox.read()).count).toBe(0);
    expect((await chan.stores.approvals.myApproval(saved.id).read())?.request?.state).toBe(
      'withdrawn',
    );
  });

  it('[AP13] a phone code while the requester stays offline: checked on the device, approved at sync', async () => {
    chan.browser.setOnline(false);
    const id = uuidv7(TEST_NOW);
    const asked = {
      recoveryId: id,
      amount: OVER_LIMIT.amount,
      customerRef: OVER_LIMIT.customerRef,
    };
    expect(await chan.stores.approvals.canUsePhoneCodes()).toBe(true);
    // What the phone shows chan to read out (phone-approval-fields.tsx).
    const readOut = requestCode({ ...asked, requesterId: s.user('frontline.chan').id });

    const members = await wong.stores.approvals.teamMembers();
    const requester = members.find((u) => u.username === 'frontline.chan');
    expect(requester).toBeDefined();
    const issued = await wong.stores.approvals.issuePhoneCode({
      requesterId: requester?.id ?? '',
      requestCode: readOut,
      amount: OVER_LIMIT.amount,
      compensationType: OVER_LIMIT.compensationType,
      scope: OVER_LIMIT.scope,
    });

    // A code for another amount, or mistyped, is refused on the device, naming the field.
    await expect(
      chan.stores.approvals.checkPhoneCode({ ...asked, amount: HKD(600) }, issued.approvalCode),
    ).rejects.toMatchObject({ code: 'validation', field: 'code' });
    const wrong = String((Number(issued.approvalCode) + 1) % 1e8).padStart(8, '0');
    await expect(chan.stores.approvals.checkPhoneCode(asked, wrong)).rejects.toMatchObject({
      field: 'code',
    });

    const phoneApproval = await chan.stores.approvals.checkPhoneCode(
      asked,
      `${issued.approvalCode.slice(0, 4)} ${issued.approvalCode.slice(4)}`,
    );
    const saved = await chan.stores.records.recordRecovery(OVER_LIMIT, { id, phoneApproval });
    expect(saved).toMatchObject({ id, status: 'approved' });
    // Given with the supervisor's approval: it counts toward chan's period use on the phone now.
    const used = await myUsage(chan.db, s.user('frontline.chan').id, TEST_NOW);
    expect(used.map((u) => u.amount)).toContainEqual(OVER_LIMIT.amount);
    expect((await chan.stores.approvals.myApproval(id).read())?.isQueued).toBe(true);

    chan.browser.setOnline(true);
    await sync(chan);
    const view = await chan.stores.approvals.myApproval(id).read();
    expect(view?.request).toMatchObject({ state: 'approved', decidedVia: 'phone_code' });
    expect(view?.decidedBy).toBe(s.user('supervisor.wong').displayName);
    expect(await s.store.listDocs('limit_exception')).toHaveLength(0);
  });

  it('[AP9] a limit exception reaches the supervisor’s inbox and is acknowledged with a comment', async () => {
    // A phone code the server never issued: the record stands, as an exception (AP14).
    const token = await s.login('frontline.chan');
    const args = recoveryArgs({
      compensationType: 'bill_credit',
      amount: HKD(450),
      deviceDecision: {
        ...NEEDS_APPROVAL,
        phoneApproval: {
          code: '12345678',
          window: Math.floor(TEST_NOW / 600_000),
          approverId: null,
          enteredAt: new Date(TEST_NOW).toISOString(),
        },
      },
    });
    await s.push(token, [mutation('recovery.record', args)]);
    await sync(wong);
    const inbox = await wong.stores.approvals.inbox.read();
    expect(inbox.exceptions).toHaveLength(1);
    expect(inbox.exceptions[0]?.exception.reasons).toContain('phone_code_invalid');
    const countBefore = inbox.count;

    await wong.stores.approvals.acknowledgeException(
      inbox.exceptions[0]?.exception.id ?? '',
      'Spoke to Chan; approved the credit in the inbox instead.',
    );
    const queued = await wong.stores.approvals.inbox.read();
    expect(queued.exceptions[0]?.isQueued).toBe(true);
    expect(queued.count).toBe(countBefore - 1);
    await sync(wong);
    expect((await wong.stores.approvals.inbox.read()).exceptions).toHaveLength(0);
    const [stored] = await s.store.listDocs('limit_exception');
    expect(stored?.data).toMatchObject({
      acknowledgement: { comment: 'Spoke to Chan; approved the credit in the inbox instead.' },
    });
  });
});
