import { auditHashInput, GENESIS_HASH, type AuditEvent } from '../../../shared/index.ts';
import type { AuditQuery, Store } from '../storage/store.ts';
import { sha256Hex } from '../hash.ts';

export interface VerifyResult {
  readonly ok: boolean;
  readonly checked: number;
  /** The first entry that does not verify, and why. */
  readonly broken?: {
    readonly seq: number;
    readonly reason: 'hash_mismatch' | 'chain_broken' | 'gap';
  };
}

const PAGE = 5000;

/** Walks the whole trail and recomputes every hash; any edit, deletion or insertion shows. */
export async function verifyAuditTrail(store: Store): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await store.readAudit({ afterSeq: expectedSeq - 1, limit: PAGE });
    for (const e of page) {
      if (e.seq !== expectedSeq)
        return { ok: false, checked, broken: { seq: expectedSeq, reason: 'gap' } };
      if (e.prevHash !== prevHash)
        return { ok: false, checked, broken: { seq: e.seq, reason: 'chain_broken' } };
      const { hash, ...rest } = e;
      if (sha256Hex(auditHashInput(rest)) !== hash) {
        return { ok: false, checked, broken: { seq: e.seq, reason: 'hash_mismatch' } };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    if (page.length < PAGE) return { ok: true, checked };
  }
}

const CSV_COLUMNS = [
  'seq',
  'id',
  'at',
  'deviceAt',
  'actorId',
  'deviceId',
  'action',
  'entityKind',
  'entityId',
  'detail',
  'prevHash',
  'hash',
] as const;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  // Quote always; double inner quotes; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The trail matching `query` as CSV, header first, streamed page by page. */
export async function* auditCsv(
  store: Store,
  query: Omit<AuditQuery, 'limit' | 'afterSeq'>,
): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(',') + '\r\n';
  let afterSeq = 0;
  for (;;) {
    const page: AuditEvent[] = await store.readAudit({ ...query, afterSeq, limit: PAGE });
    if (page.length > 0)
      yield page.map((e) => CSV_COLUMNS.map((k) => csvCell(e[k])).join(',')).join('\r\n') + '\r\n';
    if (page.length < PAGE) return;
    afterSeq = page.at(-1)?.seq ?? afterSeq;
  }
}
