import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../db/database.ts';
import { freshDb, NOW, storesOver } from './test-support.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

describe('form drafts (an update never interrupts a half-filled form)', () => {
  it('saves as the user types, keeps the latest, loads it back, and clears it', async () => {
    db = freshDb();
    const { drafts } = storesOver(db).stores;
    expect(await drafts.load('recovery')).toBeNull();

    await drafts.save('recovery', { amount: '1' });
    await drafts.save('recovery', { amount: '15' });
    await drafts.save('incident', { description: 'Router' });

    expect(await drafts.load<{ amount: string }>('recovery')).toEqual({
      value: { amount: '15' },
      savedAt: NOW,
    });
    await drafts.clear('recovery');
    expect(await drafts.load('recovery')).toBeNull();
    expect(await drafts.load('incident')).toEqual({
      value: { description: 'Router' },
      savedAt: NOW,
    });
  });

  it('survives closing and reopening the database (a reload)', async () => {
    db = freshDb();
    await storesOver(db).stores.drafts.save('feedback', { text: 'half' });
    db.close();
    await db.open();
    expect(await storesOver(db).stores.drafts.load('feedback')).toMatchObject({
      value: { text: 'half' },
    });
  });
});
