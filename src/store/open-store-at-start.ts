import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { StorePort } from './store-port.js';

/**
 * The bot's records at start: DATA_DIR made, then PostgreSQL (DATABASE_URL) or SQLite in DATA_DIR
 * opened. A start-up mistake here (DATA_DIR below a file, a database nobody answers at) stops the
 * start with the variable and the fix instead of a stack trace, and never prints the password.
 */
export function makeDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(
      `The bot cannot start: DATA_DIR=${dataDir} cannot be made a folder (${code}: ${
        code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : 'no permission or no such place'
      }). Fix: point DATA_DIR at a folder the bot may write to, or remove the file in its way.`,
    );
  }
}

export async function openStoreAtStart(config: {
  DATA_DIR: string;
  DATABASE_URL?: string;
}): Promise<StorePort> {
  if (!config.DATABASE_URL) return SqliteStore.open({ file: join(config.DATA_DIR, 'chatops.db') });
  try {
    return await PostgresStore.open({ connectionString: config.DATABASE_URL });
  } catch (error) {
    const { host, port } = serverOf(config.DATABASE_URL);
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    throw new ConfigError(
      `The bot cannot start: DATABASE_URL names PostgreSQL at ${host}:${port}, which could not be used (${
        code ?? (error as Error).message.split('\n')[0]?.slice(0, 200)
      }). Fix: start PostgreSQL there or correct the host, port, user and database in DATABASE_URL; unset it for SQLite in DATA_DIR.`,
    );
  }
}

function serverOf(databaseUrl: string): { host: string; port: string } {
  try {
    const url = new URL(databaseUrl);
    return { host: url.hostname || 'localhost', port: url.port || '5432' };
  } catch {
    return { host: 'the host in DATABASE_URL', port: '5432' };
  }
}
