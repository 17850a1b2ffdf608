import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex, utf8 } from './sha256.ts';

// The pure SHA-256 and HMAC behind phone approval codes, against the published vectors
// (FIPS 180-4 examples, RFC 4231). test/approvals/crypto.test.ts compares them with Node's crypto
// on random inputs.

const bytes = (length: number, value: number) => new Uint8Array(length).fill(value);

describe('sha256', () => {
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'two blocks',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %s', (_label, text, digest) => {
    expect(toHex(sha256(utf8(text)))).toBe(digest);
  });

  it('hashes a million "a" (many blocks, a length over 2^23 bits)', () => {
    expect(toHex(sha256(bytes(1_000_000, 0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('pads correctly around the block boundary (55, 56, 63, 64, 65 bytes)', () => {
    const digests = [55, 56, 63, 64, 65].map((n) => toHex(sha256(bytes(n, 0x61))));
    expect(new Set(digests).size).toBe(5);
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hmacSha256 (RFC 4231)', () => {
  it('test case 1: a 20-byte key', () => {
    expect(toHex(hmacSha256(bytes(20, 0x0b), utf8('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it('test case 2: a key shorter than the output', () => {
    expect(toHex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('test case 6: a key longer than a block is hashed first', () => {
    const data = utf8('Test Using Larger Than Block-Size Key - Hash Key First');
    expect(toHex(hmacSha256(bytes(131, 0xaa), data))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });
});
