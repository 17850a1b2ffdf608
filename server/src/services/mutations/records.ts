import {
  canMoveIncident,
  findTask,
  type Acknowledgement,
  type CompetitorAction,
  type Feedback,
  type Incident,
  type MutationOf,
  type PlanVersion,
  type TaskUpdate,
} from '../../../../shared/index.ts';
import type { Batch } from '../sync/batch.ts';
import { reject } from '../sync/rejection.ts';
import { recordOwnership } from '../sync/visibility.ts';
import { checkNew, checkOrganisation, checkRegion, checkScope } from './checks.ts';

function ownership(batch: Batch) {
  return {
    recordedBy: batch.user.id,
    teamId: batch.user.teamId,
    orgId: batch.user.orgId,
    receivedAt: batch.now,
  };
}

export async function recordIncident(
  batch: Batch,
  m: MutationOf<'incident.record'>,
): Promise<void> {
  const a = m.args;
  await checkNew(batch, 'incident', a.id);
  await checkScope(batch, a.scope);
  checkOrganisation(batch, a.outsourcingPartyId, 'args.outsourcingPartyId');
  if (a.outsourcingPartyId && !(await batch.getDoc('outsourcing_party', a.outsourcingPartyId))) {
    throw reject.notFound('args.outsourcingPartyId', 'No such outsourcing party');
  }
  if (a.riskId && !(await batch.getDoc('risk', a.riskId)))
    throw reject.notFound('args.riskId', 'No such risk');
  const incident: Incident = {
    ...a,
    ...ownership(batch),
    orgId: batch.user.orgId ?? a.outsourcingPartyId,
    status: 'open',
    updatedAt: batch.now,
  };
  batch.putDoc({
    kind: 'incident',
    id: a.id,
    ...recordOwnership(batch.user),
    orgId: incident.orgId,
    data: incident,
  });
  batch.audit({
    action: 'create',
    entityKind: 'incident',
    entityId: a.id,
    deviceAt: m.clientTime,
    detail: { category: a.category },
  });
}

export async function setIncidentStatus(
  batch: Batch,
  m: MutationOf<'incident.setStatus'>,
): Promise<void> {
  const { incidentId, status } = m.args;
  const doc = await batch.getDoc('incident', incidentId);
  if (!doc) throw reject.notFound('args.incidentId', 'No such incident');
  const incident = doc.data as Incident;
  const { user } = batch;
  const mayChange =
    incident.recordedBy === user.id ||
    user.role === 'manager' ||
    (await batch.supervises(incident.teamId));
  if (!mayChange) throw reject.forbidden('args.incidentId', 'You may not change this incident');
  if (!canMoveIncident(incident.status, status)) {
    throw reject.transition(
      'args.status',
      `An incident cannot move from ${incident.status} to ${status}`,
    );
  }
  batch.putDoc({ ...doc, data: { ...incident, status, updatedAt: batch.now } });
  batch.audit({
    action: 'update',
    entityKind: 'incident',
    entityId: incidentId,
    deviceAt: m.clientTime,
    detail: { from: incident.status, to: status },
  });
}

export async function recordCompetitorAction(
  batch: Batch,
  m: MutationOf<'competitorAction.record'>,
): Promise<void> {
  const a = m.args;
  await checkNew(batch, 'competitor_action', a.id);
  await checkRegion(batch, a.region, 'args.region');
  const products = await batch.referenceCodes('product');
  a.products.forEach((p, i) => {
    if (!products.has(p)) throw reject.validation(`args.products.${i}`, `Unknown product "${p}"`);
  });
  const segments = await batch.referenceCodes('segment');
  a.segments.forEach((s, i) => {
    if (!segments.has(s)) throw reject.validation(`args.segments.${i}`, `Unknown segment "${s}"`);
  });
  const action: CompetitorAction = { ...a, ...ownership(batch), assessment: null };
  batch.putDoc({
    kind: 'competitor_action',
    id: a.id,
    ...recordOwnership(batch.user),
    data: action,
  });
  batch.audit({
    action: 'create',
    entityKind: 'competitor_action',
    entityId: a.id,
    deviceAt: m.clientTime,
  });
}

async function planVersion(batch: Batch, id: string, field: string): Promise<PlanVersion> {
  const doc = await batch.getDoc('plan_version', id);
  if (!doc) throw reject.notFound(field, 'No such plan version');
  return doc.data as PlanVersion;
}

export async function sendFeedback(batch: Batch, m: MutationOf<'feedback.send'>): Promise<void> {
  const a = m.args;
  await checkNew(batch, 'feedback', a.id);
  if (a.subject.kind === 'plan_section')
    await planVersion(batch, a.subject.planVersionId, 'args.subject.planVersionId');
  if (a.subject.kind === 'risk' && !(await batch.getDoc('risk', a.subject.riskId))) {
    throw reject.notFound('args.subject.riskId', 'No such risk');
  }
  const feedback: Feedback = { ...a, ...ownership(batch), answer: null };
  batch.putDoc({ kind: 'feedback', id: a.id, ...recordOwnership(batch.user), data: feedback });
  batch.audit({ action: 'create', entityKind: 'feedback', entityId: a.id, deviceAt: m.clientTime });
}

export async function acknowledgePlan(
  batch: Batch,
  m: MutationOf<'plan.acknowledge'>,
): Promise<void> {
  const a = m.args;
  await checkNew(batch, 'acknowledgement', a.id);
  const plan = await planVersion(batch, a.planVersionId, 'args.planVersionId');
  const ack: Acknowledgement = { ...a, ...ownership(batch) };
  batch.putDoc({ kind: 'acknowledgement', id: a.id, ...recordOwnership(batch.user), data: ack });
  batch.audit({
    action: 'acknowledge',
    entityKind: 'plan_version',
    entityId: a.planVersionId,
    deviceAt: m.clientTime,
    detail: { version: plan.version, acknowledgedAt: a.acknowledgedAt },
  });
}

export async function updateTask(batch: Batch, m: MutationOf<'task.update'>): Promise<void> {
  const a = m.args;
  await checkNew(batch, 'task_update', a.id);
  const plan = await planVersion(batch, a.planVersionId, 'args.planVersionId');
  const task = findTask(plan, a.taskId);
  if (!task) throw reject.notFound('args.taskId', 'No such task in this plan version');
  if (task.ownerId !== batch.user.id && batch.user.role !== 'manager') {
    throw reject.forbidden('args.taskId', 'Only the task owner may update it');
  }
  const update: TaskUpdate = { ...a, ...ownership(batch) };
  batch.putDoc({ kind: 'task_update', id: a.id, ...recordOwnership(batch.user), data: update });
  batch.audit({
    action: 'update',
    entityKind: 'task',
    entityId: a.taskId,
    deviceAt: m.clientTime,
    detail: { status: a.status, kpiActual: a.kpiActual },
  });
}
