import { FrontlineDb } from '../db/database.ts';
import { createApiClient } from '../sync/api-client.ts';
import { browserSyncEnv } from '../sync/browser-env.ts';
import { createSyncEngine } from '../sync/engine.ts';
import { APP_PUSH_BATCH } from '../sync/push.ts';
import { createAppStores, type AppStores } from './app-stores.ts';

/**
 * The browser wiring, in one place: the real database, fetch to the same origin, `navigator`
 * and `document` for connectivity, visibility and Web Locks. Call once at start-up and pass the
 * result down through context. The engine is started here.
 */
export function createBrowserStores(options: { readonly baseUrl?: string } = {}): AppStores {
  const db = new FrontlineDb();
  const api = createApiClient({ baseUrl: options.baseUrl ?? '', gzipRequests: true });
  const engine = createSyncEngine({
    db,
    api,
    env: browserSyncEnv(window),
    batchSize: APP_PUSH_BATCH,
  });
  const stores = createAppStores({ db, engine, api, storage: navigator.storage });
  engine.start();
  return stores;
}
