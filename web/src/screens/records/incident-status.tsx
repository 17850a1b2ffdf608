import { useState } from 'preact/hooks';
import {
  canMoveIncident,
  INCIDENT_STATUSES,
  type IncidentStatus,
} from '../../../../shared/index.ts';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Badge, Button, Card } from '../../ui/index.ts';
import { useAction } from '../common/use-action.ts';
import { FormError } from '../record/form-parts.tsx';

type IncidentRecord = Extract<MyRecord, { name: 'incident.record' }>;

/**
 * Where one of my incidents stands: the status the server has, or the one I set on this phone and
 * that waits to sync (the latest wins); and the moves allowed from it (forward one step, or
 * straight to closed).
 */
export function incidentStatusOf(
  incident: IncidentRecord,
  records: readonly MyRecord[],
): { readonly status: IncidentStatus; readonly isPending: boolean } {
  const pending = records
    .filter(
      (r): r is Extract<MyRecord, { name: 'incident.setStatus' }> =>
        r.name === 'incident.setStatus' &&
        r.args.incidentId === incident.id &&
        r.syncState === 'saved_on_device',
    )
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (pending) return { status: pending.args.status, isPending: true };
  return { status: incident.doc?.status ?? 'open', isPending: false };
}

export function IncidentStatusCard({
  stores,
  incident,
  records,
}: {
  stores: AppStores;
  incident: IncidentRecord;
  records: readonly MyRecord[];
}) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const { isBusy, problem, run } = useAction();
  const [target, setTarget] = useState<IncidentStatus | null>(null);
  const { status, isPending } = incidentStatusOf(incident, records);
  const moves = INCIDENT_STATUSES.filter(
    (to): to is Exclude<IncidentStatus, 'open'> => to !== 'open' && canMoveIncident(status, to),
  );

  function move(to: IncidentStatus) {
    setTarget(to);
    void run(() => stores.records.setIncidentStatus(incident.id, to));
  }

  return (
    <Card title={t('incidentStatus.title')}>
      <p class="row">
        <Badge tone={status === 'closed' ? 'neutral' : 'info'}>
          {t(`incidentStatus.${status}`)}
        </Badge>
        {isPending ? <span class="muted">{t('incidentStatus.pending')}</span> : null}
      </p>
      <FormError message={problem} />
      {moves.length > 0 ? (
        <div class="actions">
          {moves.map((to) => (
            <Button
              key={to}
              variant={to === 'closed' && moves.length > 1 ? 'ghost' : 'secondary'}
              isBlock
              isBusy={isBusy && target === to}
              onClick={() => move(to)}
            >
              {t(`incidentStatus.moveTo.${to}`)}
            </Button>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
