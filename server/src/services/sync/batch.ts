import {
  type LimitSet,
  type PlanVersion,
  type Tactic,
  type UsageEntry,
  type User,
} from '../../../../shared/index.ts';
import type {
  AuditDraft,
  DocWrite,
  LedgerEntry,
  MutationRecord,
  Store,
  StoredDoc,
} from '../../storage/store.ts';
import { auditDraft, type AuditInput } from '../audit.ts';
import { ledTeams } from './visibility.ts';
import { storedPeriodUse, toUsage } from '../usage.ts';
import { iso, type Clock } from '../clock.ts';
import { DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings } from '../approvals/settings.ts';

export interface BatchOptions {
  readonly approvalSettings?: ApprovalSettings;
  readonly via?: 'sync' | 'http';
}

/**
 * One push, applied in one transaction. Handlers read through it (their own earlier writes in the
 * batch included) and write into it; everything is flushed in a few multi-row statements at the
 * end, which is what makes batched ingest fast.
 */
export class Batch {
  private readonly docs = new Map<string, DocWrite>();
  private readonly ledger: LedgerEntry[] = [];
  private readonly audits: AuditDraft[] = [];
  private readonly mutations: MutationRecord[] = [];
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly prefetched = new Map<string, StoredDoc | null>();
  /** The batch's server time: one instant for everything it writes. */
  readonly nowMs: number;
  readonly now: string;
  /** SLA and expiry of the approval requests this batch opens. */
  readonly approvalSettings: ApprovalSettings;
  /** How the mutations arrived: a device's push, or an online user's HTTP call. */
  readonly via: 'sync' | 'http';

  constructor(
    readonly tx: Store,
    readonly user: User,
    readonly deviceId: string,
    clock: Clock,
    options: BatchOptions = {},
  ) {
    this.nowMs = clock.now();
    this.now = iso(this.nowMs);
    this.approvalSettings = options.approvalSettings ?? DEFAULT_APPROVAL_SETTINGS;
    this.via = options.via ?? 'sync';
  }

  async getDoc(kind: string, id: string): Promise<StoredDoc | undefined> {
    const key = `${kind}\u0000${id}`;
    const pending = this.docs.get(key);
    if (pending) {
      const { isNew: _isNew, ...doc } = pending;
      return { deleted: false, ...doc, updatedAt: this.now } as StoredDoc;
    }
    if (this.prefetched.has(key)) return this.prefetched.get(key) ?? undefined;
    return (await this.tx.getDocs(kind, [id])).get(id);
  }

  /**
   * Reads many documents in one query, ahead of the handlers that will ask for them one by one
   * (e.g. "is this record id new?" for every record in the batch): ids per kind.
   */
  async prefetch(ids: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const found = new Map<string, StoredDoc>();
    for (const d of await this.tx.getDocsOfKinds(ids)) found.set(`${d.kind}\u0000${d.id}`, d);
    for (const [kind, list] of ids) {
      for (const id of list) {
        const key = `${kind}\u0000${id}`;
        this.prefetched.set(key, found.get(key) ?? null);
      }
    }
  }

  putDoc(doc: DocWrite): void {
    const key = `${doc.kind}\u0000${doc.id}`;
    const isNew = doc.isNew === true || (this.prefetched.get(key) === null && !this.docs.has(key));
    this.docs.set(key, { ...doc, isNew });
  }

  audit(input: Omit<AuditInput, 'actorId' | 'deviceId'>): void {
    this.auditAs(this.user.id, input);
  }

  /**
   * An audit event whose actor is someone other than the signed-in user: a phone approval is the
   * approver's act, entered on the requester's device; a timer's act has no person (null).
   */
  auditAs(actorId: string | null, input: Omit<AuditInput, 'actorId' | 'deviceId'>): void {
    this.audits.push(
      auditDraft(this.nowMs, { ...input, actorId, deviceId: this.deviceId }, this.now),
    );
  }

  addLedger(entry: LedgerEntry): void {
    this.ledger.push(entry);
  }

  recordMutation(m: MutationRecord): void {
    this.mutations.push(m);
  }

  /** Loads once per batch: reference data does not change under a push. */
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
    }
    return p;
  }

  /** The current (highest-version) published document of a kind. */
  private latest<T extends { version: number }>(kind: string): Promise<T | undefined> {
    return this.once(kind, async () => {
      let best: T | undefined;
      for (const d of await this.tx.listDocs(kind)) {
        const v = d.data as T;
        if (!d.deleted && (!best || v.version > best.version)) best = v;
      }
      return best;
    });
  }

  /** The teams the signed-in user leads as supervisor (empty for other roles). */
  ledTeamIds(): Promise<string[]> {
    return this.once('led-teams', () => ledTeams(this.tx, this.user));
  }

  /** Whether the signed-in user supervises the team a record belongs to. */
  async supervises(teamId: string | null): Promise<boolean> {
    return teamId !== null && (await this.ledTeamIds()).includes(teamId);
  }

  currentLimitSet(): Promise<LimitSet | undefined> {
    return this.latest<LimitSet>('limit_set');
  }

  /** Every active tactic (for the tactics an approver sees with a request). */
  activeTactics(): Promise<Tactic[]> {
    return this.once('tactics', async () =>
      (await this.tx.listDocs('tactic'))
        .filter((d) => !d.deleted)
        .map((d) => d.data as Tactic)
        .filter((t) => t.active),
    );
  }

  currentPlan(): Promise<PlanVersion | undefined> {
    return this.latest<PlanVersion>('plan_version');
  }

  /** The active codes of one scope list, e.g. every region code. */
  referenceCodes(kind: 'product' | 'segment' | 'region'): Promise<Set<string>> {
    return this.once(`ref:${kind}`, async () => {
      const codes = new Set<string>();
      for (const d of await this.once('reference', () => this.tx.listDocs('reference'))) {
        const item = d.data as { kind: string; code: string; active: boolean };
        if (item.kind === kind && item.active) codes.add(item.code);
      }
      return codes;
    });
  }

  /**
   * What the user gave in the current day, week and month (a week may start in the previous
   * month), on every device: stored sums plus this batch's own entries.
   */
  async usage(userId: string): Promise<UsageEntry[]> {
    const stored = await this.once(`usage:${userId}`, async () => {
      // Read under the lock: a concurrent push from another device must not read the same use.
      await this.tx.lockUsage(userId);
      return storedPeriodUse(this.tx, userId, this.nowMs);
    });
    return [...stored, ...this.ledger.filter((e) => e.userId === userId && e.counts).map(toUsage)];
  }

  async flush(summary: Record<string, unknown>): Promise<void> {
    await this.tx.putDocs([...this.docs.values()]);
    this.audit({
      action: 'sync_batch',
      entityKind: 'device',
      entityId: this.deviceId,
      detail: summary,
    });
    // Last, so the audit lock (which orders the chain across processes) is held only briefly:
    // from the statement that writes the mutations and ledger to the commit.
    await this.tx.recordPush({
      ledger: this.ledger,
      mutations: this.mutations,
      audits: this.audits,
    });
  }
}
