import { uuidv7, type LoginResponse, type User } from '../../../shared/index.ts';
import { storeSession, wipeIfSynced } from '../db/device-session.ts';
import { liveRead } from '../db/live.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { StoredSession } from '../db/rows.ts';
import { ApiError } from '../sync/api-error.ts';
import type { StoreContext } from './context.ts';
import type { Readable } from './readable.ts';
import { StoreError } from './store-error.ts';

/** The session as the UI sees it: never the token. */
export interface SessionView {
  readonly user: User;
  readonly deviceId: string;
  readonly expiresAt: string;
  readonly settings: LoginResponse['settings'];
  /** The server refused this session (revoked or expired, SY16): sign in again to sync. */
  readonly needsSignIn: boolean;
}

/** `navigator.storage`, or the part of it used here. */
export interface StorageManagerLike {
  persist?(): Promise<boolean>;
}

export interface SessionStore {
  /** Who is signed in on this device; null when nobody is. */
  readonly current: Readable<SessionView | null>;
  /**
   * Signs in (online only) and keeps the session on the device. Asks the browser to keep this
   * site's storage persistent, so unsent records are not evicted. Throws StoreError:
   * `bad_credentials` (field `password`), `too_many_attempts`, `network`/`timeout` (offline),
   * `other_user_data` (another user's unsynced records are on this device).
   */
  signIn(
    username: string,
    password: string,
    options?: { deviceName?: string },
  ): Promise<SessionView>;
  /**
   * Signs out and removes the user's data from the device (product.md §6). Refused with
   * `unsynced_records` (details: pending, rejected) while anything waits to sync or to be fixed:
   * sync first, or fix or discard what needs attention.
   */
  signOut(): Promise<void>;
}

async function deviceIdOf(ctx: StoreContext): Promise<string> {
  const existing = await getMeta(ctx.db, 'deviceId');
  if (existing) return existing;
  const id = `web-${uuidv7(ctx.now())}`;
  await setMeta(ctx.db, 'deviceId', id);
  return id;
}

function viewOf(session: StoredSession, deviceId: string, needsSignIn: boolean): SessionView {
  const { user, expiresAt, settings } = session;
  return { user, deviceId, expiresAt, settings, needsSignIn };
}

export function createSessionStore(ctx: StoreContext, storage?: StorageManagerLike): SessionStore {
  const { db, api, engine } = ctx;
  return {
    current: liveRead(async () => {
      const session = await getMeta(db, 'session');
      if (!session) return null;
      const problem = await getMeta(db, 'authProblem');
      return viewOf(
        session,
        (await getMeta(db, 'deviceId')) ?? '',
        problem?.sessionId === session.sessionId,
      );
    }),

    async signIn(username, password, options = {}) {
      const deviceId = await deviceIdOf(ctx);
      let res: LoginResponse;
      try {
        res = await api.login({
          username,
          password,
          deviceId,
          ...(options.deviceName ? { deviceName: options.deviceName } : {}),
        });
      } catch (err) {
        if (err instanceof ApiError) throw new StoreError(err.code, err.message, err.field);
        throw err;
      }
      const session: StoredSession = {
        token: res.token,
        sessionId: res.sessionId,
        user: res.user,
        expiresAt: res.expiresAt,
        settings: res.settings,
      };
      const stored = await storeSession(db, session);
      if (!stored.ok) {
        await api.logout(res.token).catch(() => undefined);
        throw new StoreError(
          'other_user_data',
          `${stored.previousUser} has records on this device that are not synced yet; they must sign in and sync first`,
          undefined,
          { pending: stored.pending, rejected: stored.rejected, previousUser: stored.previousUser },
        );
      }
      if (storage?.persist) {
        // Without it the browser may evict IndexedDB under storage pressure, outbox included.
        const isPersisted = await storage.persist().catch(() => false);
        await setMeta(db, 'storagePersisted', isPersisted);
      }
      engine.resume();
      return viewOf(session, deviceId, false);
    },

    async signOut() {
      const wiped = await wipeIfSynced(db);
      if (!wiped.ok) {
        throw new StoreError(
          'unsynced_records',
          `${wiped.pending} record(s) wait to sync and ${wiped.rejected} need your attention; sign out once they are done`,
          undefined,
          { pending: wiped.pending, rejected: wiped.rejected },
        );
      }
      // The token is already gone from the device; telling the server is a courtesy that may fail offline.
      if (wiped.session) await api.logout(wiped.session.token).catch(() => undefined);
    },
  };
}
