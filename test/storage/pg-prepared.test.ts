import { describe, expect, it } from 'vitest';
import {
  PG_PLAN_STABLE,
  PG_PUSH_RECORDS,
  pgBulkInsert,
} from '../../server/src/storage/pg-batch.ts';
import { preparingPool, type NamingClient } from '../../server/src/storage/pg-prepared.ts';

/** A pool of one fake client that records what each query was sent as. */
function fakePool() {
  const sent: unknown[] = [];
  let released = 0;
  const client: NamingClient = {
    query: (async (a: unknown, b?: unknown) => {
      sent.push(typeof a === 'string' ? { text: a, values: b } : a);
      return { command: 'SELECT', rowCount: 0, rows: [] };
    }) as NamingClient['query'],
    release: () => void released++,
  };
  return {
    sent,
    released: () => released,
    pool: { connect: async () => client, end: async () => {} },
  };
}

describe('named statements on PostgreSQL (pg-prepared.ts)', () => {
  it('names only the plan-stable texts, one name per text, and passes the rest as they came', async () => {
    const fake = fakePool();
    const docs = pgBulkInsert('docs');
    const pool = preparingPool(fake.pool, new Set([docs, PG_PUSH_RECORDS]));
    const client = await pool.connect();
    await client.query(docs, ['[]']);
    await client.query('select * from "mutations" where "id" = any($1)', [['a']]);
    await client.query(PG_PUSH_RECORDS, ['[]', '[]', '[]', 1]);
    await client.query(docs, ['[1]']);
    client.release();
    // The same pooled client comes back as the same wrapper (Kysely keys its state on it).
    expect(await pool.connect()).toBe(client);

    expect(fake.sent).toEqual([
      { name: 'fp_1', text: docs, values: ['[]'] },
      { text: 'select * from "mutations" where "id" = any($1)', values: [['a']] },
      { name: 'fp_2', text: PG_PUSH_RECORDS, values: ['[]', '[]', '[]', 1] },
      { name: 'fp_1', text: docs, values: ['[1]'] },
    ]);
    expect(fake.released()).toBe(1);
  });

  it('holds only inserts from JSON parameters, never a lookup, conflict clauses included', () => {
    const totals = pgBulkInsert('ledger_totals', ' on conflict do nothing');
    expect(PG_PLAN_STABLE.has(totals)).toBe(true);
    expect(PG_PLAN_STABLE.has(PG_PUSH_RECORDS)).toBe(true);
    for (const text of PG_PLAN_STABLE)
      expect(text).toMatch(/^(insert into|with m as \(insert into)/);
  });
});
