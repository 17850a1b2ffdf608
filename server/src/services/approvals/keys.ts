import { randomBytes } from 'node:crypto';
import {
  encodeBase64Url,
  type ApprovalKey,
  type Role,
  type User,
} from '../../../../shared/index.ts';
import { PRIVATE_AUDIENCE, type Store } from '../../storage/store.ts';
import { iso } from '../clock.ts';

/**
 * Who gets a key for phone approval codes: the people who record compensation in the field and may
 * be offline when they need an approval. Managers decide at their desk; auditors give nothing.
 */
export const PHONE_APPROVAL_ROLES: readonly Role[] = ['frontline', 'outsourcer', 'supervisor'];

/** The user's key, if they have one. */
export async function approvalKeyOf(
  store: Store,
  userId: string,
): Promise<ApprovalKey | undefined> {
  const doc = (await store.getDocs('approval_key', [userId])).get(userId);
  return doc && !doc.deleted ? (doc.data as ApprovalKey) : undefined;
}

/**
 * Makes the user's key if they need one and have none (at sign-in, so the device has it before it
 * goes offline). It travels only to the user's own devices (audience `private`). True when made.
 */
export async function ensureApprovalKey(tx: Store, user: User, nowMs: number): Promise<boolean> {
  if (!PHONE_APPROVAL_ROLES.includes(user.role)) return false;
  if (await approvalKeyOf(tx, user.id)) return false;
  const key: ApprovalKey = {
    id: user.id,
    userId: user.id,
    key: encodeBase64Url(randomBytes(32)),
    algorithm: 'HMAC-SHA-256',
    createdAt: iso(nowMs),
  };
  await tx.putDocs([
    {
      kind: 'approval_key',
      id: user.id,
      ownerId: user.id,
      teamId: null,
      orgId: null,
      audience: PRIVATE_AUDIENCE,
      data: key,
      isNew: true,
    },
  ]);
  return true;
}
