import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/** Width of a `ledger_totals` bucket: every real time zone's midnight falls on a multiple of it. */
export const USAGE_BUCKET_MS = 15 * 60_000;

/**
 * Period use read from running totals instead of every ledger row: a push that judges a recovery
 * used to sum all of the person's entries of the month, a cost that grew with each one. Totals are
 * kept per user × 15-minute bucket × scope × type × currency, in the same transaction as the
 * ledger row, with the latest entry time so a bucket holding a future-dated entry is summed from
 * the ledger instead (exact, docs/decisions/0006-ingest-fast-path.md).
 *
 * On SQLite, `docs_feed (txid, seq)` goes: `txid` is always 0 there, so the feed is read by `seq`
 * (the table's own key) and the index was one more b-tree written on every document write.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('ledger_totals')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('bucket_ms', 'bigint', (c) => c.notNull())
    .addColumn('compensation_type', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('max_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_totals_key', [
      'user_id',
      'bucket_ms',
      'compensation_type',
      'product',
      'segment',
      'region',
      'currency',
    ])
    .execute();
  const bucket = sql.raw(`at_ms - (at_ms % ${USAGE_BUCKET_MS})`);
  await sql`
    insert into ledger_totals
      (user_id, bucket_ms, compensation_type, product, segment, region, currency, total, max_at_ms)
    select user_id, ${bucket}, compensation_type, product, segment, region, currency,
      sum(amount), max(at_ms)
    from ledger where counts = 1
    group by user_id, ${bucket}, compensation_type, product, segment, region, currency
  `.execute(db);
  if (dialect === 'sqlite') await db.schema.dropIndex('docs_feed').execute();
}
