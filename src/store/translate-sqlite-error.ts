import { StoreUnavailableError } from './store-errors.js';

interface Remedy {
  reason: StoreUnavailableError['reason'];
  problem: (where: string) => string;
  nextStep: (file: string) => string;
}

/**
 * SQLite result codes (primary code = the prefix of the extended one, e.g. SQLITE_READONLY_DBMOVED)
 * that mean "the database cannot be used", each with the fix. Anything else (a constraint violated,
 * a bug in a statement) is not an outage and is rethrown unchanged by the caller.
 */
const REMEDIES: Record<string, Remedy> = {
  SQLITE_READONLY: {
    reason: 'read-only',
    problem: (where) => `${where} is read-only`,
    nextStep: (file) =>
      `Give the bot's user write access to ${file} and its folder (SQLite also writes ${file}-wal and ${file}-shm there), then repeat the command.`,
  },
  SQLITE_FULL: {
    reason: 'disk-full',
    problem: (where) => `the disk holding ${where} is full`,
    nextStep: () => 'Free some space on that disk, then repeat the command: nothing was recorded.',
  },
  SQLITE_BUSY: {
    reason: 'locked',
    problem: (where) => `${where} is locked by another process`,
    nextStep: () =>
      'Make sure only one bot process uses this file (several replicas need PostgreSQL: set DATABASE_URL), then repeat the command.',
  },
  SQLITE_LOCKED: {
    reason: 'locked',
    problem: (where) => `${where} is locked`,
    nextStep: () => 'Repeat the command in a moment.',
  },
  SQLITE_CANTOPEN: {
    reason: 'cannot-open',
    problem: (where) => `${where} cannot be opened`,
    nextStep: (file) =>
      `Check that the folder of ${file} exists and the bot's user may write to it (DATA_DIR).`,
  },
  SQLITE_CORRUPT: {
    reason: 'corrupt',
    problem: (where) => `${where} is damaged`,
    nextStep: (file) => `Restore ${file} from a backup, or move it aside so the bot starts with a new one.`,
  },
  SQLITE_NOTADB: {
    reason: 'corrupt',
    problem: (where) => `${where} is not a SQLite database`,
    nextStep: (file) => `Check DATA_DIR: move ${file} aside so the bot starts with a new database.`,
  },
  SQLITE_IOERR: {
    reason: 'io-error',
    problem: (where) => `the disk holding ${where} reported an I/O error`,
    nextStep: () => 'Check that disk (space, health, mount), then repeat the command.',
  },
};

/**
 * File-system errors met while creating the database's folder (EEXIST/ENOTDIR: a file stands where a
 * folder must be), mapped to the SQLite code they mean.
 */
const NODE_CODES: Record<string, string> = {
  EROFS: 'SQLITE_READONLY',
  EACCES: 'SQLITE_CANTOPEN',
  EPERM: 'SQLITE_CANTOPEN',
  ENOSPC: 'SQLITE_FULL',
  EIO: 'SQLITE_IOERR',
  ENOTDIR: 'SQLITE_CANTOPEN',
  EEXIST: 'SQLITE_CANTOPEN',
};

/** The primary code of a SqliteError (its `code` up to the second underscore) or of a Node fs error. */
function primaryCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  const [prefix, name] = error.code.split('_');
  if (prefix === 'SQLITE' && name) return `${prefix}_${name}`;
  return NODE_CODES[error.code];
}

/** Turns an outage of the SQLite file into a StoreUnavailableError; returns other errors as they are. */
export function translateSqliteError(error: unknown, file: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = primaryCode(error);
  const remedy = code ? REMEDIES[code] : undefined;
  if (!remedy) return error;
  const where = file === ':memory:' ? 'the in-memory database' : `the database at ${file}`;
  return new StoreUnavailableError(remedy.reason, remedy.problem(where), remedy.nextStep(file), error);
}

/** What every call on a closed store throws: the bot is shutting down, or the store failed to open. */
export function storeClosedError(file: string): StoreUnavailableError {
  return new StoreUnavailableError(
    'closed',
    `the database at ${file} is closed`,
    'The bot is shutting down or lost its database; restart it if this persists.',
  );
}
