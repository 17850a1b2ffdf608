import { z } from 'zod';
import { idSchema } from './ids.ts';
import { instantSchema } from './time.ts';
import { moneySchema } from './money.ts';
import { roleSchema } from './roles.ts';

export const APPROVAL_STATES = [
  'pending',
  'escalated',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export const approvalStateSchema = z.enum(APPROVAL_STATES);
export type ApprovalState = z.infer<typeof approvalStateSchema>;

export const APPROVAL_COMMANDS = ['approve', 'reject', 'withdraw', 'escalate', 'expire'] as const;
export type ApprovalCommand = (typeof APPROVAL_COMMANDS)[number];

/** An over-limit compensation waiting for (or past) a decision. */
export const approvalRequestSchema = z.object({
  id: idSchema,
  recoveryId: idSchema,
  requesterId: idSchema,
  teamId: idSchema.nullable(),
  orgId: idSchema.nullable(),
  amount: moneySchema,
  state: approvalStateSchema,
  /** The authority the request currently waits on. */
  assignedRole: roleSchema,
  createdAt: instantSchema,
  slaDueAt: instantSchema,
  expiresAt: instantSchema,
  decidedBy: idSchema.nullable(),
  decidedAt: instantSchema.nullable(),
  reason: z.string().max(2000).nullable(),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

const OPEN: readonly ApprovalState[] = ['pending', 'escalated'];

export function isDecided(state: ApprovalState): boolean {
  return !OPEN.includes(state);
}

/**
 * The approval state machine: the state a command leads to, or null when the command is not
 * allowed from that state. Only open requests move; the first decision wins.
 */
export function nextApprovalState(
  state: ApprovalState,
  command: ApprovalCommand,
): ApprovalState | null {
  if (isDecided(state)) return null;
  switch (command) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'withdraw':
      return 'withdrawn';
    case 'expire':
      return 'expired';
    case 'escalate':
      return state === 'pending' ? 'escalated' : null;
  }
}
