import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it, type TestContext } from 'vitest';
import { databaseTargets, freshDatabaseUrl } from './databases.ts';

const pgUrl = inject('pgUrl');

/** The server URL; skips the test on a dev machine without PostgreSQL, fails it in CI. */
function requirePgUrl(skip: TestContext['skip']): string {
  if (pgUrl !== null) return pgUrl;
  skip(process.env.CI !== 'true', 'no PostgreSQL on this machine (see the global setup warning)');
  throw new Error('CI=true requires a PostgreSQL server for the tests');
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL test harness', () => {
  it('answers queries on the server provided by global setup', async ({ skip }) => {
    const rows = await query<{ one: number }>(requirePgUrl(skip), 'select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('gives every caller its own empty database', async ({ skip }) => {
    requirePgUrl(skip);
    const first = await freshDatabaseUrl('postgres');
    const second = await freshDatabaseUrl('postgres');
    expect(first).not.toBe(second);

    await query(first, 'create table marker (id int)');
    const seen = await query<{ n: string }>(
      second,
      "select count(*) as n from information_schema.tables where table_name = 'marker'",
    );
    expect(seen).toEqual([{ n: '0' }]);
  });

  it('runs storage tests on PostgreSQL exactly when a server is available', () => {
    const names = databaseTargets().map((target) => target.name);
    expect(names).toEqual(pgUrl === null ? ['sqlite'] : ['sqlite', 'postgres']);
  });

  it('gives every SQLite caller its own file in a fresh directory', async () => {
    const first = await freshDatabaseUrl('sqlite');
    const second = await freshDatabaseUrl('sqlite');
    expect(path.dirname(first)).not.toBe(path.dirname(second));
    expect(existsSync(path.dirname(first))).toBe(true);
  });
});
