import {
  approvalAuthority,
  approvalCommandRefusal,
  canApprove,
  isOpen,
  normalisePhoneCode,
  requestCode,
  teamsLedBy,
  verifyApprovalCode,
  type ApprovalActor,
  type ApprovalRequest,
  type ApprovalUserCommand,
  type Incident,
  type LimitException,
  type LimitSet,
  type PhoneApproval,
  type PhoneCodeIssueRequest,
  type PhoneCodeIssueResponse,
  type Recovery,
  type Tactic,
  type User,
} from '../../../shared/index.ts';
import type { FrontlineDb } from '../db/database.ts';
import { getDoc, getDocsById, latestVersion, listDocs } from '../db/docs.ts';
import { liveRead } from '../db/live.ts';
import { getMeta } from '../db/meta.ts';
import type { LocalRecordRow, Rejection, StoredSession } from '../db/rows.ts';
import { iso, requireSession, type StoreContext } from './context.ts';
import type { Readable } from './readable.ts';
import { writeRecord } from './record-write.ts';
import { StoreError } from './store-error.ts';

// Approvals on the device (docs/approvals.md): the supervisor's inbox built from pulled documents,
// decisions and acknowledgements queued in the outbox like any record (AP2 tells which lost a
// race), and the requester's side — withdraw, mark given, and approval codes by phone (AP13).

type LocalOf<N extends LocalRecordRow['name']> = Extract<LocalRecordRow, { name: N }>;

/** A decision of mine on this request, not yet confirmed by the server. */
export interface QueuedDecision {
  readonly decision: 'approve' | 'reject';
  readonly reason: string | null;
  readonly at: number;
}

/** One request in the approver's inbox, with what is needed to decide it. */
export interface InboxApproval {
  readonly request: ApprovalRequest;
  readonly requester: User | null;
  readonly recovery: Recovery | null;
  readonly incident: Incident | null;
  readonly tactics: readonly Tactic[];
  /** My decision, saved on this device and waiting to sync; the request stays listed until then. */
  readonly queued: QueuedDecision | null;
}

/** A limit exception waiting for a supervisor's or manager's acknowledgement (AP9). */
export interface InboxException {
  readonly exception: LimitException;
  readonly requester: User | null;
  readonly recovery: Recovery | null;
  /** My acknowledgement is saved on this device and waits to sync. */
  readonly isQueued: boolean;
}

/** A decision of mine the server refused: most often someone else decided first (AP2). */
export interface RefusedDecision {
  /** The local record of my decision (discard it to dismiss). */
  readonly id: string;
  readonly decision: 'approve' | 'reject';
  readonly rejection: Rejection;
  readonly request: ApprovalRequest | null;
  readonly requester: User | null;
  /** Who decided first, by name, when the request says so. */
  readonly decidedBy: string | null;
}

export interface Inbox {
  /** Whether this user decides approvals at all (supervisors and managers). */
  readonly isApprover: boolean;
  /** Oldest first: what waits on me now. */
  readonly approvals: readonly InboxApproval[];
  readonly exceptions: readonly InboxException[];
  readonly refused: readonly RefusedDecision[];
  /** For the badge: approvals and exceptions waiting on me, minus those I have already answered. */
  readonly count: number;
}

const EMPTY_INBOX: Inbox = {
  isApprover: false,
  approvals: [],
  exceptions: [],
  refused: [],
  count: 0,
};

/** The requester's view of one of their recoveries that needed approval. */
export interface MyApproval {
  readonly request: ApprovalRequest | null;
  /** Who decided, by name (the request says; a requester's device holds no one else's user). */
  readonly decidedBy: string | null;
  /** Waiting for the server (not synced yet): *queued for approval*. */
  readonly isQueued: boolean;
  /** Approved on this device by an approval code a supervisor gave by phone (AP13). */
  readonly isPhoneApproved: boolean;
  readonly mayWithdraw: boolean;
  readonly mayMarkGiven: boolean;
  /** A withdraw or mark-given of mine waits to sync. */
  readonly pendingCommand: 'approval.withdraw' | 'recovery.markGiven' | null;
}

export interface ApprovalsStore {
  readonly inbox: Readable<Inbox>;
  /** The requester's side of a recovery of mine; null when it never needed approval. */
  myApproval(recoveryId: string): Readable<MyApproval | null>;
  /**
   * Approves or rejects, on what I saw (`expectedState`): saved on the device and pushed like any
   * record, so a decision taken while briefly offline is applied when the signal returns, in order.
   * Refused at once (StoreError) when the rules (AP4) already say no on this device's copy.
   */
  decide(requestId: string, decision: 'approve' | 'reject', reason?: string): Promise<void>;
  acknowledgeException(exceptionId: string, comment: string): Promise<void>;
  withdraw(recoveryId: string): Promise<void>;
  markGiven(recoveryId: string): Promise<void>;
  /** Whether this device can take an approval code by phone: it holds the user's key (AP12). */
  canUsePhoneCodes(): Promise<boolean>;
  /** Checks a typed approval code offline (AP13.3): the phone approval to save with the recovery. */
  checkPhoneCode(input: PhoneRequestInput, typed: string): Promise<PhoneApproval>;
  /** The people whose requests I may decide by phone: my teams' members, not me. */
  teamMembers(): Promise<User[]>;
  /** Asks the server for an approval code (AP13.2): needs a connection; nothing is queued. */
  issuePhoneCode(request: PhoneCodeIssueRequest): Promise<PhoneCodeIssueResponse>;
}

export interface PhoneRequestInput {
  readonly recoveryId: string;
  readonly amount: Recovery['amount'];
  readonly customerRef: string;
}

function actorFor(
  user: User,
  ledTeams: readonly string[],
  limits: LimitSet | null,
  request: ApprovalRequest,
): ApprovalActor {
  return {
    id: user.id,
    role: user.role,
    ledTeamIds: ledTeams,
    authority: approvalAuthority(
      limits?.rules ?? [],
      user.role,
      request.scope,
      request.compensationType,
      request.amount.currency,
    ),
  };
}

async function usersById(db: FrontlineDb): Promise<Map<string, User>> {
  return new Map((await listDocs(db, 'user')).map((u) => [u.id, u]));
}

/**
 * Who decided the request, by name: from the decider's user where this device holds it, else as
 * the request names them; null while undecided.
 */
function deciderName(
  request: ApprovalRequest | null,
  userOf: (id: string) => User | undefined,
): string | null {
  if (!request?.decidedBy) return null;
  return userOf(request.decidedBy)?.displayName ?? request.decidedByName ?? null;
}

async function myLocalRows<N extends LocalRecordRow['name']>(
  db: FrontlineDb,
  userId: string,
  name: N,
): Promise<LocalOf<N>[]> {
  const rows = await db.local.where('name').equals(name).toArray();
  return rows.filter((r): r is LocalOf<N> => r.name === name && r.userId === userId);
}

async function loadInbox(db: FrontlineDb, session: StoredSession): Promise<Inbox> {
  const me = session.user;
  if (!canApprove(me.role)) return EMPTY_INBOX;
  const [requests, exceptions, users, teams, limits, decisions, acks] = await Promise.all([
    listDocs(db, 'approval_request'),
    listDocs(db, 'limit_exception'),
    usersById(db),
    listDocs(db, 'team'),
    latestVersion(db, 'limit_set'),
    myLocalRows(db, me.id, 'approval.decide'),
    myLocalRows(db, me.id, 'limitException.acknowledge'),
  ]);
  const led = teamsLedBy(me, teams);
  const queuedFor = new Map<string, QueuedDecision>();
  const refused: RefusedDecision[] = [];
  const requestById = new Map(requests.map((r) => [r.id, r]));
  for (const row of decisions) {
    const { requestId, decision, reason } = row.args;
    if (row.state === 'saved_on_device') {
      queuedFor.set(requestId, { decision, reason: reason ?? null, at: row.createdAt });
    } else if (row.state === 'needs_attention' && row.rejection) {
      const request = requestById.get(requestId) ?? null;
      refused.push({
        id: row.id,
        decision,
        rejection: row.rejection,
        request,
        requester: request ? (users.get(request.requesterId) ?? null) : null,
        decidedBy: deciderName(request, (id) => users.get(id)),
      });
    }
  }
  const approvals: InboxApproval[] = [];
  const mine = requests.filter(
    (request) =>
      isOpen(request.state) &&
      approvalCommandRefusal(
        request,
        'approve',
        actorFor(me, led, limits, request),
        request.state,
      ) === null,
  );
  const toAcknowledge = exceptions
    .filter(
      (e) =>
        e.acknowledgement === null &&
        e.userId !== me.id &&
        (me.role === 'manager' || (e.teamId !== null && led.includes(e.teamId))),
    )
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  // What the cards show, each kind in one read rather than one per request or exception.
  const [recoveries, incidents, tacticsById] = await Promise.all([
    getDocsById(db, 'recovery', [
      ...mine.map((r) => r.recoveryId),
      ...toAcknowledge.map((e) => e.recoveryId),
    ]),
    getDocsById(
      db,
      'incident',
      mine.flatMap((r) => (r.incidentId ? [r.incidentId] : [])),
    ),
    getDocsById(
      db,
      'tactic',
      mine.flatMap((r) => r.tacticIds),
    ),
  ]);
  for (const request of mine) {
    approvals.push({
      request,
      requester: users.get(request.requesterId) ?? null,
      recovery: recoveries.get(request.recoveryId) ?? null,
      incident: request.incidentId ? (incidents.get(request.incidentId) ?? null) : null,
      tactics: request.tacticIds.flatMap((id) => tacticsById.get(id) ?? []),
      queued: queuedFor.get(request.id) ?? null,
    });
  }
  approvals.sort((a, b) => a.request.createdAt.localeCompare(b.request.createdAt));
  const acked = new Set(
    acks.filter((r) => r.state !== 'needs_attention').map((r) => r.args.exceptionId),
  );
  const waitingExceptions: InboxException[] = toAcknowledge.map((exception) => ({
    exception,
    requester: users.get(exception.userId) ?? null,
    recovery: recoveries.get(exception.recoveryId) ?? null,
    isQueued: acked.has(exception.id),
  }));
  return {
    isApprover: true,
    approvals,
    exceptions: waitingExceptions,
    refused,
    count:
      approvals.filter((a) => a.queued === null).length +
      waitingExceptions.filter((e) => !e.isQueued).length,
  };
}

/** The request this device has for a recovery: by the recovery's link, else by its id (AP3). */
async function requestOf(db: FrontlineDb, recovery: Recovery | undefined, recoveryId: string) {
  return (await getDoc(db, 'approval_request', recovery?.approvalRequestId ?? recoveryId)) ?? null;
}

export function createApprovalsStore(ctx: StoreContext): ApprovalsStore {
  const { db, now } = ctx;

  /** Refuses on the device what the server would refuse (AP4), in the same words. */
  async function refuseEarly(
    session: StoredSession,
    request: ApprovalRequest,
    command: ApprovalUserCommand,
  ): Promise<void> {
    const [teams, limits] = await Promise.all([
      listDocs(db, 'team'),
      latestVersion(db, 'limit_set'),
    ]);
    const actor = actorFor(session.user, teamsLedBy(session.user, teams), limits, request);
    const refusal = approvalCommandRefusal(request, command, actor, request.state);
    if (refusal) throw new StoreError(refusal.code, refusal.message, `args.${refusal.field}`);
  }

  async function phoneKey(): Promise<string | null> {
    const session = await getMeta(db, 'session');
    if (!session) return null;
    return (await getDoc(db, 'approval_key', session.user.id))?.key ?? null;
  }

  return {
    inbox: liveRead(async () => {
      const session = await getMeta(db, 'session');
      return session ? loadInbox(db, session) : EMPTY_INBOX;
    }),

    myApproval: (recoveryId) =>
      liveRead(async () => {
        const session = await getMeta(db, 'session');
        if (!session) return null;
        const [recovery, local] = await Promise.all([
          getDoc(db, 'recovery', recoveryId),
          db.local.get(recoveryId),
        ]);
        const needsApproval =
          recovery?.approvalRequestId != null ||
          recovery?.status === 'awaiting_approval' ||
          (local?.name === 'recovery.record' &&
            local.args.deviceDecision.outcome === 'needs_approval');
        if (!needsApproval) return null;
        const [request, withdraws, markGivens] = await Promise.all([
          requestOf(db, recovery, recoveryId),
          myLocalRows(db, session.user.id, 'approval.withdraw'),
          myLocalRows(db, session.user.id, 'recovery.markGiven'),
        ]);
        const decider = request?.decidedBy
          ? await getDoc(db, 'user', request.decidedBy)
          : undefined;
        const pending = [
          ...withdraws.filter((r) => r.args.requestId === request?.id),
          ...markGivens.filter((r) => r.args.recoveryId === recoveryId),
        ].filter((r) => r.state === 'saved_on_device');
        const pendingCommand = pending[0]?.name ?? null;
        const isMine = (recovery?.recordedBy ?? local?.userId) === session.user.id;
        const deviceDecision =
          local?.name === 'recovery.record' ? local.args.deviceDecision : recovery?.deviceDecision;
        return {
          request,
          decidedBy: deciderName(request, () => decider),
          isQueued: request === null && recovery === undefined,
          isPhoneApproved: deviceDecision?.phoneApproval !== undefined,
          mayWithdraw:
            isMine && pendingCommand === null && request !== null && isOpen(request.state),
          mayMarkGiven: isMine && pendingCommand === null && recovery?.status === 'approved',
          pendingCommand,
        };
      }),

    async decide(requestId, decision, reason) {
      const session = await requireSession(db);
      const request = await getDoc(db, 'approval_request', requestId);
      if (!request)
        throw new StoreError('not_found', 'No such request on this device', 'args.requestId');
      await refuseEarly(session, request, decision);
      await writeRecord(ctx, 'approval.decide', () => ({
        requestId,
        decision,
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
        expectedState: request.state,
      }));
    },

    async acknowledgeException(exceptionId, comment) {
      await writeRecord(ctx, 'limitException.acknowledge', () => ({ exceptionId, comment }));
    },

    async withdraw(recoveryId) {
      const session = await requireSession(db);
      const recovery = await getDoc(db, 'recovery', recoveryId);
      const request = await requestOf(db, recovery, recoveryId);
      if (!request) {
        throw new StoreError(
          'not_found',
          'This request has not reached the server yet',
          'args.requestId',
        );
      }
      await refuseEarly(session, request, 'withdraw');
      await writeRecord(ctx, 'approval.withdraw', () => ({
        requestId: request.id,
        expectedState: request.state,
      }));
    },

    async markGiven(recoveryId) {
      const recovery = await getDoc(db, 'recovery', recoveryId);
      if (recovery && recovery.status !== 'approved') {
        throw new StoreError(
          'invalid_transition',
          `Only an approved recovery can be marked given; this one is ${recovery.status}`,
          'args.recoveryId',
        );
      }
      await writeRecord(ctx, 'recovery.markGiven', () => ({ recoveryId }));
    },

    canUsePhoneCodes: async () => (await phoneKey()) !== null,

    async teamMembers() {
      const session = await requireSession(db);
      const me = session.user;
      const led = teamsLedBy(me, await listDocs(db, 'team'));
      return (await listDocs(db, 'user'))
        .filter(
          (u) =>
            u.id !== me.id &&
            u.active &&
            u.role !== 'manager' &&
            u.role !== 'auditor' &&
            (me.role === 'manager' || (u.teamId !== null && led.includes(u.teamId))),
        )
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },

    async issuePhoneCode(request) {
      const session = await requireSession(db);
      return ctx.api.issuePhoneCode(session.token, request);
    },

    async checkPhoneCode(input, typed) {
      const session = await requireSession(db);
      const key = await phoneKey();
      if (key === null) {
        throw new StoreError('forbidden', 'This device has no key for approval codes', 'code');
      }
      const code = requestCode({ ...input, requesterId: session.user.id });
      const nowMs = now();
      const check = verifyApprovalCode(
        key,
        { requestCode: code, amount: input.amount },
        typed,
        nowMs,
      );
      if (!check.ok) {
        throw new StoreError(
          'validation',
          'This approval code does not match this request and amount, or it has expired',
          'code',
        );
      }
      return {
        code: normalisePhoneCode(typed),
        window: check.window,
        approverId: null,
        enteredAt: iso(nowMs),
      };
    },
  };
}
