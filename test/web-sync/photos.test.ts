import { describe, expect, it } from 'vitest';
import { uuidv7, type Incident } from '../../shared/index.ts';
import { jpegBytes } from '../support/factories.ts';
import type { TestServer } from '../support/harness.ts';
import { CHAN, device, incident, type Device, useRig, type Wire } from './helpers.ts';

// Photos of an incident, from the device's IndexedDB to the server, through a faulty wire
// (docs/sync.md SY20).

let s: TestServer;
let w: Wire;
let d: Device;
useRig({ isStarted: false }, (rig) => ({ s, w, d } = rig));

/** A small "JPEG" as the camera hands it over: the signature the server checks, then 508 bytes. */
const jpeg = (seed: number) => new Blob([jpegBytes(512, seed)], { type: 'image/jpeg' });

const isPhotoPut = (path: string) => path.startsWith('/api/photos/');
const photoEvents = async () =>
  (await s.store.readAudit({ limit: 10_000, action: 'create' })).filter(
    (e) => e.entityKind === 'photo',
  );

async function incidentOnServer(id: string): Promise<Incident | undefined> {
  return (await s.store.getDocs('incident', [id])).get(id)?.data as Incident | undefined;
}

describe('photos of an incident saved offline', () => {
  it('[SY20] two photos reach the server exactly once each, through lost answers, before the incident', async () => {
    d.browser.setOnline(false);
    const photoIds = [await d.stores.photos.add(jpeg(1)), await d.stores.photos.add(jpeg(2))];
    const { id } = await d.stores.records.recordIncident(incident({ photoIds }));
    expect((await d.db.photos.toArray()).map((p) => [p.state, p.recordId])).toEqual([
      ['pending', id],
      ['pending', id],
    ]);

    d.browser.setOnline(true);
    // Each photo's first answer is lost after the server stored it.
    w.control.fault = (r) => (isPhotoPut(r.path) && r.n === 1 ? 'drop_response' : undefined);
    await d.engine.syncNow();
    // The cycle stopped at the first lost answer: no incident without its photos.
    expect(w.count('/api/sync/push')).toBe(0);
    expect(await incidentOnServer(id)).toBeUndefined();
    await d.engine.syncNow();
    expect(w.count('/api/sync/push')).toBe(0);
    await d.engine.syncNow();

    const onServer = await incidentOnServer(id);
    expect(onServer?.photoIds).toEqual(photoIds);
    for (const photoId of photoIds) {
      const stored = await s.store.getPhoto(photoId);
      const local = await d.db.photos.get(photoId);
      expect(stored?.sha256).toBe(local?.sha256);
      expect(stored?.size).toBe(512);
      expect(local?.state).toBe('uploaded');
    }
    // Exactly one copy of each: one create event per photo, though each was sent twice.
    expect((await photoEvents()).map((e) => e.entityId).sort()).toEqual([...photoIds].sort());
    expect(w.log.filter((l) => isPhotoPut(l.path))).toHaveLength(4);
    // Every photo went before the push that carried the incident.
    const lastPut = w.log.findLastIndex((l) => isPhotoPut(l.path));
    const firstPush = w.log.findIndex((l) => l.path === '/api/sync/push');
    expect(lastPut).toBeLessThan(firstPush);
    // A further sync sends nothing again.
    await d.engine.syncNow();
    expect(w.log.filter((l) => isPhotoPut(l.path))).toHaveLength(4);
  });

  it('[SY20][SY8] a photo upload that fails leaves it pending and the incident waiting', async () => {
    const photoId = await d.stores.photos.add(jpeg(3));
    const { id } = await d.stores.records.recordIncident(incident({ photoIds: [photoId] }));
    w.control.fault = (r) => (isPhotoPut(r.path) ? 'server_error' : undefined);
    await d.engine.syncNow();
    expect(d.engine.state.get().lastError?.code).toBe('internal');
    expect((await d.db.photos.get(photoId))?.state).toBe('pending');
    expect(await incidentOnServer(id)).toBeUndefined();
    w.control.fault = () => undefined;
    await d.engine.syncNow();
    expect((await incidentOnServer(id))?.photoIds).toEqual([photoId]);
  });

  it('[SY20][SY6] a photo the server refuses for good is kept, marked, and blocks nothing', async () => {
    // Labelled JPEG, but the bytes are not one: 415, final.
    const bad = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/jpeg' });
    const badId = await d.stores.photos.add(bad);
    const goodId = await d.stores.photos.add(jpeg(4));
    const { id } = await d.stores.records.recordIncident(incident({ photoIds: [badId, goodId] }));
    await d.engine.syncNow();
    const refused = await d.db.photos.get(badId);
    expect(refused?.state).toBe('refused');
    expect(refused?.rejection).toMatchObject({ code: 'validation', field: 'body' });
    expect((await d.db.photos.get(goodId))?.state).toBe('uploaded');
    expect((await incidentOnServer(id))?.photoIds).toEqual([badId, goodId]);
    expect(await s.store.getPhoto(badId)).toBeUndefined();
    // The incident names a photo the server never got: shown as "not yet received".
    await d.db.photos.delete(badId);
    expect(await d.stores.photos.load(badId)).toEqual({ status: 'not_received' });
    expect(await d.stores.photos.load(goodId)).toMatchObject({ status: 'shown' });
  });

  it('[SY20] a photo another device took is fetched from the server with the session', async () => {
    const photoId = await d.stores.photos.add(jpeg(5));
    await d.stores.records.recordIncident(incident({ photoIds: [photoId] }));
    await d.engine.syncNow();
    await d.db.photos.clear();
    const view = await d.stores.photos.load(photoId);
    expect(view.status).toBe('shown');
    if (view.status !== 'shown') return;
    expect(view.localState).toBeNull();
    expect(new Uint8Array(await view.blob.arrayBuffer())).toEqual(
      new Uint8Array(await jpeg(5).arrayBuffer()),
    );
  });

  it('[SY20] uploaded photos past the keep budget leave the device, oldest first, and show from the server', async () => {
    // Room for two of the 512-byte photos.
    const phone = device(w, { photoKeepBytes: 1_024 });
    try {
      await phone.stores.session.signIn(CHAN.username, CHAN.password);
      const photoIds: string[] = [];
      for (let i = 0; i < 3; i++) photoIds.push(await phone.stores.photos.add(jpeg(10 + i)));
      await phone.stores.records.recordIncident(incident({ photoIds }));
      // A draft's photo is not on the server: it stays, whatever the budget.
      const draftPhoto = await phone.stores.photos.add(jpeg(20));
      await phone.engine.syncNow();

      const [oldest, ...newer] = photoIds as [string, ...string[]];
      const onDevice = async () => (await phone.db.photos.toArray()).map((p) => p.id).sort();
      expect(await onDevice()).toEqual([...newer, draftPhoto].sort());
      expect(await s.store.getPhoto(oldest)).toBeDefined();
      const view = await phone.stores.photos.load(oldest);
      expect(view).toMatchObject({ status: 'shown', localState: null });
      if (view.status !== 'shown') return;
      expect(new Uint8Array(await view.blob.arrayBuffer())).toEqual(
        new Uint8Array(await jpeg(10).arrayBuffer()),
      );

      // Each step a minute later on the phone's clock: newest first is by when a photo was taken.
      phone.browser.timers.advance(60_000);
      // A newer incident the server refuses (it names no risk the server has): its photo went up,
      // but the record is not on the server, so the photo stays however far past the budget
      // (someone fixing the record offline sees it), and an older one goes instead.
      const refusedPhoto = await phone.stores.photos.add(jpeg(30));
      const refused = await phone.stores.records.recordIncident(
        incident({ photoIds: [refusedPhoto], riskId: uuidv7() }),
      );
      await phone.engine.syncNow();
      expect((await phone.db.local.get(refused.id))?.state).toBe('needs_attention');
      expect((await phone.db.photos.get(refusedPhoto))?.state).toBe('uploaded');
      expect(await onDevice()).toEqual([photoIds[2]!, draftPhoto, refusedPhoto].sort());
      phone.browser.timers.advance(60_000);
      // Two newer photos of a record that syncs fill the budget: the refused record's photo, now
      // older than them, still stays; the synced one before it goes.
      const newest = [
        await phone.stores.photos.add(jpeg(40)),
        await phone.stores.photos.add(jpeg(41)),
      ];
      await phone.stores.records.recordIncident(incident({ photoIds: newest }));
      await phone.engine.syncNow();
      expect(await onDevice()).toEqual([...newest, draftPhoto, refusedPhoto].sort());
    } finally {
      await phone.engine.stop();
      phone.db.close();
    }
  });

  it('[SY20] a draft keeps its photos; discarding the draft deletes them, never a saved record’s', async () => {
    const kept = await d.stores.photos.add(jpeg(6));
    await d.stores.records.recordIncident(incident({ photoIds: [kept] }));
    const draftPhoto = await d.stores.photos.add(jpeg(7));
    await d.stores.drafts.save('incident', { description: 'half typed', photoIds: [draftPhoto] });
    // Not uploaded while only a draft holds it.
    await d.engine.syncNow();
    expect(await s.store.getPhoto(draftPhoto)).toBeUndefined();
    expect((await d.db.photos.get(draftPhoto))?.state).toBe('pending');

    await d.stores.drafts.clear('incident');
    expect(await d.db.photos.get(draftPhoto)).toBeUndefined();
    expect(await d.db.photos.get(kept)).toBeDefined();
    // Taking a photo off the form deletes it; one a record holds stays.
    const removed = await d.stores.photos.add(jpeg(8));
    await d.stores.photos.remove(removed);
    await d.stores.photos.remove(kept);
    expect(await d.db.photos.get(removed)).toBeUndefined();
    expect(await d.db.photos.get(kept)).toBeDefined();
  });

  it('[SY20][SY7] discarding a refused incident deletes its photos from the device', async () => {
    const photoId = await d.stores.photos.add(jpeg(9));
    // Hong Kong Island is not one of chan's regions: refused.
    const { id } = await d.stores.records.recordIncident(
      incident({
        photoIds: [photoId],
        scope: { product: 'broadband', segment: 'consumer', region: 'hk_island' },
      }),
    );
    await d.engine.syncNow();
    expect((await d.db.local.get(id))?.state).toBe('needs_attention');
    await d.stores.records.discard(id);
    expect(await d.db.photos.get(photoId)).toBeUndefined();
  });
});
