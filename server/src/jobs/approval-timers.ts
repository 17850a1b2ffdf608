import { isOpen, type ApprovalCommand, type ApprovalRequest } from '../../../shared/index.ts';
import type { Logger } from '../logger.ts';
import { auditDraft, type AuditInput } from '../services/audit.ts';
import { iso, type Clock } from '../services/clock.ts';
import {
  applyApprovalTransition,
  approvalIndexEntry,
  type ApprovalWriter,
} from '../services/approvals/transitions.ts';
import type { AuditDraft, DocWrite, LedgerEntry, Store, StoredDoc } from '../storage/store.ts';

// SLA escalation and expiry of approval requests (docs/approvals.md AP10–AP11). They run in the
// server on a timer, not when someone opens a page, and everything they need is in the database:
// a restarted server, or any one of several, picks up whatever fell due meanwhile.

/** Requests handled per transaction. */
const BATCH = 100;

/** Collects one transaction's writes and flushes them together, like a push's Batch. */
class TimerWriter implements ApprovalWriter {
  readonly now: string;
  private readonly docs = new Map<string, DocWrite>();
  private readonly ledger: LedgerEntry[] = [];
  private readonly audits: AuditDraft[] = [];

  constructor(
    readonly tx: Store,
    readonly nowMs: number,
  ) {
    this.now = iso(nowMs);
  }

  async getDoc(kind: string, id: string): Promise<StoredDoc | undefined> {
    const pending = this.docs.get(`${kind}\u0000${id}`);
    if (pending) return { deleted: false, ...pending, updatedAt: this.now } as StoredDoc;
    return (await this.tx.getDocs(kind, [id])).get(id);
  }

  putDoc(doc: DocWrite): void {
    this.docs.set(`${doc.kind}\u0000${doc.id}`, doc);
  }

  addLedger(entry: LedgerEntry): void {
    this.ledger.push(entry);
  }

  auditAs(actorId: string | null, input: Omit<AuditInput, 'actorId' | 'deviceId'>): void {
    this.audits.push(auditDraft(this.nowMs, { ...input, actorId, deviceId: null }));
  }

  async flush(): Promise<void> {
    await this.tx.putDocs([...this.docs.values()]);
    await this.tx.insertLedger(this.ledger);
    await this.tx.appendAudit(this.audits);
  }
}

/** What is due for a request at `nowMs`: expiry wins over escalation; null when nothing is. */
export function dueCommand(r: ApprovalRequest, nowMs: number): ApprovalCommand | null {
  if (isOpen(r.state) && Date.parse(r.expiresAt) <= nowMs) return 'expire';
  if (r.state === 'pending' && Date.parse(r.slaDueAt) <= nowMs) return 'escalate';
  return null;
}

export interface TimerRun {
  readonly escalated: string[];
  readonly expired: string[];
}

/**
 * Escalates every pending request past its SLA and expires every open request past its expiry, as
 * of `nowMs`. Each batch is one transaction that claims its rows (on PostgreSQL with `FOR UPDATE
 * SKIP LOCKED`) and re-checks each request's state under that lock, so a decision that got there
 * first wins and two server processes never act on one request twice.
 */
export async function runApprovalTimers(store: Store, nowMs: number): Promise<TimerRun> {
  const run: TimerRun = { escalated: [], expired: [] };
  for (;;) {
    const { claimed, acted } = await store.transaction(async (tx) => {
      const due = await tx.claimDueApprovals(nowMs, BATCH);
      const docs = await tx.getDocs(
        'approval_request',
        due.map((d) => d.id),
      );
      const w = new TimerWriter(tx, nowMs);
      let count = 0;
      for (const entry of due) {
        const doc = docs.get(entry.id);
        if (!doc) continue;
        const request = doc.data as ApprovalRequest;
        const command = dueCommand(request, nowMs);
        if (command === null) {
          // The side table lagged behind the document: bring it in line, act next time if due.
          await tx.upsertApprovals([approvalIndexEntry(request)]);
          continue;
        }
        await applyApprovalTransition(w, doc, command, { actor: null, via: 'timer' });
        (command === 'expire' ? run.expired : run.escalated).push(request.id);
        count++;
      }
      await w.flush();
      return { claimed: due.length, acted: count };
    });
    if (claimed < BATCH || acted === 0) return run;
  }
}

export interface ApprovalTimers {
  /** One pass now (or at `nowMs`): what tests call with a manual clock. */
  runOnce(nowMs?: number): Promise<TimerRun>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** Starts the timer: a pass at once (catching up after a restart), then every `intervalMs`. */
export function startApprovalTimers(deps: {
  readonly store: Store;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly logger?: Logger;
}): ApprovalTimers {
  let handle: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let isStopped = false;

  const runOnce = (nowMs = deps.clock.now()): Promise<TimerRun> => {
    const pass = inFlight.then(() => runApprovalTimers(deps.store, nowMs));
    inFlight = pass.catch(() => undefined);
    return pass;
  };
  const tick = async (): Promise<void> => {
    try {
      const run = await runOnce();
      if (run.escalated.length + run.expired.length > 0) {
        deps.logger?.info('approval timers', {
          escalated: run.escalated.length,
          expired: run.expired.length,
        });
      }
    } catch (err) {
      // A lost race with another process or a busy database: the next pass picks it up.
      deps.logger?.warn('approval timers failed; retrying on the next pass', { err: String(err) });
    }
    if (!isStopped) {
      handle = setTimeout(() => void tick(), deps.intervalMs);
      handle.unref?.();
    }
  };
  handle = setTimeout(() => void tick(), 0);
  handle.unref?.();

  return {
    runOnce,
    async stop() {
      isStopped = true;
      if (handle !== undefined) clearTimeout(handle);
      await inFlight;
    },
  };
}
