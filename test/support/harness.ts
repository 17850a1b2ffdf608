import {
  PROTOCOL_VERSION,
  uuidv7,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type WireMutation,
} from '../../shared/index.ts';
import type { Config } from '../../server/src/config.ts';
import { loadConfig } from '../../server/src/config.ts';
import { createApp } from '../../server/src/http/app.ts';
import { buildDemoOrganisation, type DemoOrganisation } from '../../server/src/seed/demo-data.ts';
import { seedOrganisation } from '../../server/src/seed/seed.ts';
import { manualClock } from '../../server/src/services/clock.ts';
import { createServices, type Services } from '../../server/src/services/index.ts';
import { openStore } from '../../server/src/storage/open.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { freshDatabaseUrl, type DatabaseKind } from './databases.ts';
import path from 'node:path';

/** 2026-11-23 10:00 Hong Kong time: a fixed "now" for tests. */
export const TEST_NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

/** Opens a fresh, empty, migrated database of the given kind. */
export async function openFreshStore(kind: DatabaseKind): Promise<{ store: Store; url: string }> {
  const url = await freshDatabaseUrl(kind);
  return { store: await openStoreAt(kind, url), url };
}

/** Opens (and migrates) the database at `url`, e.g. again after a simulated restart. */
export function openStoreAt(kind: DatabaseKind, url: string): Promise<Store> {
  return kind === 'postgres'
    ? openStore({ databaseUrl: url, dataDir: '' })
    : openStore({ dataDir: path.dirname(url), sqliteFile: path.basename(url) });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ PASSWORD_HASH_COST: '10', LOG_LEVEL: 'silent', SEED: 'none' }),
    ...overrides,
  };
}

export interface TestServer {
  readonly kind: DatabaseKind;
  /** Where the database lives, to open it again (`reopenTestServer`). */
  readonly databaseUrl: string;
  readonly config: Config;
  readonly store: Store;
  readonly services: Services;
  readonly app: ReturnType<typeof createApp>;
  readonly clock: ReturnType<typeof manualClock>;
  readonly org: DemoOrganisation;
  /** The seeded user with this username (throws if none). */
  user(username: string): DemoOrganisation['users'][number];
  /** Signs in as a demo user; returns the bearer token. */
  login(username: string, deviceId?: string): Promise<string>;
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  push(token: string, mutations: WireMutation[]): Promise<PushResponse>;
  pull(token: string, cursor?: string, limit?: number): Promise<PullResponse>;
  close(): Promise<void>;
}

/**
 * A real server app over a fresh database seeded with the demo organisation; no port opened.
 * `databaseUrl`: a fresh database made elsewhere (e.g. on a private PostgreSQL server).
 */
export async function createTestServer(
  kind: DatabaseKind,
  overrides: Partial<Config> = {},
  options: { readonly databaseUrl?: string } = {},
): Promise<TestServer> {
  const { store, url } =
    options.databaseUrl === undefined
      ? await openFreshStore(kind)
      : { store: await openStoreAt(kind, options.databaseUrl), url: options.databaseUrl };
  const clock = manualClock(TEST_NOW);
  const config = testConfig(overrides);
  const org = buildDemoOrganisation(new Date(TEST_NOW));
  await seedOrganisation(store, org, clock, config.passwordHashCost);
  return serverOver({ kind, databaseUrl: url, store, clock, config, org });
}

/**
 * A "restarted" server: the same database (whose old store the caller has closed), opened again
 * with new services and app; the clock carries on. Sessions and everything else are in the
 * database, so tokens from before still work.
 */
export async function reopenTestServer(previous: TestServer): Promise<TestServer> {
  const store = await openStoreAt(previous.kind, previous.databaseUrl);
  return serverOver({ ...previous, store });
}

function serverOver(parts: {
  kind: DatabaseKind;
  databaseUrl: string;
  store: Store;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  org: DemoOrganisation;
}): TestServer {
  const { kind, databaseUrl, store, clock, config, org } = parts;
  const services = createServices(store, config, clock);
  const app = createApp(services);

  const request: TestServer['request'] = async (p, init = {}) => {
    const { token, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return app.request(p, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  const expectOk = async <T>(res: Response): Promise<T> => {
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const user: TestServer['user'] = (username) => {
    const u = org.users.find((x) => x.username === username);
    if (!u) throw new Error(`no demo user ${username}`);
    return u;
  };
  return {
    kind,
    databaseUrl,
    config,
    store,
    services,
    app,
    clock,
    org,
    user,
    async login(username, deviceId = `device-${username.replace(/\W/g, '-')}`) {
      const body = await expectOk<LoginResponse>(
        await request('/api/auth/login', {
          method: 'POST',
          json: { username, password: user(username).password, deviceId },
        }),
      );
      return body.token;
    },
    request,
    async push(token, mutations) {
      return expectOk<PushResponse>(
        await request('/api/sync/push', {
          method: 'POST',
          token,
          json: { protocolVersion: PROTOCOL_VERSION, mutations },
        }),
      );
    },
    async pull(token, cursor, limit) {
      const q = new URLSearchParams();
      if (cursor) q.set('cursor', cursor);
      if (limit) q.set('limit', String(limit));
      return expectOk<PullResponse>(await request(`/api/sync/pull?${q}`, { token }));
    },
    close: () => store.close(),
  };
}

/** Wraps args as a mutation with a fresh id. */
export function mutation(name: string, args: unknown, clientTimeMs = TEST_NOW): WireMutation {
  return { id: uuidv7(), name, clientTime: new Date(clientTimeMs).toISOString(), args };
}
