/**
 * The one statement behind every exactly-once step (requested -> executing, job done):
 *
 *   UPDATE <table> SET <changes>, version = version + 1, updated_at = ?
 *   WHERE id = ? AND version = ? [AND state IN (...)] RETURNING *
 *
 * The database evaluates the WHERE and applies the SET under one row lock, so of N racing updates
 * that read the same version exactly one matches; the others match no row and get nothing back.
 * A read-then-write in application code could not promise that across replicas. Shared by the
 * SQLite and PostgreSQL stores: only the placeholder spelling differs.
 */
export interface ConditionalUpdate {
  sql: string;
  params: unknown[];
}

export interface ConditionalUpdateOptions {
  table: string;
  /** Column -> new value, in order; callers pass only the columns they change. */
  sets: ReadonlyArray<readonly [column: string, value: unknown]>;
  id: string;
  version: number;
  /** When given (and non-empty), the row must also be in one of these states. */
  states?: readonly string[];
  updatedAt: number;
  /** `() => '?'` for SQLite (the default), `(n) => '$' + n` for PostgreSQL; n counts from 1. */
  placeholder?: (index: number) => string;
}

export function buildConditionalUpdate(options: ConditionalUpdateOptions): ConditionalUpdate {
  const placeholder = options.placeholder ?? (() => '?');
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  const sets = options.sets.map(([column, value]) => `${column} = ${bind(value)}`);
  sets.push('version = version + 1', `updated_at = ${bind(options.updatedAt)}`);
  const where = [`id = ${bind(options.id)}`, `version = ${bind(options.version)}`];
  if (options.states && options.states.length > 0) {
    where.push(`state IN (${options.states.map((state) => bind(state)).join(', ')})`);
  }
  const sql = `UPDATE ${options.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING *`;
  return { sql, params };
}
