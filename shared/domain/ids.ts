import { z } from 'zod';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID in canonical lower-case form. Records born on a device use UUIDv7 (time-ordered). */
export const idSchema = z.string().regex(UUID_RE, 'must be a UUID in lower-case canonical form');
export type Id = z.infer<typeof idSchema>;

// Random bytes are drawn in blocks: one getRandomValues call per id is a measurable cost when the
// server stamps thousands of audit events a second.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let poolNext = POOL_IDS;

function randomBytes16(): Uint8Array {
  if (poolNext === POOL_IDS) {
    crypto.getRandomValues(pool);
    poolNext = 0;
  }
  const start = 16 * poolNext++;
  return pool.slice(start, start + 16);
}

/** The clock reading that started the current run of ids. */
let runStartMs = -1;
/** The millisecond written into the last id: ahead of `runStartMs` once the counter overflowed. */
let lastMs = -1;
let lastSeq = 0;

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit counter (monotonic within one
 * millisecond in this process) and 62 random bits. Records are created offline on many devices,
 * so the id, not the server, is what makes a resend recognisable.
 */
export function uuidv7(nowMs: number = Date.now()): Id {
  if (nowMs >= runStartMs && nowMs <= lastMs) {
    // Same millisecond (or the clock has not yet caught up with one we borrowed). A wrapped
    // counter would sort before ids already made, so on overflow borrow the next millisecond,
    // as RFC 9562 §6.2 allows.
    if (lastSeq < 0xfff) {
      lastSeq += 1;
    } else {
      lastMs += 1;
      lastSeq = 0;
    }
  } else {
    runStartMs = nowMs;
    lastMs = nowMs;
    lastSeq = 0;
  }
  const bytes = randomBytes16();
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (lastSeq >> 8);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time encoded in a UUIDv7, in Unix milliseconds. */
export function uuidv7Time(id: Id): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
