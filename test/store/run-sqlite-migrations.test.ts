import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../src/store/migrations.js';
import { runSqliteMigrations } from '../../src/store/run-sqlite-migrations.js';
import { T0 } from './store-fixtures.js';

const first: Migration = { version: 1, name: 'things', sql: 'CREATE TABLE things (id TEXT PRIMARY KEY)' };
const second: Migration = {
  version: 2,
  name: 'things.size',
  sql: 'ALTER TABLE things ADD COLUMN size INTEGER',
};

describe('runSqliteMigrations', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  const versions = (): number[] =>
    db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();

  it('applies only the migrations a database has not had yet', () => {
    db = new Database(':memory:');
    expect(runSqliteMigrations(db, 'db', T0, [first]).map((m) => m.version)).toEqual([1]);
    expect(runSqliteMigrations(db, 'db', T0, [first])).toEqual([]);
    expect(runSqliteMigrations(db, 'db', T0, [first, second]).map((m) => m.version)).toEqual([2]);
    expect(versions()).toEqual([1, 2]);
    db.exec("INSERT INTO things (id, size) VALUES ('a', 1)");
  });

  it('leaves the schema as it was when a migration fails', () => {
    db = new Database(':memory:');
    runSqliteMigrations(db, 'db', T0, [first]);
    const broken: Migration = {
      version: 3,
      name: 'broken',
      sql: 'CREATE TABLE extra (x); SELECT nonsense FROM nowhere',
    };
    expect(() => runSqliteMigrations(db, 'db', T0, [first, second, broken])).toThrow(
      'no such table: nowhere',
    );
    expect(versions()).toEqual([1]);
    expect(() => db.exec("INSERT INTO things (id, size) VALUES ('a', 1)")).toThrow('no column named size');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").all()).toEqual([]);
  });
});
