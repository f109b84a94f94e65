import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import {
  databaseFileOf,
  ExportArgsError,
  exportAudit,
  formatAuditEntry,
  parseExportArgs,
  runExportAudit,
} from '../../src/audit/export-audit.js';
import { parseDuration } from '../../src/commands/parse-duration.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AuditEntry } from '../../src/store/store-port.js';
import { createTestSchema } from '../support/postgres-schema.js';
import { alice, bob, tempDirs, textBuffer } from './audit-fixtures.js';

const NOW = new Date('2025-06-10T12:00:00.000Z');
const DAY = 24 * 60 * 60_000;
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);

const temp = tempDirs('audit-export-');
afterAll(() => temp.cleanup());

const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** A real database in a temp data dir, with entries appended through AuditLog at the given times. */
async function seededDataDir(times: Date[]): Promise<{ dataDir: string; store: SqliteStore }> {
  const dataDir = temp.make();
  const store = await SqliteStore.open({ file: databaseFileOf(dataDir) });
  opened.push(store);
  let clock = NOW;
  const audit = new AuditLog(store, createLogger('silent'), () => clock);
  for (const [i, at] of times.entries()) {
    clock = at;
    await audit.record({
      kind: i === 0 ? 'command' : 'decision',
      actor: i % 2 ? bob : alice,
      platform: 'teams',
      channel: '19:ops@thread.tacv2',
      origin: i === 0 ? 'typed' : 'button',
      commandId: 'snapshot-prune',
      commandText: 'snapshot prune vm-web-01 older-than 7d',
      approvalId: 'apr-1',
      correlationId: `corr-${i}`,
      outcome: `step ${i} at ${at.toISOString()}`,
    });
  }
  return { dataDir, store };
}

const parseLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('exportAudit over SQLite', () => {
  it('keeps only entries newer than the duration, oldest first, one JSON object per line', async () => {
    const { store } = await seededDataDir([daysAgo(10), daysAgo(8), daysAgo(3), daysAgo(1 / 24)]);
    const out = textBuffer();
    const since = parseDuration('7d');
    if (!since) throw new Error('7d must parse');

    const count = await exportAudit(store, out.stream, { since, now: NOW });

    expect(count).toBe(2);
    const text = out.text();
    expect(text.endsWith('\n')).toBe(true);
    const rows = parseLines(text);
    expect(rows.map((r) => r.correlationId)).toEqual(['corr-2', 'corr-3']);
    expect(rows.map((r) => r.at)).toEqual([daysAgo(3).toISOString(), daysAgo(1 / 24).toISOString()]);
    expect(rows[0]).toMatchObject({
      kind: 'decision',
      actor: { id: '29:alice', displayName: 'Alice Ops', platform: 'teams' },
      platform: 'teams',
      channel: '19:ops@thread.tacv2',
      origin: 'button',
      approvalId: 'apr-1',
      outcome: `step 2 at ${daysAgo(3).toISOString()}`,
    });
    expect((rows[0]?.sequence as number) < (rows[1]?.sequence as number)).toBe(true);
  });

  it('writes nothing when no entry is recent enough', async () => {
    const { store } = await seededDataDir([daysAgo(30)]);
    const out = textBuffer();
    expect(
      await exportAudit(store, out.stream, { since: { text: '1h', milliseconds: 3_600_000 }, now: NOW }),
    ).toBe(0);
    expect(out.text()).toBe('');
  });
});

describe('formatAuditEntry', () => {
  const entry: AuditEntry = {
    sequence: 7,
    at: new Date('2025-06-01T08:30:00.250Z'),
    kind: 'azure-change',
    actor: alice,
    platform: 'teams',
    origin: 'automation',
    jobId: 'job-9',
    correlationId: 'c-9',
    armRequestId: 'arm-req-1',
    outcome: 'succeeded',
    detail: { snapshots: 2 },
  };

  it('is one line of JSON with an ISO timestamp and no absent fields', () => {
    const line = formatAuditEntry(entry);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed.at).toBe('2025-06-01T08:30:00.250Z');
    expect(Object.keys(parsed)).toEqual([
      'sequence',
      'at',
      'kind',
      'actor',
      'platform',
      'origin',
      'jobId',
      'correlationId',
      'armRequestId',
      'outcome',
      'detail',
    ]);
  });
});

describe('parseExportArgs', () => {
  it('reads --since with the defaults', () => {
    expect(parseExportArgs(['--since', '7d'])).toEqual({
      since: { text: '7d', milliseconds: 7 * DAY },
      dataDir: './data',
    });
  });

  it('reads every flag, in either spelling', () => {
    expect(parseExportArgs(['--out=a.jsonl', '--since=12h', '--data-dir', '/srv/bot'])).toEqual({
      since: { text: '12h', milliseconds: 12 * 3_600_000 },
      dataDir: '/srv/bot',
      out: 'a.jsonl',
    });
    expect(parseExportArgs(['--since', '2 weeks']).since.text).toBe('2w');
  });

  it.each([
    [['--since', '7d', '--verbose'], 'Unknown option --verbose. Usage: npm run audit:export'],
    [['--since', '7d', '--format=csv'], 'Unknown option --format.'],
    [['-s', '7d'], 'Unknown option -s.'],
    [['7d'], 'Unexpected argument "7d".'],
    [[], '--since is required, e.g. --since 7d.'],
    [['--data-dir', './data'], '--since is required'],
    [['--since'], '--since needs a value.'],
    [['--since', '--out', 'x'], '--since needs a value.'],
    [['--since='], '--since needs a value.'],
    [['--since', '7d', '--since', '1d'], '--since is given twice.'],
    [['--since', 'last week'], '"last week" is not a duration: write a number and m, h, d or w'],
    [['--since', '7x'], '"7x" is not a duration'],
    [['--since', '-7d'], '"-7d" is not a duration'],
  ])('refuses %j', (argv, message) => {
    let error: unknown;
    try {
      parseExportArgs(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExportArgsError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

/** Runs the command in-process and keeps what it wrote. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = textBuffer();
  const stderr = textBuffer();
  const code = await runExportAudit(argv, { stdout: stdout.stream, stderr: stderr.stream, now: NOW });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('runExportAudit', () => {
  it('exits 2 with one line for bad arguments, before touching any database', async () => {
    const result = await run(['--since', 'soon']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: '"soon" is not a duration: write a number and m, h, d or w, e.g. --since 7d or --since 12h.\n',
    });
  });

  it('exits 2 when there is no database, and does not create one', async () => {
    const dataDir = join(temp.make(), 'nowhere');
    const result = await run(['--since', '7d', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `No audit database at ${join(dataDir, 'chatops.db')}: start the bot once, or pass --data-dir.\n`,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names the default database as data/chatops.db', () => {
    expect(databaseFileOf('./data')).toBe(join('data', 'chatops.db'));
  });

  it('writes JSON Lines to stdout and a count to stderr', async () => {
    const { dataDir } = await seededDataDir([daysAgo(2), daysAgo(1)]);
    const result = await run(['--since', '7d', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(parseLines(result.stdout).map((r) => r.correlationId)).toEqual(['corr-0', 'corr-1']);
    expect(result.stderr).toBe('Exported 2 audit entries of the last 7d.\n');
  });

  it('writes a file with --out', async () => {
    const { dataDir } = await seededDataDir([daysAgo(9), daysAgo(1)]);
    const out = join(dataDir, 'export.jsonl');
    const result = await run(['--since', '7d', '--data-dir', dataDir, '--out', out]);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `Exported 1 audit entry of the last 7d to ${out}.\n`,
    });
    expect(parseLines(readFileSync(out, 'utf8')).map((r) => r.correlationId)).toEqual(['corr-1']);
  });

  it('exits 1 with one line when the --out file cannot be written', async () => {
    const { dataDir } = await seededDataDir([daysAgo(1)]);
    const result = await run([
      '--since',
      '7d',
      '--data-dir',
      dataDir,
      '--out',
      join(dataDir, 'no', 'x.jsonl'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Audit export failed: .*ENOENT.*\n$/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});

describe('the command line (npm run audit:export)', () => {
  const execFileAsync = promisify(execFile);
  const tsx = resolve('node_modules/.bin/tsx');
  const script = resolve('src/audit/export-audit.ts');

  it('runs only as the entry module, with the exit code and output of runExportAudit', async () => {
    const { dataDir } = await seededDataDir([new Date(Date.now() - 60_000)]);
    const ok = await execFileAsync(tsx, [script, '--since', '1d', '--data-dir', dataDir]);
    expect(parseLines(ok.stdout)).toHaveLength(1);
    expect(ok.stderr).toContain('Exported 1 audit entry of the last 1d.');

    const bad = await execFileAsync(tsx, [script, '--since', '7d', '--nope']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/^Unknown option --nope\. Usage: .*\n$/);
  });
});

/** `npm run audit:export` reads the store the bot uses, from the bot's own variables (issue 21). */
describe('the command line reads the bot’s store', () => {
  const execFileAsync = promisify(execFile);
  const tsx = resolve('node_modules/.bin/tsx');
  const script = resolve('src/audit/export-audit.ts');
  const { DATABASE_URL: testDatabase, DATA_DIR: _dataDir, ...inherited } = process.env;

  it('SQLite in DATA_DIR, without --data-dir', async () => {
    const { dataDir } = await seededDataDir([new Date(Date.now() - 60_000)]);
    const ok = await execFileAsync(tsx, [script, '--since', '1d'], {
      env: { ...inherited, DATA_DIR: dataDir },
    });
    expect(parseLines(ok.stdout).map((r) => r.correlationId)).toEqual(['corr-0']);
    expect(ok.stderr).toContain('Exported 1 audit entry of the last 1d.');
  });

  it.skipIf(!testDatabase)('PostgreSQL in DATABASE_URL', async () => {
    const schema = await createTestSchema(testDatabase ?? '');
    try {
      const store = await PostgresStore.open({ connectionString: schema.databaseUrl });
      try {
        await new AuditLog(store, createLogger('silent')).record({
          kind: 'command',
          actor: alice,
          platform: 'teams',
          channel: '19:ops@thread.tacv2',
          origin: 'typed',
          commandId: 'snapshot-prune',
          correlationId: 'corr-postgres',
          outcome: 'accepted',
        });
      } finally {
        await store.close();
      }
      const ok = await execFileAsync(tsx, [script, '--since', '1d'], {
        env: { ...inherited, DATA_DIR: temp.make(), DATABASE_URL: schema.databaseUrl },
      });
      expect(parseLines(ok.stdout).map((r) => r.correlationId)).toEqual(['corr-postgres']);
      expect(ok.stderr).toContain('Exported 1 audit entry of the last 1d.');
    } finally {
      await schema.drop();
    }
  });
});
