// PostgreSQL text for the push hot path. A multi-row VALUES list binds one parameter per value
// (900 for 100 documents), which PostgreSQL parses and plans anew on every push; one JSON array
// per table is one parameter, a fixed statement text, and one pass of the server's JSON parser.

const TEXT = 'text';
const BIGINT = 'bigint';
const INTEGER = 'integer';

const COLUMN_TYPES = {
  docs: {
    kind: TEXT,
    id: TEXT,
    owner_id: TEXT,
    team_id: TEXT,
    org_id: TEXT,
    audience: TEXT,
    data: TEXT,
    deleted: INTEGER,
    updated_at: TEXT,
  },
  mutations: {
    id: TEXT,
    user_id: TEXT,
    device_id: TEXT,
    name: TEXT,
    payload_hash: TEXT,
    outcome: TEXT,
    received_at: TEXT,
  },
  audit_events: {
    seq: BIGINT,
    id: TEXT,
    at: TEXT,
    device_at: TEXT,
    actor_id: TEXT,
    device_id: TEXT,
    action: TEXT,
    entity_kind: TEXT,
    entity_id: TEXT,
    detail: TEXT,
    prev_hash: TEXT,
    hash: TEXT,
  },
  ledger: {
    recovery_id: TEXT,
    user_id: TEXT,
    at_ms: BIGINT,
    amount: BIGINT,
    currency: TEXT,
    compensation_type: TEXT,
    product: TEXT,
    segment: TEXT,
    region: TEXT,
    counts: INTEGER,
  },
  ledger_totals: {
    user_id: TEXT,
    bucket_ms: BIGINT,
    compensation_type: TEXT,
    product: TEXT,
    segment: TEXT,
    region: TEXT,
    currency: TEXT,
    total: BIGINT,
    max_at_ms: BIGINT,
  },
} as const;

export type JsonTable = keyof typeof COLUMN_TYPES;

/** `insert into <table> … select … from json_to_recordset($<param>)`: rows are one JSON array. */
export function jsonInsert(table: JsonTable, param: number): string {
  const types: Record<string, string> = COLUMN_TYPES[table];
  const names = Object.keys(types).map((c) => `"${c}"`);
  const defs = Object.entries(types).map(([c, t]) => `"${c}" ${t}`);
  return (
    `insert into "${table}" (${names.join(', ')}) ` +
    `select ${names.join(', ')} from json_to_recordset($${param}::json) as x(${defs.join(', ')})`
  );
}

/** Adds each bucket's change to the running totals (migration 003). */
export const TOTALS_UPSERT =
  ' on conflict (user_id, bucket_ms, compensation_type, product, segment, region, currency)' +
  ' do update set total = ledger_totals.total + excluded.total,' +
  ' max_at_ms = greatest(ledger_totals.max_at_ms, excluded.max_at_ms)';

/** The same on SQLite, whose two-argument `max` is PostgreSQL's `greatest`. */
export const SQLITE_TOTALS_UPSERT = TOTALS_UPSERT.replace('greatest(', 'max(');
