import { describe, expect, it } from 'vitest';
import type { MyRecord } from '../../stores/my-records.ts';
import { incidentStatusOf } from './incident-status.tsx';

type IncidentRecord = Extract<MyRecord, { name: 'incident.record' }>;
type StatusRecord = Extract<MyRecord, { name: 'incident.setStatus' }>;

const INCIDENT_ID = '019a0000-0000-7000-8000-000000000001';

function incident(status: 'open' | 'in_recovery' | 'resolved' | 'closed' | null): IncidentRecord {
  return {
    id: INCIDENT_ID,
    name: 'incident.record',
    args: {} as IncidentRecord['args'],
    doc: status === null ? null : ({ status } as IncidentRecord['doc']),
    syncState: status === null ? 'saved_on_device' : 'synced',
    rejection: null,
    createdAt: 1,
  };
}

function move(
  status: StatusRecord['args']['status'],
  createdAt: number,
  syncState: StatusRecord['syncState'] = 'saved_on_device',
  incidentId = INCIDENT_ID,
): StatusRecord {
  return {
    id: `019a0000-0000-7000-8000-0000000001${String(createdAt).padStart(2, '0')}`,
    name: 'incident.setStatus',
    args: { incidentId, status },
    doc: null,
    syncState,
    rejection: null,
    createdAt,
  };
}

describe('incidentStatusOf', () => {
  it('is open for an incident the server has not seen, and the server’s status once pulled', () => {
    expect(incidentStatusOf(incident(null), [])).toEqual({ status: 'open', isPending: false });
    expect(incidentStatusOf(incident('resolved'), [])).toEqual({
      status: 'resolved',
      isPending: false,
    });
  });

  it('shows the latest change saved on this phone until it syncs, ignoring other incidents and synced changes', () => {
    const i = incident('in_recovery');
    const records = [
      move('resolved', 5),
      move('closed', 9),
      move('closed', 20, 'saved_on_device', '019a0000-0000-7000-8000-0000000000ff'),
      move('in_recovery', 3, 'synced'),
    ];
    expect(incidentStatusOf(i, records)).toEqual({ status: 'closed', isPending: true });
    expect(incidentStatusOf(i, records.slice(2))).toEqual({
      status: 'in_recovery',
      isPending: false,
    });
  });
});
