import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** The `query` config of node-postgres that names a statement (prepared once per connection). */
interface NamedQuery {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** What this wrapper needs of a pooled node-postgres client. */
export interface NamingClient {
  query(config: NamedQuery): Promise<PostgresQueryResult<unknown>>;
  query(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<unknown>>;
  release(): void;
}

export interface NamingPool {
  connect(): Promise<NamingClient>;
  end(): Promise<void>;
}

/**
 * Runs the statements in `planStable` as named (prepared) statements: PostgreSQL parses each
 * once per connection and, after five calls, keeps one generic plan instead of planning every
 * call. For the push's bulk inserts from a JSON parameter that planning was a fifth of the
 * database's CPU at ingest rates (docs/decisions/0011-ingest-capacity.md).
 *
 * Only statements whose best plan cannot depend on how big a table is belong in the set: a
 * generic plan made while a table was small keeps its sequential scan when the table has grown,
 * until the next ANALYZE (measured: a named lookup of the mutations table by id took 30 ms a
 * call instead of 0.3). Lookups therefore stay unnamed and are planned with their values.
 *
 * A pooler in transaction mode in front of the database may hand a named statement to a
 * connection that never prepared it: run without one, in session mode, or with PgBouncer 1.21 or
 * later and `max_prepared_statements` set (it is 0, off, by default).
 */
export function preparingPool(pool: NamingPool, planStable: ReadonlySet<string>): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (!planStable.has(text)) return undefined;
    let name = names.get(text);
    if (name === undefined) {
      name = `fp_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  // One wrapper per pooled client: Kysely keeps its connection state per object it is handed.
  const wrappers = new WeakMap<NamingClient, PostgresPoolClient>();
  const wrap = (client: NamingClient): PostgresPoolClient => {
    const query = <R>(text: string, parameters: readonly unknown[]) => {
      const name = nameOf(text);
      const result =
        name === undefined
          ? client.query(text, parameters)
          : client.query({ name, text, values: [...parameters] });
      return result as Promise<PostgresQueryResult<R>>;
    };
    return {
      // Kysely calls it with SQL and parameters (no cursor is configured).
      query: query as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  };
  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
  };
}
