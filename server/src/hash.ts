import { hash } from 'node:crypto';

/** One-shot: half the cost of createHash().update().digest() for the short texts hashed per mutation. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
