import { hash } from 'node:crypto';

/**
 * One-shot: half the cost of createHash().update().digest() for the short texts hashed per
 * mutation. Text is hashed as UTF-8, as createHash does.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}
