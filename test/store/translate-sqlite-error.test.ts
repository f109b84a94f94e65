import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { translateSqliteError } from '../../src/store/translate-sqlite-error.js';

/** The error a real driver call throws, so the mapping is checked against genuine SQLite codes. */
function thrownBy(work: (db: Database.Database) => void): unknown {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (x TEXT PRIMARY KEY)');
    work(db);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('expected the driver call to throw');
}

const FILE = 'data/chatops.db';

describe('translateSqliteError', () => {
  it('explains a full disk', () => {
    const error = thrownBy((db) => {
      db.pragma('max_page_count = 2');
      for (let n = 0; n < 100; n++) db.prepare('INSERT INTO t VALUES (?)').run(`${n}`.padEnd(2_000, 'x'));
    });
    const translated = translateSqliteError(error, FILE);
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect(translated).toMatchObject({
      reason: 'disk-full',
      message:
        'The bot cannot write its records right now: the disk holding the database at data/chatops.db is full.',
      cause: error,
    });
  });

  it('explains a read-only database, and tells the user what to do next', () => {
    const error = thrownBy((db) => {
      db.pragma('query_only = ON');
      db.prepare('INSERT INTO t VALUES (?)').run('x');
    });
    const translated = translateSqliteError(error, FILE);
    expect(translated).toMatchObject({
      reason: 'read-only',
      message: 'The bot cannot write its records right now: the database at data/chatops.db is read-only.',
    });
    expect((translated as StoreUnavailableError).toView().notes?.[0]).toContain(
      'write access to data/chatops.db',
    );
  });

  it('names the in-memory database without a path', () => {
    const error = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(translateSqliteError(error, ':memory:')).toMatchObject({
      reason: 'locked',
      message: expect.stringContaining('the in-memory database is locked'),
    });
  });

  it('maps extended codes by their primary code', () => {
    const error = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect(translateSqliteError(error, FILE)).toMatchObject({ reason: 'io-error' });
  });

  it('returns errors that are not outages unchanged', () => {
    const duplicate = thrownBy((db) => {
      db.prepare('INSERT INTO t VALUES (?)').run('x');
      db.prepare('INSERT INTO t VALUES (?)').run('x');
    });
    expect(translateSqliteError(duplicate, FILE)).toBe(duplicate);
    const bug = new TypeError('not an outage');
    expect(translateSqliteError(bug, FILE)).toBe(bug);
  });
});
