import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7, type DeviceDecision } from '../../../shared/index.ts';
import { localRow } from '../stores/record-write.ts';
import { NOW, recoveryInput, session } from '../stores/test-support.ts';
import { FrontlineDb } from './database.ts';
import { readUsage } from './usage.ts';

let db: FrontlineDb | undefined;
afterEach(() => db?.close());

const ME = session().user.id;

describe('schema version 2', () => {
  it('a device upgrading from version 1 finds the period use it had before', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // Version 1 exactly as it shipped.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      docs: '[kind+id], kind',
      local: 'id, userId, name, state',
      outbox: '++seq, &id, state, recordId',
      meta: 'key',
      drafts: 'form',
    });
    const given = uuidv7(NOW);
    const pulled = uuidv7(NOW);
    const decision: DeviceDecision = {
      outcome: 'within_limit',
      ruleId: null,
      reasons: [],
      limitsVersion: 1,
      limitsAgeMs: 0,
    };
    await v1.table('local').add(
      localRow(
        'recovery.record',
        given,
        {
          ...recoveryInput({ amount: { amount: 300, currency: 'HKD' } }),
          id: given,
          deviceDecision: decision,
        },
        ME,
        NOW,
      ),
    );
    await v1.table('docs').add({
      kind: 'recovery',
      id: pulled,
      data: {
        ...recoveryInput({ amount: { amount: 4_000, currency: 'HKD' } }),
        id: pulled,
        deviceDecision: decision,
        recordedBy: ME,
        status: 'approved',
      },
    });
    v1.close();

    db = new FrontlineDb(name);
    const usage = await readUsage(db, ME, NOW);
    expect(usage.reduce((sum, u) => sum + u.amount.amount, 0)).toBe(4_300);
    expect(
      await db.outbox.where('[state+seq]').between(['pending', 0], ['pending', Infinity]).count(),
    ).toBe(0);
  });
});
