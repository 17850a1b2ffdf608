import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../db/database.ts';
import { getMeta } from '../db/meta.ts';
import { ApiError } from '../sync/api-error.ts';
import { StoreError } from './store-error.ts';
import {
  fakeApi,
  freshDb,
  incidentInput,
  loginResponse,
  session,
  signedInDb,
  storesOver,
  user,
} from './test-support.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as StoreError,
  );

describe('signing in', () => {
  it('stores the session and a device id, asks for persistent storage, and resumes sync', async () => {
    db = freshDb();
    const sent: unknown[] = [];
    const api = fakeApi({
      login: async (req) => {
        sent.push(req);
        return loginResponse();
      },
    });
    const { stores, calls } = storesOver(db, api, { persist: async () => true });

    const view = await stores.session.signIn('frontline.chan', 'frontline-demo', {
      deviceName: 'Shop phone',
    });

    const deviceId = await getMeta(db, 'deviceId');
    expect(deviceId).toMatch(/^web-[0-9a-f-]{36}$/);
    expect(sent).toEqual([
      {
        username: 'frontline.chan',
        password: 'frontline-demo',
        deviceId,
        deviceName: 'Shop phone',
      },
    ]);
    expect(view).toMatchObject({
      user: { username: 'frontline.chan' },
      deviceId,
      needsSignIn: false,
    });
    expect(view).not.toHaveProperty('token');
    expect(await getMeta(db, 'storagePersisted')).toBe(true);
    expect(calls.resume).toBe(1);
    // The same device id on the next sign-in.
    await stores.session.signIn('frontline.chan', 'frontline-demo');
    expect((sent[1] as { deviceId: string }).deviceId).toBe(deviceId);
  });

  it('turns a refusal into a StoreError with the code and field', async () => {
    db = freshDb();
    const api = fakeApi({
      login: async () => {
        throw new ApiError(401, 'bad_credentials', 'Wrong username or password', 'password');
      },
    });
    const e = await refusal(storesOver(db, api).stores.session.signIn('frontline.chan', 'nope'));
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toMatchObject({ code: 'bad_credentials', field: 'password' });
    expect(await getMeta(db, 'session')).toBeUndefined();
  });

  it("refuses another user while the previous user's records are unsynced; once they are synced, wipes them first", async () => {
    db = await signedInDb();
    const lam = session({
      token: 'token-lam',
      sessionId: '019a0000-0000-7000-8000-0000000000a2',
      user: user({ id: '019a0000-0000-7000-8000-000000000002', username: 'frontline.lam' }),
    });
    let logouts = 0;
    const api = fakeApi({
      login: async () => loginResponse(lam),
      logout: async () => void logouts++,
    });
    const { stores } = storesOver(db, api);
    await stores.records.recordIncident(incidentInput());

    const e = await refusal(stores.session.signIn('frontline.lam', 'frontline-demo'));
    expect(e).toMatchObject({
      code: 'other_user_data',
      details: { pending: 1, previousUser: 'frontline.chan' },
    });
    expect((await getMeta(db, 'session'))?.user.username).toBe('frontline.chan');
    expect(logouts).toBe(1); // the new session is not left open on the server

    await db.outbox.clear(); // as if it synced
    await stores.session.signIn('frontline.lam', 'frontline-demo');
    expect((await getMeta(db, 'session'))?.user.username).toBe('frontline.lam');
    expect(await db.local.count()).toBe(0);
    expect(await db.docs.count()).toBe(0);
  });
});

describe('signing out (product.md §6)', () => {
  it('is refused while anything waits to sync, and wipes nothing', async () => {
    db = await signedInDb();
    const { stores } = storesOver(db);
    await stores.records.recordIncident(incidentInput());
    await stores.drafts.save('incident', { description: 'half' });

    const e = await refusal(stores.session.signOut());
    expect(e).toMatchObject({ code: 'unsynced_records', details: { pending: 1, rejected: 0 } });
    expect(await getMeta(db, 'session')).toBeDefined();
    expect(await db.local.count()).toBe(1);
    expect(await db.docs.count()).toBe(1);
    expect(await stores.drafts.load('incident')).not.toBeNull();
  });

  it("once synced, removes the user's data and session but keeps the device id, and tells the server", async () => {
    db = await signedInDb();
    const loggedOut: string[] = [];
    const { stores } = storesOver(db, fakeApi({ logout: async (t) => void loggedOut.push(t) }));
    await stores.drafts.save('incident', { description: 'half' });

    await stores.session.signOut();

    expect(loggedOut).toEqual(['token-1']);
    expect(await stores.session.current.read()).toBeNull();
    expect(await db.docs.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect((await db.meta.toArray()).map((m) => m.key)).toEqual(['deviceId']);
  });

  it('still signs out offline: the token leaves the device even if the server cannot be told', async () => {
    db = await signedInDb();
    const { stores } = storesOver(
      db,
      fakeApi({
        logout: async () => {
          throw new ApiError(null, 'network', 'offline');
        },
      }),
    );
    await stores.session.signOut();
    expect(await getMeta(db, 'session')).toBeUndefined();
  });
});
