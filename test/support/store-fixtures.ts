import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { DocWrite, FeedPosition, Visibility } from '../../server/src/storage/store.ts';
import { freshDatabaseUrl, type DatabaseKind } from './databases.ts';
import { createDatabase, startPostgres, type PostgresCluster } from './postgres.ts';

/** The start of the change feed. */
export const FEED_START: FeedPosition = { txid: 0, seq: 0 };

/** A viewer who may see every document. */
export const SEES_EVERYTHING: Visibility = {
  seesEverything: true,
  audiences: [],
  userId: 'nobody',
  teamIds: [],
};

/** A shared document (a tactic everyone may pull) with `data: { id }`, or as overridden. */
export function tacticDoc(id: string, overrides: Partial<DocWrite> = {}): DocWrite {
  return {
    kind: 'tactic',
    id,
    ownerId: null,
    teamId: null,
    orgId: null,
    audience: 'all',
    data: { id },
    ...overrides,
  };
}

/**
 * Fresh database URLs for a storage suite, on a private PostgreSQL server when the binaries are at
 * hand. pg_snapshot_xmin spans the whole server, not one database (SY9): a transaction held open
 * in one test file would stall the pulls of every other file sharing the global server, and theirs
 * would stall exact pull expectations here. Registers its own beforeAll/afterAll; call it inside
 * the describe block.
 */
export function usePrivatePostgres(kind: DatabaseKind, prefix: string): () => Promise<string> {
  let cluster: PostgresCluster | null = null;
  beforeAll(async () => {
    if (kind === 'postgres') cluster = await startPostgres().catch(() => null);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () =>
    kind === 'postgres' && cluster
      ? createDatabase(cluster.url, `${prefix}_${randomUUID().replaceAll('-', '')}`)
      : freshDatabaseUrl(kind);
}
