import { z } from 'zod';

export const ROLES = ['frontline', 'outsourcer', 'supervisor', 'manager', 'auditor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that may record incidents, recoveries, competitor actions and feedback. */
export const RECORDING_ROLES: readonly Role[] = [
  'frontline',
  'outsourcer',
  'supervisor',
  'manager',
];

/** Roles that see every record in the organisation. */
export const OVERSIGHT_ROLES: readonly Role[] = ['manager', 'auditor'];

/** Own staff, as opposed to an outsourcing party's staff. */
export function isOwnStaff(role: Role): boolean {
  return role !== 'outsourcer';
}

export function canWrite(role: Role): boolean {
  return role !== 'auditor';
}

/**
 * Roles that decide approval requests and acknowledge limit exceptions (docs/approvals.md AP4):
 * a supervisor for the teams they lead, a manager for any.
 */
export function canApprove(role: Role): boolean {
  return role === 'supervisor' || role === 'manager';
}
