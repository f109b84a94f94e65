import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Duration, parseDuration } from '../commands/parse-duration.js';
import { readStoreEnv, type StoreEnv } from '../config/read-store-env.js';
import { PostgresStore } from '../store/postgres-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { AuditEntry, StorePort } from '../store/store-port.js';

/**
 * `npm run audit:export -- --since 7d [--data-dir ./data] [--out file.jsonl]`: the audit entries of a
 * period as JSON Lines (one object per entry, oldest first, ISO timestamps), to stdout or a file.
 * It reads the store the bot uses: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR
 * (default ./data); `--data-dir` names a SQLite data directory explicitly and wins over both.
 */

export const USAGE = 'npm run audit:export -- --since 7d [--data-dir ./data] [--out file.jsonl]';
export const DEFAULT_DATA_DIR = './data';
export const DATABASE_FILE = 'chatops.db';

export interface ExportOptions {
  since: Duration;
  dataDir: string;
  /** The bot's PostgreSQL (DATABASE_URL), read instead of SQLite unless --data-dir is given. */
  databaseUrl?: string;
  /** A file to write; standard output when absent. */
  out?: string;
}

/** A bad command line; the message is one line, shown as is, and the process exits with 2. */
export class ExportArgsError extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'ExportArgsError' });
  }
}

const FLAGS = ['--since', '--data-dir', '--out'] as const;
type Flag = (typeof FLAGS)[number];
const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);

/** Reads `--flag value` and `--flag=value`; every flag at most once, no positional arguments. */
export function parseExportArgs(argv: readonly string[], env: StoreEnv = {}): ExportOptions {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!isFlag(name)) {
      const what = arg.startsWith('-') ? `Unknown option ${name}` : `Unexpected argument "${arg}"`;
      throw new ExportArgsError(`${what}. Usage: ${USAGE}`);
    }
    const value = name === arg ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (name === arg && value.startsWith('--'))) {
      throw new ExportArgsError(`${name} needs a value. Usage: ${USAGE}`);
    }
    if (values.has(name)) throw new ExportArgsError(`${name} is given twice. Usage: ${USAGE}`);
    values.set(name, value);
  }
  const sinceText = values.get('--since');
  if (sinceText === undefined) {
    throw new ExportArgsError(`--since is required, e.g. --since 7d. Usage: ${USAGE}`);
  }
  const since = parseDuration(sinceText);
  if (!since) {
    throw new ExportArgsError(
      `"${sinceText}" is not a duration: write a number and m, h, d or w, e.g. --since 7d or --since 12h.`,
    );
  }
  const out = values.get('--out');
  const dataDir = values.get('--data-dir');
  const databaseUrl = dataDir === undefined && env.DATABASE_URL ? env.DATABASE_URL : undefined;
  return {
    since,
    dataDir: dataDir ?? (env.DATA_DIR || DEFAULT_DATA_DIR),
    ...(databaseUrl !== undefined && { databaseUrl }),
    ...(out !== undefined && { out }),
  };
}

/** Where the bot keeps its database under a data directory: `data/chatops.db` for `./data`. */
export function databaseFileOf(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/** One JSON Lines record: the entry's fields in a fixed order, `at` as an ISO timestamp, no newline. */
export function formatAuditEntry(entry: AuditEntry): string {
  return JSON.stringify({
    sequence: entry.sequence,
    at: entry.at.toISOString(),
    kind: entry.kind,
    actor: entry.actor,
    platform: entry.platform,
    channel: entry.channel,
    origin: entry.origin,
    commandId: entry.commandId,
    commandText: entry.commandText,
    approvalId: entry.approvalId,
    jobId: entry.jobId,
    correlationId: entry.correlationId,
    armRequestId: entry.armRequestId,
    outcome: entry.outcome,
    detail: entry.detail,
  });
}

/**
 * Writes every entry at or after `now - since`, oldest first, one JSON object per line, waiting for
 * the sink to drain when it asks to. Returns how many entries were written.
 */
export async function exportAudit(
  store: StorePort,
  sink: NodeJS.WritableStream,
  options: { since: Duration; now?: Date },
): Promise<number> {
  const from = new Date((options.now ?? new Date()).getTime() - options.since.milliseconds);
  const entries = (await store.listAudit({ since: from })).sort((a, b) => a.sequence - b.sequence);
  for (const entry of entries) {
    if (!sink.write(`${formatAuditEntry(entry)}\n`)) await once(sink, 'drain');
  }
  return entries.length;
}

export interface CommandLineIo {
  /** DATA_DIR and DATABASE_URL, as the bot reads them. */
  env?: StoreEnv;
  stdout: NodeJS.WritableStream;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
  now?: Date;
}

/** The whole command: returns the exit code (0 done, 1 store or file failure, 2 bad arguments). */
export async function runExportAudit(argv: readonly string[], io: CommandLineIo): Promise<number> {
  let options: ExportOptions;
  try {
    options = parseExportArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof ExportArgsError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
  const file = databaseFileOf(options.dataDir);
  // Checked first: opening a missing file would create an empty database.
  if (!options.databaseUrl && !existsSync(file)) {
    io.stderr.write(`No audit database at ${file}: start the bot once, or pass --data-dir.\n`);
    return 2;
  }
  let store: StorePort | undefined;
  try {
    store = options.databaseUrl
      ? await PostgresStore.open({ connectionString: options.databaseUrl })
      : await SqliteStore.open({ file });
    const count = options.out
      ? await exportToFile(store, options.out, options)
      : await exportAudit(store, io.stdout, { since: options.since, ...(io.now && { now: io.now }) });
    io.stderr.write(
      `Exported ${count} audit entr${count === 1 ? 'y' : 'ies'} of the last ${options.since.text}` +
        `${options.out ? ` to ${options.out}` : ''}.\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`Audit export failed: ${describeFailure(error)}\n`);
    return 1;
  } finally {
    await store?.close();
  }

  async function exportToFile(source: StorePort, out: string, opts: ExportOptions): Promise<number> {
    const stream = createWriteStream(out);
    const failed = once(stream, 'error').then(([error]) => Promise.reject(error));
    failed.catch(() => undefined);
    const count = await Promise.race([
      exportAudit(source, stream, { since: opts.since, ...(io.now && { now: io.now }) }),
      failed,
    ]);
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    return count;
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const nextStep = (error as { nextStep?: unknown }).nextStep;
  const text = typeof nextStep === 'string' ? `${error.message} ${nextStep}` : error.message;
  return text.replace(/\s*\n\s*/g, ' ');
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await runExportAudit(process.argv.slice(2), {
    env: readStoreEnv(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
