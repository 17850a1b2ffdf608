import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Photos of risk incidents, stored as bytes in the database beside the records that name them
 * (docs/decisions/0009-photos.md): one backup, one transaction with the audit event, and several
 * server processes see the same photos. Ownership keys are the uploader's, as for their records,
 * so a photo is visible to whoever sees those records (docs/sync.md SY11, SY20).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
