import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ErrorBody, type WatchResponse } from '../../shared/index.ts';
import { createApp } from '../../server/src/http/app.ts';
import { createServices } from '../../server/src/services/index.ts';
import { askFor } from '../approvals/helpers.ts';
import { databaseTargets } from '../support/databases.ts';
import { createTestServer, openStoreAt, type TestServer } from '../support/harness.ts';
import { usePrivatePostgres } from '../support/store-fixtures.ts';
import { settlesWithin, sleep } from '../support/time.ts';

// The watch channel: a long poll that answers as soon as the user's pull would return something
// (docs/sync.md SY18). chan's over-limit recovery opens an approval request that supervisor.wong
// (chan's team lead) sees and supervisor.chow (another team) does not.

interface Watched {
  readonly status: number;
  readonly body: WatchResponse;
  /** When the answer came, by `performance.now()`. */
  readonly at: number;
}

function watchOn(
  app: { request: TestServer['request'] },
  token: string,
  cursor: string,
  waitSeconds: number,
  signal?: AbortSignal,
): Promise<Watched> {
  return app
    .request(`/api/sync/watch?cursor=${cursor}&waitSeconds=${waitSeconds}`, {
      token,
      ...(signal ? { signal } : {}),
    })
    .then(async (res) => ({
      status: res.status,
      body: (await res.json()) as WatchResponse,
      at: performance.now(),
    }));
}

/**
 * The user's cursor after everything committed so far. PostgreSQL's pull holds back rows of
 * transactions older ones are still running behind (SY9), anywhere on the test server, so pull
 * until a pull a moment later brings nothing more.
 */
async function headCursor(s: TestServer, token: string): Promise<string> {
  let cursor: string | undefined;
  for (let quiet = 0; quiet < 2;) {
    const page = await s.pull(token, cursor);
    quiet = page.changes.length === 0 ? quiet + 1 : 0;
    cursor = page.cursor;
    if (!page.hasMore) await sleep(30);
  }
  return cursor as string;
}

describe.each(databaseTargets())('watch on $name', ({ name }) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await createTestServer(name);
  });
  afterEach(async () => {
    s.services.feed.close();
    await s.close();
  });

  const cursorAtHead = (token: string) => headCursor(s, token);

  const watch = (token: string, cursor: string, waitSeconds: number, signal?: AbortSignal) =>
    watchOn(s, token, cursor, waitSeconds, signal);

  it('[SY18] answers changed at once when a pull from the cursor has something', async () => {
    const wong = await s.login('supervisor.wong');
    const started = performance.now();
    const answer = await watch(wong, '0.0', 25);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ changed: true });
    expect(answer.at - started).toBeLessThan(1_000);
  });

  it('[SY18] answers unchanged after waitSeconds when nothing the user may see arrives', async () => {
    const wong = await s.login('supervisor.wong');
    const cursor = await cursorAtHead(wong);
    const started = performance.now();
    const answer = await watch(wong, cursor, 1);
    expect(answer.body).toEqual({ changed: false });
    expect(answer.at - started).toBeGreaterThanOrEqual(950);
    expect(answer.at - started).toBeLessThan(3_000);
  });

  it("[SY18] wakes within a second or two when another user's push makes something visible", async () => {
    const chan = await s.login('frontline.chan');
    const wong = await s.login('supervisor.wong');
    const cursor = await cursorAtHead(wong);
    const held = watch(wong, cursor, 25);
    expect(await settlesWithin(held, 200)).toBe(false);

    await s.push(chan, [askFor(500)]);
    const acknowledged = performance.now();
    const answer = await held;
    expect(answer.body).toEqual({ changed: true });
    expect(answer.at - acknowledged).toBeLessThan(2_000);
    // And the pull it prompts brings the request.
    const pulled = await s.pull(wong, cursor);
    expect(pulled.changes.map((c) => c.kind)).toContain('approval_request');
  });

  it('[SY18] [SY11] does not answer changed for a write the user may not see', async () => {
    const chan = await s.login('frontline.chan');
    const chow = await s.login('supervisor.chow');
    const cursor = await cursorAtHead(chow);
    const started = performance.now();
    const held = watch(chow, cursor, 2);
    await sleep(100);
    await s.push(chan, [askFor(500)]);
    const answer = await held;
    expect(answer.body).toEqual({ changed: false });
    expect(answer.at - started).toBeGreaterThanOrEqual(1_950);
  });

  it('[SY18] a wake re-checks only the watches its rows concern: writes another user may not see cost a held watch no pull', async () => {
    // Installed before any request, so the store the services see hands out the spy.
    const pulls = vi.spyOn(s.store, 'pullDocs');
    const chan = await s.login('frontline.chan');
    const chow = await s.login('supervisor.chow');
    const cursor = await cursorAtHead(chow);
    const before = pulls.mock.calls.length;
    const held = watch(chow, cursor, 2);
    await sleep(100);
    for (let i = 0; i < 4; i++) {
      await s.push(chan, [askFor(500)]);
      await sleep(150);
    }
    expect((await held).body).toEqual({ changed: false });
    // The watch's own first check, and the look the notifier's very first read asks of every
    // waiter (it knows no position yet); none for the four pushes, however many wakes they made.
    expect(pulls.mock.calls.length - before).toBe(2);
  });

  it('[SY18] releases held watches at shutdown, unchanged', async () => {
    const wong = await s.login('supervisor.wong');
    const cursor = await cursorAtHead(wong);
    const held = watch(wong, cursor, 25);
    await sleep(100);
    const closing = performance.now();
    s.services.feed.close();
    const answer = await held;
    expect(answer.body).toEqual({ changed: false });
    expect(answer.at - closing).toBeLessThan(500);
  });

  it('[SY18] stops waiting when the client goes away', async () => {
    const wong = await s.login('supervisor.wong');
    const cursor = await cursorAtHead(wong);
    const client = new AbortController();
    const held = watch(wong, cursor, 25, client.signal);
    await sleep(100);
    const leaving = performance.now();
    client.abort();
    const answer = await held;
    expect(answer.body).toEqual({ changed: false });
    expect(answer.at - leaving).toBeLessThan(500);
  });

  it('[SY18] [SY16] needs a session like pull', async () => {
    const res = await s.request('/api/sync/watch?cursor=0.0&waitSeconds=0');
    expect(res.status).toBe(401);
  });

  it.each([
    ['', 'cursor'],
    ['cursor=abc', 'cursor'],
    ['cursor=0.0&waitSeconds=31', 'waitSeconds'],
    ['cursor=0.0&waitSeconds=-1', 'waitSeconds'],
    ['cursor=0.0&waitSeconds=2.5', 'waitSeconds'],
    ['cursor=0.0&waitSeconds=soon', 'waitSeconds'],
  ])('[SY18] refuses ?%s with 400 naming %s', async (query, field) => {
    const wong = await s.login('supervisor.wong');
    const res = await s.request(`/api/sync/watch?${query}`, { token: wong });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'validation', field });
    expect(body.error.message).toMatch(new RegExp(`^${field}: `));
  });

  it('[SY18] [SY12] refuses a cursor no server gave out with bad_cursor', async () => {
    const wong = await s.login('supervisor.wong');
    const res = await s.request('/api/sync/watch?cursor=1.99999999999999999999', { token: wong });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      code: 'bad_cursor',
      field: 'cursor',
    });
  });

  if (name === 'postgres') {
    it('[SY18] a second server process on the same PostgreSQL wakes through the feed head', async () => {
      const other = await openStoreAt('postgres', s.databaseUrl);
      const services = createServices(other, s.config, s.clock);
      const app = createApp(services);
      const request: TestServer['request'] = async (path, init = {}) => {
        const { token, ...rest } = init;
        return app.request(path, {
          ...rest,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      };
      try {
        const chan = await s.login('frontline.chan');
        const wong = await s.login('supervisor.wong');
        const cursor = await cursorAtHead(wong);
        const held = watchOn({ request }, wong, cursor, 25);
        expect(await settlesWithin(held, 200)).toBe(false);

        await s.push(chan, [askFor(500)]); // committed by the first process only
        const acknowledged = performance.now();
        const answer = await held;
        expect(answer.body).toEqual({ changed: true });
        expect(answer.at - acknowledged).toBeLessThan(2_500);
      } finally {
        services.feed.close();
        await other.close();
      }
    });
  }
});

// Holding a transaction open stalls every pull on its PostgreSQL server (pg_snapshot_xmin spans
// the server): on a private one, so that other test files' pulls are not held back meanwhile.
describe.skipIf(!databaseTargets().some((t) => t.name === 'postgres'))(
  'watch on a private postgres',
  () => {
    const freshUrl = usePrivatePostgres('postgres', 'watch');
    let s: TestServer;
    beforeEach(async () => {
      s = await createTestServer('postgres', {}, { databaseUrl: await freshUrl() });
    });
    afterEach(async () => {
      s.services.feed.close();
      await s.close();
    });
    const cursorAtHead = (token: string) => headCursor(s, token);
    const watch = (token: string, cursor: string, waitSeconds: number) =>
      watchOn(s, token, cursor, waitSeconds);

    it('[SY18] [SY9] a change counts only once the pull would return it', async () => {
      const chan = await s.login('frontline.chan');
      const wong = await s.login('supervisor.wong');
      const cursor = await cursorAtHead(wong);
      // An older transaction still running holds the pull's watermark below the push.
      const blocker = new pg.Client({ connectionString: s.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT pg_current_xact_id()');
        const held = watch(wong, cursor, 25);
        await s.push(chan, [askFor(500)]);
        expect(await settlesWithin(held, 1_500)).toBe(false);
        expect((await s.pull(wong, cursor)).changes).toEqual([]);

        await blocker.query('COMMIT');
        const released = performance.now();
        const answer = await held;
        expect(answer.body).toEqual({ changed: true });
        expect(answer.at - released).toBeLessThan(2_500);
      } finally {
        await blocker.end();
      }
    });
  },
);
