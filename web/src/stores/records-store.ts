import {
  canMoveIncident,
  uuidv7,
  type CompetitorActionInput,
  type FeedbackInput,
  type IncidentInput,
  type IncidentStatus,
  type LimitDecision,
  type MutationName,
  type PhoneApproval,
  type RecoveryInput,
} from '../../../shared/index.ts';
import { getDoc } from '../db/docs.ts';
import { liveRead } from '../db/live.ts';
import { discardRejected, replaceRejected } from '../db/local-writes.ts';
import { getMeta } from '../db/meta.ts';
import { RECORD_KIND_OF, type MutationArgs } from '../db/rows.ts';
import { deviceRecoveryStatus, type DeviceRecoveryStatus } from '../db/recovery-status.ts';
import { iso, requireWriter, validArgs, type StoreContext } from './context.ts';
import { decideOnDevice, toDeviceDecision } from './device-decision.ts';
import { loadLimitsSnapshot } from './limits-query.ts';
import { loadMyRecords, type MyRecord } from './my-records.ts';
import type { Readable } from './readable.ts';
import { localRow, writeRecord, type WriteOptions } from './record-write.ts';
import { StoreError } from './store-error.ts';

export type NewIncident = Omit<IncidentInput, 'id'>;
/** The device adds the id and its own limit decision. */
export type NewRecovery = Omit<RecoveryInput, 'id' | 'deviceDecision'>;
export type NewCompetitorAction = Omit<CompetitorActionInput, 'id'>;
export type NewFeedback = Omit<FeedbackInput, 'id' | 'sentAt'>;

export interface RecordedRecovery {
  readonly id: string;
  /** The device's decision, with every reason when approval is needed. */
  readonly decision: LimitDecision;
  /**
   * `given` within limits; `approved` with a phone approval checked on the device;
   * `awaiting_approval` otherwise, and not given until approved.
   */
  readonly status: DeviceRecoveryStatus;
}

export interface RecoveryWriteOptions extends WriteOptions {
  /** An approval code the supervisor gave by phone, checked on the device (AP13). */
  readonly phoneApproval?: PhoneApproval;
}

export interface RecordsStore {
  /** Everything I recorded, newest first, each with its sync state. */
  readonly mine: Readable<MyRecord[]>;
  /** Records a risk incident offline. Returns its id. Throws StoreError `validation` naming the field. */
  recordIncident(input: NewIncident, options?: WriteOptions): Promise<{ id: string }>;
  /** Moves one of my incidents forward (open → in recovery → resolved → closed). */
  setIncidentStatus(incidentId: string, status: IncidentStatus): Promise<{ id: string }>;
  /**
   * Records a service recovery, deciding on the device — with the shared `decideLimit`, this
   * user's period use and the age of the device's limits — whether it is given now or waits for
   * approval. The decision travels with the record; the server decides again (SY14).
   */
  recordRecovery(input: NewRecovery, options?: RecoveryWriteOptions): Promise<RecordedRecovery>;
  recordCompetitorAction(
    input: NewCompetitorAction,
    options?: WriteOptions,
  ): Promise<{ id: string }>;
  sendFeedback(input: NewFeedback, options?: WriteOptions): Promise<{ id: string }>;
  /**
   * Sends a refused record again with corrected fields, as a NEW mutation (SY7). `corrected`
   * holds only what changes. A recovery keeps its original device decision — what was given was
   * given — unless amount, type or scope changed, when the device decides again.
   * Throws `not_needing_attention` for a record that was not refused.
   */
  fixAndResend<N extends MutationName>(
    record: { readonly id: string; readonly name: N },
    corrected: Partial<MutationArgs<N>>,
  ): Promise<{ id: string }>;
  /** Gives up on a refused record: it leaves the device (the user chose; nothing is dropped silently). */
  discard(recordId: string): Promise<void>;
}

const DECISION_INPUTS = ['amount', 'compensationType', 'scope'] as const;

export function createRecordsStore(ctx: StoreContext): RecordsStore {
  const { db, engine, now } = ctx;
  const idOf = async (p: Promise<{ id: string }>) => ({ id: (await p).id });

  return {
    mine: liveRead(async () => {
      const session = await getMeta(db, 'session');
      return session ? loadMyRecords(db, session.user.id) : [];
    }),

    recordIncident: (input, options) =>
      idOf(writeRecord(ctx, 'incident.record', ({ id }) => ({ ...input, id }), options)),

    setIncidentStatus: (incidentId, status) =>
      idOf(
        writeRecord(ctx, 'incident.setStatus', async () => {
          const incident = await getDoc(db, 'incident', incidentId);
          if (incident && !canMoveIncident(incident.status, status)) {
            throw new StoreError(
              'invalid_transition',
              `An incident cannot move from ${incident.status} to ${status}`,
              'args.status',
            );
          }
          return { incidentId, status };
        }),
      ),

    async recordRecovery(input, options) {
      let decision: LimitDecision | undefined;
      const record = await writeRecord(
        ctx,
        'recovery.record',
        async ({ id, session, nowMs }) => {
          // Read inside the write's transaction: two quick recoveries cannot both use the same headroom.
          const snapshot = await loadLimitsSnapshot(db, session, nowMs);
          decision = decideOnDevice(snapshot, input, nowMs);
          const decided = toDeviceDecision(snapshot, decision, nowMs);
          // A phone approval matters only where approval is needed; within limits it is moot.
          const phoneApproval =
            decision.outcome === 'needs_approval' ? options?.phoneApproval : undefined;
          return {
            ...input,
            id,
            deviceDecision: phoneApproval ? { ...decided, phoneApproval } : decided,
          };
        },
        options,
      );
      if (!decision || record.name !== 'recovery.record')
        throw new Error('unreachable: the recovery was written without a decision');
      // The decision as saved, phone approval included, is what the status follows.
      const status = deviceRecoveryStatus(record.args.deviceDecision);
      return { id: record.id, decision, status };
    },

    recordCompetitorAction: (input, options) =>
      idOf(writeRecord(ctx, 'competitorAction.record', ({ id }) => ({ ...input, id }), options)),

    sendFeedback: (input, options) =>
      idOf(
        writeRecord(
          ctx,
          'feedback.send',
          ({ id, nowMs }) => ({ ...input, id, sentAt: iso(nowMs) }),
          options,
        ),
      ),

    async fixAndResend(record, corrected) {
      const result = await replaceRejected(db, record.id, async (refused) => {
        const session = await requireWriter(db);
        const nowMs = now();
        const args: Record<string, unknown> = {
          ...(refused.args as object),
          ...(corrected as object),
        };
        const isCreating = RECORD_KIND_OF[refused.name] !== null;
        // The id was refused as taken: the corrected record needs a new one.
        const isIdTaken =
          refused.rejection?.code === 'conflict' && refused.rejection.field === 'args.id';
        const id = isCreating && isIdTaken ? uuidv7(nowMs) : refused.id;
        if (isCreating) args.id = id;
        if (refused.name === 'recovery.record') {
          const old = refused.args;
          const hasDecisionInputChanged = DECISION_INPUTS.some(
            (k) => JSON.stringify(args[k]) !== JSON.stringify(old[k]),
          );
          if (hasDecisionInputChanged) {
            const snapshot = await loadLimitsSnapshot(db, session, nowMs, refused.id);
            const fixed = validArgs('recovery.record', {
              ...args,
              deviceDecision: old.deviceDecision,
            });
            args.deviceDecision = toDeviceDecision(
              snapshot,
              decideOnDevice(snapshot, fixed, nowMs),
              nowMs,
            );
          } else {
            args.deviceDecision = old.deviceDecision;
          }
        }
        const valid = validArgs(refused.name, args);
        return {
          record: localRow(refused.name, id, valid, session.user.id, nowMs),
          clientTime: iso(nowMs),
        };
      });
      if (!result.ok) {
        throw new StoreError(
          result.reason === 'not_found' ? 'not_found' : 'not_needing_attention',
          result.reason === 'not_found'
            ? 'No such record on this device'
            : 'Only a refused record can be fixed and sent again',
        );
      }
      engine.notifyLocalWrite();
      return { id: result.write.record.id };
    },

    async discard(recordId) {
      const result = await discardRejected(db, recordId);
      if (!result.ok) {
        throw new StoreError(
          result.reason === 'not_found' ? 'not_found' : 'not_needing_attention',
          result.reason === 'not_found'
            ? 'No such record on this device'
            : 'Only a refused record can be discarded',
        );
      }
    },
  };
}
