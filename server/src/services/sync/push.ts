import {
  canonicalJson,
  canWrite,
  storableText,
  ERROR_CODES,
  MUTATION_NAMES,
  mutationArgsSchemas,
  PROTOCOL_VERSION,
  type Mutation,
  type MutationName,
  type MutationOutcome,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type WireMutation,
} from '../../../../shared/index.ts';
import { AppError, issuePath } from '../../http/app-error.ts';
import { sha256Hex } from '../../hash.ts';
import { isRetryableConflict } from '../../storage/errors.ts';
import type { Store } from '../../storage/store.ts';
import type { Principal } from '../auth.ts';
import { iso, type Clock } from '../clock.ts';
import { applyMutation, CREATED_KIND } from '../mutations/handlers.ts';
import { Batch } from './batch.ts';
import { Rejection } from './rejection.ts';
import type { ApprovalSettings } from '../approvals/settings.ts';

export interface PushOptions {
  /** SLA and expiry for approval requests opened by this push (from the configuration). */
  readonly approvalSettings?: ApprovalSettings;
  /** How the mutations arrived, for the `sync_batch` audit event: a device's push, or HTTP. */
  readonly via?: 'sync' | 'http';
}

/** Two concurrent pushes of the same mutation collide on its key; the retry sees it as done. */
const MAX_ATTEMPTS = 4;

/** What identifies a mutation's content: a resend must carry exactly this. */
const payloadHash = (m: WireMutation) => sha256Hex(canonicalJson({ name: m.name, args: m.args }));

export async function push(
  store: Store,
  clock: Clock,
  p: Principal,
  req: PushRequest,
  options: PushOptions = {},
): Promise<PushResponse> {
  if (req.protocolVersion !== PROTOCOL_VERSION) {
    throw new AppError(
      400,
      ERROR_CODES.unsupportedProtocol,
      `This app speaks sync protocol ${req.protocolVersion}; the server speaks ${PROTOCOL_VERSION}. Update the app.`,
      'protocolVersion',
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      // Answered only after commit (SY3): if the commit fails, the client hears nothing and resends.
      const results = await store.transaction((tx) =>
        applyBatch(tx, clock, p, req.mutations, options),
      );
      return { results, serverTime: iso(clock.now()) };
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(err)) throw err;
    }
  }
}

async function applyBatch(
  tx: Store,
  clock: Clock,
  p: Principal,
  mutations: readonly WireMutation[],
  options: PushOptions,
): Promise<MutationResult[]> {
  const batch = new Batch(tx, p.user, p.session.deviceId, clock, options);
  const stored = await tx.getMutations(mutations.map((m) => m.id));
  const seen = new Map<string, { hash: string; userId: string; outcome: MutationOutcome }>();
  for (const [id, r] of stored)
    seen.set(id, { hash: r.payloadHash, userId: r.userId, outcome: r.outcome as MutationOutcome });

  await prefetchCreatedIds(batch, mutations);

  const results: MutationResult[] = [];
  const counts = { applied: 0, duplicate: 0, rejected: 0 };
  for (const m of mutations) {
    const hash = payloadHash(m);
    const prior = seen.get(m.id);
    if (prior) {
      // SY4: a resend gets the stored result; SY5: the same id with other content is refused.
      if (prior.hash === hash && prior.userId === p.user.id) {
        results.push({ id: m.id, status: 'duplicate', original: prior.outcome });
        counts.duplicate++;
      } else {
        results.push({
          id: m.id,
          status: 'rejected',
          code: 'idempotency_conflict',
          message: 'This mutation id was already used for different content',
          field: 'id',
        });
        counts.rejected++;
      }
      continue;
    }
    const outcome = await applyOne(batch, p, m);
    results.push({ id: m.id, ...outcome });
    counts[outcome.status]++;
    seen.set(m.id, { hash, userId: p.user.id, outcome });
    batch.recordMutation({
      id: m.id,
      userId: p.user.id,
      deviceId: p.session.deviceId,
      // A plain text column: an unknown name (refused anyway) may hold what it cannot (SY21).
      name: storableText(m.name),
      payloadHash: hash,
      outcome,
      receivedAt: batch.now,
    });
  }
  await batch.flush({
    mutations: mutations.length,
    ...counts,
    ...(options.via === 'http' ? { via: 'http' } : {}),
  });
  return results;
}

/** One query answers "is this record id new?" for the whole batch. */
async function prefetchCreatedIds(batch: Batch, mutations: readonly WireMutation[]): Promise<void> {
  const byKind = new Map<string, string[]>();
  for (const m of mutations) {
    const kind = CREATED_KIND[m.name as keyof typeof CREATED_KIND];
    const id = (m.args as { id?: unknown } | null)?.id;
    if (kind === undefined || typeof id !== 'string') continue;
    const ids = byKind.get(kind);
    if (ids) ids.push(id);
    else byKind.set(kind, [id]);
  }
  if (byKind.size > 0) await batch.prefetch(byKind);
}

async function applyOne(batch: Batch, p: Principal, wire: WireMutation): Promise<MutationOutcome> {
  if (!(MUTATION_NAMES as string[]).includes(wire.name)) {
    return {
      status: 'rejected',
      code: 'validation',
      message: `Unknown mutation "${wire.name}"`,
      field: 'name',
    };
  }
  // The envelope (id, clientTime) passed the push schema with the batch; only the args are left,
  // checked by their own schema: the union's parse would check the envelope again and pick the
  // same member by name. Issues get the `args.` prefix the union's path would give them.
  const name = wire.name as MutationName;
  const parsed = mutationArgsSchemas[name].safeParse(wire.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issuePath(['args', ...(issue?.path ?? [])]);
    return {
      status: 'rejected',
      code: 'validation',
      message: `${field}: ${issue?.message ?? 'invalid'}`,
      field,
    };
  }
  if (!canWrite(p.user.role)) {
    return {
      status: 'rejected',
      code: 'forbidden',
      message: 'An auditor cannot change records',
      field: 'name',
    };
  }
  try {
    const m = { id: wire.id, clientTime: wire.clientTime, name, args: parsed.data } as Mutation;
    await applyMutation(batch, m);
    return { status: 'applied' };
  } catch (err) {
    if (!(err instanceof Rejection)) throw err;
    return {
      status: 'rejected',
      code: err.code,
      message: err.message,
      ...(err.field !== undefined ? { field: err.field } : {}),
    };
  }
}
