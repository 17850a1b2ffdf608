import type { LoginResponse, PullResponse, SyncChange } from '../../../shared/index.ts';

/** The server's HTTP API, as another user would call it: to see what reached the server. */
export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      password,
      deviceId: `e2e-check-${username.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as LoginResponse).token;
}

/**
 * Every change the user may see, from the start of the feed, page by page (small pages, so the
 * paging itself is exercised: a change must not appear on two pages).
 */
export async function pullEverything(
  baseUrl: string,
  token: string,
  pageSize = 100,
): Promise<SyncChange[]> {
  const changes: SyncChange[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (cursor !== null) query.set('cursor', cursor);
    const res = await fetch(`${baseUrl}/api/sync/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`pull: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PullResponse;
    changes.push(...body.changes);
    if (!body.hasMore) return changes;
    cursor = body.cursor;
  }
  throw new Error('pull: more than 1,000 pages');
}

/** How many times each id appears among the live (not deleted) changes of a kind. */
export function countById(
  changes: readonly SyncChange[],
  kind: SyncChange['kind'],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of changes) {
    if (c.kind === kind && !c.deleted) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
  }
  return counts;
}
