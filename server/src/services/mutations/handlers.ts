import type { Mutation, MutationName, MutationOf } from '../../../../shared/index.ts';
import type { Batch } from '../sync/batch.ts';
import { recordRecovery } from './recovery.ts';
import {
  acknowledgeLimitException,
  decideApproval,
  markRecoveryGiven,
  withdrawApproval,
} from './approvals.ts';
import {
  acknowledgePlan,
  recordCompetitorAction,
  recordIncident,
  sendFeedback,
  setIncidentStatus,
  updateTask,
} from './records.ts';

type Handler<N extends MutationName> = (batch: Batch, m: MutationOf<N>) => Promise<void>;

/** One handler per mutation name; the compiler checks none is missing. */
const handlers: { [N in MutationName]: Handler<N> } = {
  'incident.record': recordIncident,
  'incident.setStatus': setIncidentStatus,
  'recovery.record': recordRecovery,
  'competitorAction.record': recordCompetitorAction,
  'feedback.send': sendFeedback,
  'plan.acknowledge': acknowledgePlan,
  'task.update': updateTask,
  'approval.decide': decideApproval,
  'approval.withdraw': withdrawApproval,
  'recovery.markGiven': markRecoveryGiven,
  'limitException.acknowledge': acknowledgeLimitException,
};

/** The document kind each creating mutation makes, keyed by its `args.id`. */
export const CREATED_KIND: Partial<Record<MutationName, string>> = {
  'incident.record': 'incident',
  'recovery.record': 'recovery',
  'competitorAction.record': 'competitor_action',
  'feedback.send': 'feedback',
  'plan.acknowledge': 'acknowledgement',
  'task.update': 'task_update',
};

export function applyMutation(batch: Batch, m: Mutation): Promise<void> {
  return (handlers[m.name] as Handler<MutationName>)(batch, m as MutationOf<MutationName>);
}
