import type { Translate } from '../../i18n/index.ts';

/** The words of a field a server or store error names (`args.scope.region` → "Region"). */
const LABELS = {
  'args.category': 'incident.category',
  'args.description': 'incident.description',
  'args.scope.product': 'scope.product',
  'args.scope.segment': 'scope.segment',
  'args.scope.region': 'scope.region',
  'args.scope': 'records.field.scope',
  'args.region': 'scope.region',
  'args.customerRef': 'form.customerRef',
  'args.outsourcingPartyId': 'incident.party',
  'args.occurredAt': 'incident.when',
  'args.severity': 'records.field.severity',
  'args.riskId': 'incident.risk',
  'args.incidentId': 'recovery.incident',
  'args.compensationType': 'recovery.type',
  'args.amount': 'recovery.amount',
  'args.reason': 'recovery.reason',
  'args.satisfaction': 'recovery.satisfaction',
  'args.deviceDecision': 'records.field.decision',
  'args.competitor': 'competitor.competitor',
  'args.actionType': 'competitor.actionType',
  'args.products': 'competitor.products',
  'args.segments': 'competitor.segments',
  'args.seenAt': 'competitor.seenAt',
  'args.predictedImpact': 'competitor.impact',
  'args.customersAtRisk': 'competitor.customersAtRisk',
  'args.subject': 'feedback.about',
  'args.kind': 'feedback.kind',
  'args.text': 'feedback.text',
  'args.planVersionId': 'records.field.planVersion',
  'args.taskId': 'records.field.task',
  'args.status': 'tasks.status',
  'args.note': 'tasks.note',
  'args.kpiActual': 'records.field.kpiActual',
  'args.id': 'records.field.id',
} as const;

/** The label of the field an error names, by its longest known prefix; null when unknown. */
export function fieldLabel(field: string | null | undefined, t: Translate): string | null {
  if (!field) return null;
  let best: keyof typeof LABELS | null = null;
  for (const prefix of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    if (
      (field === prefix || field.startsWith(`${prefix}.`)) &&
      (!best || prefix.length > best.length)
    )
      best = prefix;
  }
  return best ? t(LABELS[best]) : null;
}
