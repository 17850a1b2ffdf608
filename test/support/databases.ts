import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase } from './postgres.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  name: DatabaseKind;
  /** The server URL for PostgreSQL; null for SQLite, which needs no server. */
  url: string | null;
}

/**
 * The databases every storage test runs against, for `describe.each(databaseTargets())('$name', …)`.
 * PostgreSQL is left out only when global setup could not start one, which it forbids under CI.
 */
export function databaseTargets(): DatabaseTarget[] {
  const pgUrl = inject('pgUrl');
  const targets: DatabaseTarget[] = [{ name: 'sqlite', url: null }];
  if (pgUrl !== null) targets.push({ name: 'postgres', url: pgUrl });
  return targets;
}

/**
 * A new, empty database no other test touches.
 * SQLite: a plain absolute file path in a fresh dir under the run's temp dir, not a `sqlite:`
 * URL, because better-sqlite3 opens it as-is and it cannot be mistaken for a `postgres://` URL.
 * PostgreSQL: a `postgres://` URL of a newly created, randomly named database on the run's server.
 */
export async function freshDatabaseUrl(kind: DatabaseKind): Promise<string> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(inject('tmpDir'), 'sqlite-'));
    return path.join(dir, 'test.db');
  }
  const pgUrl = inject('pgUrl');
  if (pgUrl === null) {
    throw new Error('no PostgreSQL server for this run (see the global setup warning)');
  }
  return createDatabase(pgUrl, `test_${randomUUID().replaceAll('-', '')}`);
}
