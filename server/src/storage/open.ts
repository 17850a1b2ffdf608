import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.ts';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

// bigint columns (int8) come back as strings by default; every bigint here fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export interface StorageOptions {
  /** A `postgres://` URL selects PostgreSQL; otherwise SQLite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** SQLite file name inside dataDir (tests use their own). */
  readonly sqliteFile?: string;
  readonly poolSize?: number;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; compiling SQL in SQLite costs more than running a small
 * statement. Keep prepared statements by SQL text (least recently used out first).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the configured database and applies pending migrations. */
export async function openStore(options: StorageOptions): Promise<Store> {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db as Kysely<unknown>, 'postgres');
    return new KyselyStore(db, 'postgres', () => db.destroy());
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, options.sqliteFile ?? 'frontline.db');
  const sqlite = new BetterSqlite3(file);
  // WAL: readers never block the writer. synchronous=FULL: a commit the client was told about
  // survives a crash of the process and of the machine (docs/decisions/0002-storage.md).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = memory');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  await migrate(db as Kysely<unknown>, 'sqlite');
  return new KyselyStore(db, 'sqlite', () => db.destroy());
}
