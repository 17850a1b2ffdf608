// Fixtures for the unit tests of db/, sync/ and stores/ (never imported by the app). The web may
// not import server/, so the few documents needed are written out here.
import {
  uuidv7,
  type LimitSet,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type User,
} from '../../../shared/index.ts';
import { FrontlineDb } from '../db/database.ts';
import { saveLocalWrite, type LocalWrite } from '../db/local-writes.ts';
import type { LocalRecordRow, StoredSession } from '../db/rows.ts';
import type { ApiClient } from '../sync/api-client.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { NOTHING_YET, type SyncState } from '../sync/sync-state.ts';
import { createObservable } from '../sync/observable.ts';
import { createAppStores, type AppStores } from './app-stores.ts';
import type { NewIncident, NewRecovery } from './records-store.ts';

/** 2026-11-23 10:00 in Hong Kong. */
export const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);
export const HOUR = 3_600_000;

export function user(overrides: Partial<User> = {}): User {
  return {
    id: '019a0000-0000-7000-8000-000000000001',
    username: 'frontline.chan',
    displayName: 'Chan Tai Man',
    role: 'frontline',
    teamId: null,
    orgId: null,
    regions: [],
    locale: 'en',
    active: true,
    ...overrides,
  };
}

export function session(overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    token: 'token-1',
    sessionId: '019a0000-0000-7000-8000-0000000000a1',
    user: user(),
    expiresAt: new Date(NOW + 14 * 24 * HOUR).toISOString(),
    settings: { maxLimitsAgeMs: 24 * HOUR, sessionLifetimeMs: 14 * 24 * HOUR },
    ...overrides,
  };
}

export function loginResponse(s: StoredSession = session()): LoginResponse {
  return {
    token: s.token,
    sessionId: s.sessionId,
    expiresAt: s.expiresAt,
    user: s.user,
    settings: s.settings,
  };
}

/** Frontline: bill credit HKD 300 a case, HKD 500 a month; everything else needs approval. */
export const LIMIT_SET: LimitSet = {
  id: '019a0000-0000-7000-8000-0000000000b1',
  version: 3,
  effectiveFrom: new Date(NOW - 30 * 24 * HOUR).toISOString(),
  publishedAt: new Date(NOW - 30 * 24 * HOUR).toISOString(),
  publishedBy: '019a0000-0000-7000-8000-000000000009',
  changeNote: 'Test matrix',
  rules: [
    {
      id: '019a0000-0000-7000-8000-0000000000c1',
      role: 'frontline',
      product: '*',
      segment: '*',
      region: '*',
      compensationType: 'bill_credit',
      currency: 'HKD',
      maxPerCase: 30_000,
      maxPerPeriod: 50_000,
      period: 'month',
    },
  ],
};

export function freshDb(): FrontlineDb {
  return new FrontlineDb(`unit-${crypto.randomUUID()}`);
}

/** A device that signed in and pulled the limits `ageMs` ago. */
export async function signedInDb(
  options: { user?: User; limitsAgeMs?: number } = {},
): Promise<FrontlineDb> {
  const db = freshDb();
  await db.meta.bulkPut([
    { key: 'session', value: session(options.user ? { user: options.user } : {}) },
    { key: 'deviceId', value: 'web-test-device' },
    { key: 'limitsCheckedAt', value: NOW - (options.limitsAgeMs ?? HOUR) },
  ]);
  await db.docs.put({ kind: 'limit_set', id: LIMIT_SET.id, data: LIMIT_SET });
  return db;
}

/** An API that answers from the given functions; anything else fails the test. */
export function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  const missing = (name: string) => () => Promise.reject(new Error(`unexpected api.${name}`));
  return {
    login: missing('login'),
    logout: async () => undefined,
    push: missing('push') as (t: string, m: unknown) => Promise<PushResponse>,
    pull: missing('pull') as (t: string, c: string | null) => Promise<PullResponse>,
    issuePhoneCode: missing('issuePhoneCode') as ApiClient['issuePhoneCode'],
    uploadPhoto: missing('uploadPhoto') as ApiClient['uploadPhoto'],
    fetchPhoto: missing('fetchPhoto') as ApiClient['fetchPhoto'],
    ...overrides,
  };
}

/** An engine stand-in that counts what the stores ask of it. */
export function fakeEngine() {
  const calls = { notifyLocalWrite: 0, resume: 0, syncNow: 0 };
  const engine: SyncEngine = {
    state: createObservable<SyncState>(NOTHING_YET),
    start: () => undefined,
    stop: async () => undefined,
    syncNow: async () => void calls.syncNow++,
    notifyLocalWrite: () => void calls.notifyLocalWrite++,
    resume: () => void calls.resume++,
    whenIdle: async () => undefined,
  };
  return { engine, calls };
}

export function storesOver(
  db: FrontlineDb,
  api: ApiClient = fakeApi(),
  storage?: { persist(): Promise<boolean> },
) {
  const { engine, calls } = fakeEngine();
  const stores: AppStores = createAppStores({
    db,
    engine,
    api,
    clock: () => NOW,
    ...(storage ? { storage } : {}),
  });
  return { stores, calls };
}

/** The first value a live read delivers to a subscriber, and the values after. */
export function collect<T>(readable: { subscribe(next: (v: T) => void): () => void }) {
  const values: T[] = [];
  const unsubscribe = readable.subscribe((v) => values.push(v));
  return { values, unsubscribe };
}

/** A valid incident for the demo-like scope used in unit tests. */
export function incidentInput(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    category: 'missed_appointment',
    description: 'Installer did not arrive.',
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
    customerRef: 'ACC-00012345',
    outsourcingPartyId: null,
    occurredAt: new Date(NOW - HOUR).toISOString(),
    location: null,
    photoIds: [],
    severity: { likelihood: 2, impact: 3 },
    tacticIdsShown: [],
    riskId: null,
    ...overrides,
  };
}

export function recoveryInput(overrides: Partial<NewRecovery> = {}): NewRecovery {
  return {
    incidentId: null,
    customerRef: 'ACC-00012345',
    compensationType: 'bill_credit',
    amount: { amount: 10_000, currency: 'HKD' },
    scope: { product: 'broadband', segment: 'consumer', region: 'kowloon_west' },
    reason: 'Missed appointment',
    occurredAt: new Date(NOW - HOUR).toISOString(),
    satisfaction: null,
    ...overrides,
  };
}

/** A record saved on the device and not yet sent, with its outbox mutation: `name` and `args`. */
export function localWrite(
  name: string,
  args: Record<string, unknown>,
  overrides: Partial<LocalRecordRow> = {},
): LocalWrite {
  const id = (args.id as string | undefined) ?? uuidv7();
  return {
    record: {
      id,
      name,
      args: { ...args, id },
      userId: 'u1',
      state: 'saved_on_device',
      mutationId: uuidv7(),
      rejection: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    } as LocalRecordRow,
    clientTime: new Date(NOW).toISOString(),
  };
}

/** A feedback note saved on the device and not yet sent: a record and its outbox mutation. */
export function feedbackWrite(overrides: Partial<LocalRecordRow> = {}): LocalWrite {
  return localWrite(
    'feedback.send',
    {
      subject: { kind: 'general' },
      kind: 'suggestion',
      text: 'More vouchers',
      sentAt: new Date(NOW).toISOString(),
    },
    overrides,
  );
}

/** `n` feedback notes saved offline, one after another; answers their mutation ids in that order. */
export async function queueFeedback(db: FrontlineDb, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { record } = await saveLocalWrite(db, () => feedbackWrite());
    ids.push(record.mutationId);
  }
  return ids;
}
