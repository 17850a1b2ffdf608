import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontlineDb } from '../db/database.ts';
import {
  fakeApi,
  freshDb,
  LIMIT_SET,
  loginResponse,
  session,
  storesOver,
} from '../stores/test-support.ts';
import { createAppState } from './app-state.ts';
import { connectStores } from './connect-stores.ts';

let db: FrontlineDb;
afterEach(() => db?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function appState() {
  return createAppState({
    savedLang: 'en',
    browserLanguages: [],
    isOnline: true,
    hash: '#/',
    nowMs: 0,
  });
}

describe('the shell over the stores', () => {
  it('knows nobody is signed in, then who is, with their limits, after a sign-in', async () => {
    db = freshDb();
    const { stores } = storesOver(db, fakeApi({ login: async () => loginResponse(session()) }));
    const state = appState();
    expect(state.session.value).toBeUndefined();
    const disconnect = connectStores(state, stores);
    expect(state.stores.value).toBe(stores);
    await settle();
    expect(state.session.value).toBeNull();
    expect(state.myLimits.value).toBeNull();

    await stores.session.signIn('frontline.chan', 'frontline-demo');
    await db.docs.put({ kind: 'limit_set', id: LIMIT_SET.id, data: LIMIT_SET });
    await settle();
    expect(state.session.value?.user.username).toBe('frontline.chan');
    expect(state.myLimits.value?.version).toBe(LIMIT_SET.version);
    expect(state.sync.value?.pendingCount).toBe(0);
    disconnect();
  });
});
