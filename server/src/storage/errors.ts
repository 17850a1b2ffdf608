/**
 * Whether a database error is a unique-key violation: two writers raced for the same id. The
 * caller retries its whole transaction, and then sees the other's row.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/** PostgreSQL serialization failures and deadlocks: safe to retry the whole transaction. */
export function isRetryableConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return code === '40001' || code === '40P01' || isUniqueViolation(err);
}
