import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../../db/database.ts';
import { incidentInput, signedInDb, storesOver } from '../../stores/test-support.ts';
import { createDraftSaver, mergeDraft, restoreDraft } from './draft.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const BLANK = { category: '', description: '', products: [] as readonly string[] };

describe('form drafts: saved as the user types, restored when the form opens again', () => {
  it('restores what was typed after the app is closed and opened again', async () => {
    db = await signedInDb();
    const saver = createDraftSaver(storesOver(db).stores.drafts, 'incident');
    saver.save({ ...BLANK, category: 'missed_appointment' });
    saver.save({ ...BLANK, category: 'missed_appointment', description: 'Installer' });
    saver.save({ ...BLANK, category: 'missed_appointment', description: 'Installer late' });
    await saver.flush();
    db.close();
    await db.open();

    const restored = await restoreDraft(storesOver(db).stores.drafts, 'incident', BLANK);
    expect(restored?.value).toEqual({
      category: 'missed_appointment',
      description: 'Installer late',
      products: [],
    });
  });

  it('takes only the fields the form has, of the kind it expects', () => {
    expect(mergeDraft(BLANK, { description: 'x', products: ['mobile', 3], extra: 'y' })).toEqual({
      ...BLANK,
      description: 'x',
    });
    expect(mergeDraft(BLANK, 'garbage')).toBeNull();
    expect(mergeDraft(BLANK, { nothing: 'of ours' })).toBeNull();
  });

  it('is gone once the record is saved, and a late keystroke does not bring it back', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    const saver = createDraftSaver(stores.drafts, 'incident');
    saver.save({ ...BLANK, description: 'Installer did not arrive.' });
    await saver.flush();
    expect(await restoreDraft(stores.drafts, 'incident', BLANK)).not.toBeNull();
    await saver.close();
    saver.save({ ...BLANK, description: 'typed while saving' });
    await stores.records.recordIncident(incidentInput(), { draftKey: 'incident' });
    expect(await restoreDraft(stores.drafts, 'incident', BLANK)).toBeNull();
  });
});
