import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hkd } from './money.ts';
import {
  approvalCode,
  approvalKeySchema,
  decodeBase64Url,
  encodeBase64Url,
  formatPhoneCode,
  normalisePhoneCode,
  PHONE_CODE_WINDOW_MS,
  phoneCodeExpiresAtMs,
  phoneCodeWindow,
  requestCode,
  verifyApprovalCode,
} from './phone-code.ts';

// Phone approval codes (docs/approvals.md AP12–AP15): pure, offline, the same on the device and
// the server.

const KEY = encodeBase64Url(new Uint8Array(32).map((_, i) => i * 7 + 1));
const OTHER_KEY = encodeBase64Url(new Uint8Array(32).fill(9));
const REQUEST = {
  recoveryId: '019cfeab-d500-7000-8000-000000000101',
  amount: hkd(80_000),
  customerRef: 'ACC-00012345',
  requesterId: '019cfeab-d500-7000-8000-000000000201',
};
const NOW = Date.UTC(2026, 10, 23, 2, 3, 0);

describe('requestCode', () => {
  it('is 8 digits, the same every time for the same request', () => {
    const code = requestCode(REQUEST);
    expect(code).toMatch(/^\d{8}$/);
    expect(requestCode({ ...REQUEST })).toBe(code);
  });

  it('changes with the recovery, the amount, the customer and the requester', () => {
    const base = requestCode(REQUEST);
    expect(
      requestCode({ ...REQUEST, recoveryId: '019cfeab-d500-7000-8000-000000000102' }),
    ).not.toBe(base);
    expect(requestCode({ ...REQUEST, amount: hkd(80_001) })).not.toBe(base);
    expect(requestCode({ ...REQUEST, amount: { amount: 80_000, currency: 'USD' } })).not.toBe(base);
    expect(requestCode({ ...REQUEST, customerRef: 'ACC-00012346' })).not.toBe(base);
    expect(
      requestCode({ ...REQUEST, requesterId: '019cfeab-d500-7000-8000-000000000202' }),
    ).not.toBe(base);
  });
});

describe('approvalCode and verifyApprovalCode', () => {
  const input = { requestCode: requestCode(REQUEST), amount: REQUEST.amount };
  const issuedIn = phoneCodeWindow(NOW);
  const code = approvalCode(KEY, input, issuedIn);

  it('accepts the code for its request and amount, typed with spaces or dashes', () => {
    expect(code).toMatch(/^\d{8}$/);
    for (const typed of [code, formatPhoneCode(code), `${code.slice(0, 4)}-${code.slice(4)}`]) {
      expect(verifyApprovalCode(KEY, input, typed, NOW)).toEqual({
        ok: true,
        window: issuedIn,
        expiresAtMs: phoneCodeExpiresAtMs(issuedIn),
      });
    }
  });

  it('refuses it for another amount, another request, another key, or a typo', () => {
    expect(verifyApprovalCode(KEY, { ...input, amount: hkd(80_100) }, code, NOW).ok).toBe(false);
    expect(verifyApprovalCode(KEY, { ...input, requestCode: '00000000' }, code, NOW).ok).toBe(
      false,
    );
    expect(verifyApprovalCode(OTHER_KEY, input, code, NOW).ok).toBe(false);
    const typo = `${code.slice(0, 7)}${(Number(code[7]) + 1) % 10}`;
    expect(verifyApprovalCode(KEY, input, typo, NOW).ok).toBe(false);
    expect(verifyApprovalCode(KEY, input, 'abcdefgh', NOW).ok).toBe(false);
    expect(verifyApprovalCode(KEY, input, code.slice(0, 6), NOW).ok).toBe(false);
  });

  it('is valid for 10 to 20 minutes from issue, and for a device clock up to a window behind', () => {
    const windowStart = issuedIn * PHONE_CODE_WINDOW_MS;
    const expiresAt = phoneCodeExpiresAtMs(issuedIn);
    expect(expiresAt - windowStart).toBe(2 * PHONE_CODE_WINDOW_MS);
    expect(verifyApprovalCode(KEY, input, code, expiresAt - 1).ok).toBe(true);
    expect(verifyApprovalCode(KEY, input, code, expiresAt).ok).toBe(false);
    expect(verifyApprovalCode(KEY, input, code, windowStart - 1).ok).toBe(true);
    expect(verifyApprovalCode(KEY, input, code, windowStart - PHONE_CODE_WINDOW_MS - 1).ok).toBe(
      false,
    );
  });

  it('the codes of neighbouring windows differ (an old code does not come back)', () => {
    const codes = [-2, -1, 0, 1, 2].map((d) => approvalCode(KEY, input, issuedIn + d));
    expect(new Set(codes).size).toBe(5);
  });

  it('any code verifies exactly when it is the code of an accepted window', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5 }), fc.nat({ max: 99_999_999 }), (shift, n) => {
        const now = NOW + shift * PHONE_CODE_WINDOW_MS;
        const typed = String(n).padStart(8, '0');
        const accepted = [0, -1, 1].map((d) => approvalCode(KEY, input, phoneCodeWindow(now) + d));
        expect(verifyApprovalCode(KEY, input, typed, now).ok).toBe(accepted.includes(typed));
      }),
      { numRuns: 200 },
    );
  });
});

describe('keys', () => {
  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...decodeBase64Url(encodeBase64Url(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('a key document holds 32 bytes', () => {
    const doc = {
      id: REQUEST.requesterId,
      userId: REQUEST.requesterId,
      key: KEY,
      algorithm: 'HMAC-SHA-256',
      createdAt: '2026-11-23T02:00:00.000Z',
    };
    expect(approvalKeySchema.safeParse(doc).success).toBe(true);
    expect(decodeBase64Url(KEY)).toHaveLength(32);
    expect(approvalKeySchema.safeParse({ ...doc, key: KEY.slice(1) }).success).toBe(false);
    expect(() => decodeBase64Url('ab+c')).toThrow();
  });

  it('normalises what people type', () => {
    expect(normalisePhoneCode(' 1234 - 5678 ')).toBe('12345678');
    expect(formatPhoneCode('12345678')).toBe('1234 5678');
  });
});
