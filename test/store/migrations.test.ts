import { describe, expect, it } from 'vitest';
import { MIGRATIONS, planMigrations } from '../../src/store/migrations.js';
import { SchemaTooNewError } from '../../src/store/store-errors.js';

const known = [
  { version: 2, name: 'second', sql: 'SELECT 2' },
  { version: 1, name: 'first', sql: 'SELECT 1' },
];

describe('planMigrations', () => {
  it('returns the migrations not yet applied, oldest first', () => {
    expect(planMigrations([], 'db', known).map((m) => m.version)).toEqual([1, 2]);
    expect(planMigrations([1], 'db', known).map((m) => m.version)).toEqual([2]);
    expect(planMigrations([1, 2], 'db', known)).toEqual([]);
  });

  it('refuses a database that records a version the code does not know', () => {
    expect(() => planMigrations([1, 2, 3], 'data/chatops.db', known)).toThrow(SchemaTooNewError);
    expect(() => planMigrations([1, 2, 3], 'data/chatops.db', known)).toThrow(
      'The database at data/chatops.db has schema version 3, newer than this bot understands (up to 2).',
    );
  });

  it('keeps the real list strictly increasing, uniquely numbered and named', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(MIGRATIONS.every((m) => m.name.length > 0 && m.sql.trim().length > 0)).toBe(true);
  });
});
