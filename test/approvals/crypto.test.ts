import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url, hmacSha256, sha256, toHex } from '../../shared/index.ts';

// The device computes phone approval codes with the pure TypeScript SHA-256/HMAC in shared/;
// the server could use Node's. They must agree byte for byte on any input.

describe('shared SHA-256 and HMAC agree with Node’s crypto', () => {
  it('sha256 of any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('hmacSha256 of any key and message', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
        (key, data) => {
          expect(toHex(hmacSha256(key, data))).toBe(
            createHmac('sha256', key).update(data).digest('hex'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('base64url matches Node’s, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        const text = Buffer.from(data).toString('base64url');
        expect(encodeBase64Url(data)).toBe(text);
        expect([...decodeBase64Url(text)]).toEqual([...data]);
      }),
      { numRuns: 300 },
    );
  });
});
