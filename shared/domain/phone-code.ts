import { z } from 'zod';
import { idSchema } from './ids.ts';
import type { Money } from './money.ts';
import { instantSchema } from './time.ts';
import { hmacSha256, sha256, utf8 } from './sha256.ts';

// Approval by phone for a requester with no signal (docs/approvals.md, "Phone codes").
//
// 1. The requester's device shows a short *request code*, derived from the recovery id, the
//    amount, the customer reference and the requester: it names this one request.
// 2. The supervisor, online, enters the request code and the amount; the server answers an
//    *approval code*: HMAC-SHA-256 under the requester's own key of (request code, amount, time
//    window), truncated to 8 digits as HOTP does (RFC 4226 §5.3).
// 3. The requester types the approval code; the device, offline, recomputes it with the same key
//    (which it received in its pull) and accepts it only for that request code, that amount and
//    an unexpired window.
// 4. At sync the server checks it again and also requires that it really issued that code: a
//    device that computes codes itself with its key gets an exception, never an approval.

/** One time window. A code is valid in the window it was issued in and the next: 10–20 minutes. */
export const PHONE_CODE_WINDOW_MS = 10 * 60_000;
export const PHONE_CODE_DIGITS = 8;
const DOMAIN = 'frontline-playbook/phone-approval/v1';

/** A request or approval code as typed: 8 digits (spaces and dashes are removed first). */
export const phoneCodeSchema = z.string().regex(/^\d{8}$/, 'must be 8 digits');

/**
 * A requester's secret for approval codes: 32 random bytes, base64url. Travels only to its own
 * user's devices (and stays on the server), never to supervisors, managers or auditors.
 */
export const approvalKeySchema = z.object({
  /** The user's id: one key per user. */
  id: idSchema,
  userId: idSchema,
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url'),
  algorithm: z.literal('HMAC-SHA-256'),
  createdAt: instantSchema,
});
export type ApprovalKey = z.infer<typeof approvalKeySchema>;

export interface RequestCodeInput {
  readonly recoveryId: string;
  readonly amount: Money;
  readonly customerRef: string;
  readonly requesterId: string;
}

export interface ApprovalCodeInput {
  /** The request code the supervisor was told. */
  readonly requestCode: string;
  /** The amount the supervisor approves. */
  readonly amount: Money;
}

/** HOTP dynamic truncation of a digest to 8 decimal digits. */
function truncate(digest: Uint8Array): string {
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const at = (i: number) => digest[offset + i] as number;
  const bin = ((at(0) & 0x7f) << 24) | (at(1) << 16) | (at(2) << 8) | at(3);
  return String(bin % 10 ** PHONE_CODE_DIGITS).padStart(PHONE_CODE_DIGITS, '0');
}

/** The short code that names one request: the same on the device and on the server. */
export function requestCode(r: RequestCodeInput): string {
  const message = [
    DOMAIN,
    'request',
    r.recoveryId,
    r.amount.currency,
    r.amount.amount,
    r.customerRef,
    r.requesterId,
  ].join('|');
  return truncate(sha256(utf8(message)));
}

/** The time window an instant falls in. */
export function phoneCodeWindow(atMs: number): number {
  return Math.floor(atMs / PHONE_CODE_WINDOW_MS);
}

/** When a code issued in `window` stops being valid, Unix ms. */
export function phoneCodeExpiresAtMs(window: number): number {
  return (window + 2) * PHONE_CODE_WINDOW_MS;
}

/** The approval code for a request code and amount in one time window, under `key` (base64url). */
export function approvalCode(key: string, input: ApprovalCodeInput, window: number): string {
  const message = [
    DOMAIN,
    'approve',
    input.requestCode,
    input.amount.currency,
    input.amount.amount,
    window,
  ].join('|');
  return truncate(hmacSha256(decodeBase64Url(key), utf8(message)));
}

export type PhoneCodeCheck =
  | { readonly ok: true; readonly window: number; readonly expiresAtMs: number }
  | { readonly ok: false };

/**
 * Whether a typed approval code is valid now for this request code and amount. Tries the current
 * window, the one before (a code issued late in a window) and the one after (a device clock that
 * is behind the server's). Pure and offline.
 */
export function verifyApprovalCode(
  key: string,
  input: ApprovalCodeInput,
  typed: string,
  nowMs: number,
): PhoneCodeCheck {
  const code = normalisePhoneCode(typed);
  if (!phoneCodeSchema.safeParse(code).success) return { ok: false };
  const now = phoneCodeWindow(nowMs);
  for (const window of [now, now - 1, now + 1]) {
    if (equalInConstantTime(approvalCode(key, input, window), code)) {
      return { ok: true, window, expiresAtMs: phoneCodeExpiresAtMs(window) };
    }
  }
  return { ok: false };
}

/** What a person typed, without spaces and dashes. */
export function normalisePhoneCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** A code as read aloud: `1234 5678`. */
export function formatPhoneCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (no padding) of bytes. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += B64URL[(value >>> bits) & 0x3f];
    }
  }
  if (bits > 0) out += B64URL[(value << (6 - bits)) & 0x3f];
  return out;
}

/** Bytes of a base64url string (padding optional); throws on any other character. */
export function decodeBase64Url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of clean) {
    const digit = B64URL.indexOf(ch);
    if (digit < 0) throw new Error(`not base64url: ${JSON.stringify(ch)}`);
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}
