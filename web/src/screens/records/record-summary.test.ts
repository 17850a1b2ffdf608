import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../../db/database.ts';
import { createI18n } from '../../i18n/index.ts';
import { recoveryInput, signedInDb, storesOver } from '../../stores/test-support.ts';
import { summarise } from './record-summary.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

describe('my records in words', () => {
  it('shows a recovery as saved on this phone, given or awaiting approval', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 10_000, currency: 'HKD' } }),
    );
    await stores.records.recordRecovery(
      recoveryInput({ amount: { amount: 90_000, currency: 'HKD' } }),
    );
    const [over, within] = await stores.records.mine.read();
    const en = createI18n('en');
    expect(summarise(within!, en, null)).toMatchObject({
      title: 'Bill credit: HK$100.00',
      sync: { tone: 'neutral', text: 'Saved on this phone' },
      status: { tone: 'success', text: 'Given' },
    });
    expect(summarise(over!, en, null)).toMatchObject({
      title: 'Bill credit: HK$900.00',
      status: { tone: 'warning', text: 'Awaiting approval' },
    });
    expect(summarise(over!, createI18n('zh-HK'), null).status?.text).toBe('等待審批');
  });
});
