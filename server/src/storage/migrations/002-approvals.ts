import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Approval requests get a typed side table next to their documents, so the timer job finds the
 * ones past their SLA or expiry, and an inbox finds a team's open ones, by index rather than by
 * reading JSON. Phone approval codes the server issued are kept, so that at sync it accepts only
 * codes it really gave (docs/approvals.md).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('assigned_role', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('recovery_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('sla_due_ms', 'bigint', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approvals_sla')
    .on('approvals')
    .columns(['state', 'sla_due_ms'])
    .execute();
  await db.schema
    .createIndex('approvals_expiry')
    .on('approvals')
    .columns(['state', 'expires_ms'])
    .execute();
  await db.schema
    .createIndex('approvals_team')
    .on('approvals')
    .columns(['team_id', 'state', 'created_ms'])
    .execute();

  await db.schema
    .createTable('phone_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('request_code', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('compensation_type', 'text', (c) => c.notNull())
    .addColumn('code_window', 'bigint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('issued_ms', 'bigint', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .addColumn('used_by', 'text')
    .execute();
  await db.schema
    .createIndex('phone_approvals_request')
    .on('phone_approvals')
    .columns(['requester_id', 'request_code'])
    .execute();
}
