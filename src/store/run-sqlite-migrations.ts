import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration, planMigrations, SCHEMA_MIGRATIONS_SQL } from './migrations.js';

/**
 * Brings a SQLite database up to the code's schema. One IMMEDIATE transaction takes the write lock
 * before reading `schema_migrations`, so two processes opening the same file at once cannot both
 * migrate, and a failing migration leaves the schema as it was (SQLite DDL is transactional).
 * Returns the migrations it applied.
 */
export function runSqliteMigrations(
  db: Database,
  where: string,
  appliedAt: Date,
  known: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const migrate = db.transaction(() => {
    db.exec(SCHEMA_MIGRATIONS_SQL);
    const applied = db.prepare<[], number>('SELECT version FROM schema_migrations').pluck().all();
    const pending = planMigrations(applied, where, known);
    const record = db.prepare<[number, string, number]>(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, appliedAt.getTime());
    }
    return pending;
  });
  return migrate.immediate();
}
