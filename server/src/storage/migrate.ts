import { sql, type Kysely } from 'kysely';
import type { Dialect } from './dialect.ts';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-approvals.ts';
import * as m003 from './migrations/003-usage-totals.ts';
import * as m004 from './migrations/004-photos.ts';

interface Migration {
  readonly version: number;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Numbered migrations, applied in order, each once. Append only. */
const MIGRATIONS: readonly Migration[] = [
  { version: 1, up: m001.up },
  { version: 2, up: m002.up },
  { version: 3, up: m003.up },
  { version: 4, up: m004.up },
];

/**
 * Applies pending migrations in one transaction. On PostgreSQL an advisory lock keeps several
 * server processes starting at once from racing each other.
 */
export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(8157001)`.execute(trx);
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const rows = await sql<{ version: number }>`select version from schema_migrations`.execute(trx);
    const done = new Set(rows.rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await m.up(trx, dialect);
      await sql`insert into schema_migrations (version, applied_at) values (${m.version}, ${new Date().toISOString()})`.execute(
        trx,
      );
      applied.push(m.version);
    }
    return applied;
  });
}
