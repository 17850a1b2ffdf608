import type { DeviceDecision, RecoveryStatus } from '../../../shared/index.ts';

/** What a recovery's status is on the device until the server's copy arrives. */
export type DeviceRecoveryStatus = Extract<
  RecoveryStatus,
  'given' | 'approved' | 'awaiting_approval'
>;

/**
 * A recovery's status as the device decided it: given within its limits, approved over them with
 * an approval code a supervisor gave by phone (docs/approvals.md AP13), else awaiting approval.
 * Once the server's copy arrives, the server's status decides. Pure: the screens use it too.
 */
export function deviceRecoveryStatus(
  decision: Pick<DeviceDecision, 'outcome' | 'phoneApproval'>,
): DeviceRecoveryStatus {
  if (decision.outcome === 'within_limit') return 'given';
  return decision.phoneApproval !== undefined ? 'approved' : 'awaiting_approval';
}
