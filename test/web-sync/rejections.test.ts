import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationOutcome } from '../../shared/index.ts';
import { StoreError } from '../../web/src/stores/store-error.ts';
import type { TestServer } from '../support/harness.ts';
import {
  CHAN,
  device,
  incident,
  recovery,
  serverIds,
  startServer,
  wire,
  type Device,
} from './helpers.ts';

// A refused mutation stays with its author, with the reason, and is fixed by a new one (SY6, SY7).

let s: TestServer;
let d: Device;

beforeEach(async () => {
  s = await startServer();
  d = device(wire(s));
  d.engine.start();
  await d.stores.session.signIn(CHAN.username, CHAN.password);
  await d.engine.whenIdle();
});
afterEach(async () => {
  await d.engine.stop();
  d.db.close();
  await s.close();
});

const outcome = async (mutationId: string) =>
  (await s.store.getMutations([mutationId])).get(mutationId)?.outcome as
    MutationOutcome | undefined;
const outboxRow = (recordId: string) => d.db.outbox.where('recordId').equals(recordId).first();

describe('rejected mutations on the device', () => {
  it('[SY6][SY7] a refused record stays visible with code and field, the queue moves on, and fixAndResend sends a new mutation', async () => {
    const before = await d.stores.records.recordIncident(incident());
    // Chan works in Kowloon only: the server refuses Hong Kong Island, naming the field.
    const refused = await d.stores.records.recordIncident(
      incident({ scope: { product: 'broadband', segment: 'consumer', region: 'hk_island' } }),
    );
    const after = await d.stores.records.recordIncident(incident());
    const firstMutationId = (await outboxRow(refused.id))?.id ?? '';

    await d.engine.syncNow();

    expect(await serverIds(s, 'incident')).toEqual([before.id, after.id].sort());
    expect(d.engine.state.get()).toMatchObject({
      status: 'idle',
      pendingCount: 0,
      rejectedCount: 1,
    });
    const mine = await d.stores.records.mine.read();
    const shown = mine.find((r) => r.id === refused.id);
    expect(shown).toMatchObject({
      syncState: 'needs_attention',
      rejection: { code: 'forbidden', field: 'args.scope.region' },
      doc: null,
    });
    expect(
      mine
        .filter((r) => r.syncState === 'synced')
        .map((r) => r.id)
        .sort(),
    ).toEqual([before.id, after.id].sort());
    // Never sent again under that id (SY7): another sync pushes nothing.
    await d.engine.syncNow();
    expect(await outcome(firstMutationId)).toMatchObject({ status: 'rejected', code: 'forbidden' });

    if (!shown) throw new Error('unreachable');
    await d.stores.records.fixAndResend(shown, {
      scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_east' },
    });
    const resent = await outboxRow(refused.id);
    expect(resent).toMatchObject({ state: 'pending', rejection: null });
    expect(resent?.id).not.toBe(firstMutationId);

    await d.engine.syncNow();
    expect(await serverIds(s, 'incident')).toEqual([before.id, refused.id, after.id].sort());
    expect(await outcome(resent?.id ?? '')).toEqual({ status: 'applied' });
    expect(await outcome(firstMutationId)).toMatchObject({ status: 'rejected' });
    const fixed = (await d.stores.records.mine.read()).find((r) => r.id === refused.id);
    expect(fixed).toMatchObject({ syncState: 'synced', rejection: null });
    expect(fixed?.doc).toMatchObject({ scope: { region: 'kowloon_east' }, status: 'open' });
    expect(d.engine.state.get()).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
  });

  it('sign-out is refused while a refused record waits for the user, and wipes the device once it is dealt with', async () => {
    const refused = await d.stores.records.recordIncident(
      incident({ scope: { product: 'broadband', segment: 'consumer', region: 'hk_island' } }),
    );
    await d.engine.syncNow();

    const error = await d.stores.session.signOut().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'unsynced_records', details: { pending: 0, rejected: 1 } });
    expect(await d.stores.session.current.read()).not.toBeNull();

    await d.stores.records.discard(refused.id);
    await d.stores.session.signOut();
    expect(await d.stores.session.current.read()).toBeNull();
    expect(await d.db.docs.count()).toBe(0);
    expect(await d.db.local.count()).toBe(0);
    expect((await d.db.meta.toArray()).map((m) => m.key)).toEqual(['deviceId']);
    // The server session is over too: signing out told the server.
    const sessions = await s.store.listSessions(s.user('frontline.chan').id);
    expect(sessions.every((x) => x.revokedAt !== null)).toBe(true);
  });

  it('[SY14] a refused recovery keeps its device decision when only the reference is fixed, and is decided again when the amount changes', async () => {
    const r = await d.stores.records.recordRecovery(
      recovery({ scope: { product: 'satellite', segment: 'consumer', region: 'kowloon_west' } }),
    );
    await d.engine.syncNow();
    const refused = (await d.stores.records.mine.read()).find((x) => x.id === r.id);
    expect(refused).toMatchObject({
      syncState: 'needs_attention',
      rejection: { code: 'validation', field: 'args.scope.product' },
    });
    if (!refused || refused.name !== 'recovery.record') throw new Error('unreachable');

    // A new amount over the HKD 300 per-case bill-credit limit: the device decides again.
    await d.stores.records.fixAndResend(refused, {
      scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
      amount: { amount: 40_000, currency: 'HKD' },
    });
    await d.engine.syncNow();
    const stored = (await s.store.getDocs('recovery', [r.id])).get(r.id)?.data as {
      status: string;
      deviceDecision: { reasons: string[] };
    };
    expect(stored.status).toBe('awaiting_approval');
    expect(stored.deviceDecision.reasons).toEqual(['over_per_case']);
  });
});
