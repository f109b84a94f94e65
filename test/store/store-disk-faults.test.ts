import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { makeApproval, makeAuditEntry } from './store-fixtures.js';

/**
 * The store's disk fills up or turns unwritable under a running bot, for real: its DATA_DIR is a
 * small ext4 file system of its own (a loop mount of a 24 MiB image), filled to the last byte
 * (ENOSPC), then its database files made immutable (`chattr +i`: every write of the running process
 * fails), and last the file system turned read-only by the kernel as on a disk error (ext4's
 * `trigger_fs_error` with `errors=remount-ro`: EROFS from then on, until unmounted). Needs root for mount and chattr (this machine
 * kind and CI run as root); elsewhere the suite says so and is left out, unless
 * REQUIRE_DISK_FAULTS=1 (set by .ci/run) makes that a failure.
 */
const canMount = probeMount();
if (!canMount && process.env.REQUIRE_DISK_FAULTS === '1')
  throw new Error('REQUIRE_DISK_FAULTS=1 but this process cannot mount a tmpfs (it needs root).');
if (!canMount) console.warn('store disk-fault tests left out: mounting a tmpfs needs root');

describe.runIf(canMount)('the store’s disk full or read-only under a running bot', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'chatops-disk-'));
  const image = `${mountPoint}.img`;
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');
  let simulator: Simulator;
  let server: SimulatorServer;
  let bot: TestBot;

  beforeAll(async () => {
    execFileSync('truncate', ['-s', '24M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, mountPoint]);
    mkdirSync(dataDir);
    // Azure lives elsewhere: only the bot's own records are on the small disk.
    simulator = await createSimulator({ speed: 3600 });
    server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0 });
    bot = await startTestBot({ SIMULATOR_URL: server.httpUrl, DATA_DIR: dataDir });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    await simulator?.close();
    // Not mounted when the read-only case failed between its umount and mount.
    if (canMount) spawnSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(image, { force: true });
  });

  async function snapshotsOf(vm: string): Promise<number> {
    const response = await simulator.handle({
      method: 'GET',
      url: 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Compute/snapshots?api-version=2025-01-02',
      headers: {},
    });
    const { value } = JSON.parse(response.body ?? '{}') as { value: { name: string }[] };
    return value.filter((snapshot) => snapshot.name.startsWith(`${vm}-`)).length;
  }

  /** The database file, checked by SQLite itself, and the audit's rows (accepted vs finished). */
  function inspectDatabase(): {
    integrity: string;
    audit: { outcome: string; command: string; correlationId: string }[];
  } {
    const db = new Database(join(dataDir, 'chatops.db'), { readonly: true });
    try {
      const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
      const audit = db
        .prepare(
          "SELECT outcome, command_text AS command, correlation_id AS correlationId FROM audit_entries WHERE kind = 'command' ORDER BY sequence",
        )
        .all() as { outcome: string; command: string; correlationId: string }[];
      return { integrity, audit };
    } finally {
      db.close();
    }
  }

  /** Fills the disk to its last byte. */
  function fillDisk(): void {
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
  }

  it('works before anything goes wrong', async () => {
    expect(await bot.ask('snapshot vm-web-01', (t) => /created|failed/.test(t))).toContain(
      'Snapshot set of vm-web-01 created',
    );
  });

  it('on a full disk refuses changes with the fix, starts nothing in Azure, and reads still work', async () => {
    const before = await snapshotsOf('vm-web-02');
    fillDisk();
    try {
      const answer = await bot.ask('snapshot vm-web-02', (t) =>
        /Store unavailable|created|went wrong/.test(t),
      );
      expect(answer).toContain('Store unavailable');
      expect(answer).toMatch(/the disk holding the database at \S+chatops\.db is full/);
      expect(answer).toContain('Free some space on that disk');
      expect(answer).not.toMatch(/Something went wrong|SqliteError|at .*\.ts:\d+/);
      expect(await snapshotsOf('vm-web-02')).toBe(before);
      expect(await bot.ask('status vm-web-02', (t) => t.includes('vm-web-02'))).toContain(
        'Latest recovery point',
      );
    } finally {
      rmSync(filler);
    }
    // Space again: the same command works, and the file is sound.
    expect(await bot.ask('snapshot vm-web-02', (t) => /created|failed|Store/.test(t))).toContain(
      'Snapshot set of vm-web-02 created',
    );
    expect(await snapshotsOf('vm-web-02')).toBe(before + 1);
    const { integrity } = inspectDatabase();
    expect(integrity).toBe('ok');
  });

  it('on database files gone unwritable refuses changes with the fix, and works once they are writable', async () => {
    const before = await snapshotsOf('vm-api-01');
    const files = ['chatops.db', 'chatops.db-wal'].map((name) => join(dataDir, name));
    execFileSync('chattr', ['+i', ...files]);
    try {
      const answer = await bot.ask('snapshot vm-api-01', (t) =>
        /Store unavailable|created|went wrong/.test(t),
      );
      expect(answer).toContain('Store unavailable');
      expect(answer).toMatch(/read-only|I\/O error/);
      expect(answer).not.toMatch(/Something went wrong|SqliteError/);
      expect(await snapshotsOf('vm-api-01')).toBe(before);
    } finally {
      execFileSync('chattr', ['-i', ...files]);
    }
    expect(await bot.ask('snapshot vm-api-01', (t) => /created|failed|Store/.test(t))).toContain(
      'Snapshot set of vm-api-01 created',
    );
    // Every change the audit accepted has its outcome too, none half-recorded: the one refused on
    // the full disk was accepted just before it filled up, and its outcome (kept while the disk
    // was full) was written once there was room again. (The last command's outcome is recorded
    // just after its answer, hence the wait.)
    await vi.waitFor(
      () => {
        const { integrity, audit } = inspectDatabase();
        expect(integrity).toBe('ok');
        const outcomes = new Map(
          audit.filter((row) => row.outcome !== 'accepted').map((row) => [row.correlationId, row.outcome]),
        );
        const accepted = audit.filter(
          (row) => row.outcome === 'accepted' && row.command.startsWith('snapshot'),
        );
        expect(accepted.length).toBeGreaterThanOrEqual(3);
        for (const row of accepted) expect(outcomes.get(row.correlationId), row.command).toBeDefined();
        expect([...outcomes.values()].filter((outcome) => outcome === 'succeeded')).toHaveLength(3);
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it('never reports a write as done when SQLite could not commit it (RETURNING statements)', async () => {
    const store = await SqliteStore.open({ file: join(mountPoint, 'direct.db') });
    try {
      // Rows of 30 KB: every write needs new room in SQLite's log, so the full disk shows at once.
      const bulk = 'x'.repeat(30_000);
      for (let i = 0; i < 50; i += 1)
        await store.insertApproval(makeApproval(`a-${i}`, { reason: `${i} ${bulk}` }));
      fillDisk();
      // Writes go on while SQLite's log has room; each must either be there afterwards or fail.
      // (An INSERT or UPDATE ... RETURNING yields its row before SQLite commits.)
      const audits = await untilRefused((i) => store.appendAudit(makeAuditEntry({ detail: { i, bulk } })));
      const approvals = await untilRefused((i) =>
        store.updateApproval(`a-${i}`, { version: 1 }, { state: 'approved' }),
      );
      const claims = await untilRefused((i) => store.claimIdempotencyKey(`delivery-${i}`, 60_000));
      rmSync(filler);
      expect(audits.error).toMatchObject({ reason: 'disk-full' });
      expect(approvals.error).toMatchObject({ reason: 'disk-full' });
      expect(claims.error).toMatchObject({ reason: 'disk-full' });
      expect(await store.listAudit()).toHaveLength(audits.done);
      for (let i = 0; i <= approvals.done && i < 50; i += 1)
        expect((await store.getApproval(`a-${i}`))?.state, `a-${i}`).toBe(
          i < approvals.done ? 'approved' : 'requested',
        );
      // The refused key was never taken, so that delivery is not mistaken for a replay later.
      expect(await store.claimIdempotencyKey(`delivery-${claims.done}`, 60_000)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('writes each audit entry kept on a full disk exactly once, however many record at once after', async () => {
    const store = await SqliteStore.open({ file: join(mountPoint, 'audit.db') });
    const logged: { msg?: string; entries?: { correlationId: string }[] }[] = [];
    const audit = new AuditLog(
      store,
      pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
    );
    const bulk = 'x'.repeat(30_000);
    const entry = (name: string) => {
      const { at: _at, ...rest } = makeAuditEntry({ correlationId: name, detail: { bulk } });
      return rest;
    };
    try {
      fillDisk();
      let written = 0;
      const kept: string[] = [];
      for (let i = 0; kept.length < 3 && i < 60; i += 1) {
        await audit.record(entry(`before-${i}`)).then(
          () => (written += 1),
          () => kept.push(`before-${i}`),
        );
      }
      expect(kept).toHaveLength(3);
      expect(audit.pendingCount).toBe(3);
      // A shutdown now would lose them: they go to the log, each with its ids and outcome.
      await audit.flushBeforeClose();
      const lost = logged.find(
        (line) => line.msg === '3 audit entries could not be recorded before shutdown',
      );
      expect(lost?.entries?.map((entry) => entry.correlationId)).toEqual(kept);
      rmSync(filler);
      // Commands, approvals and Azure's changes all record at once when the store is back.
      await Promise.all(['a', 'b', 'c', 'd'].map((name) => audit.record(entry(`after-${name}`))));
      const rows = (await store.listAudit()).map((row) => row.correlationId);
      expect(audit.pendingCount).toBe(0);
      expect(rows).toHaveLength(written + 3 + 4);
      expect(new Set(rows).size).toBe(rows.length);
      // The kept ones first (the list is newest first), in their order, before anything recorded after.
      expect(rows.toReversed().slice(written, written + 3)).toEqual(kept);
    } finally {
      await store.close();
    }
  });

  // Last: the file system stays read-only until it is unmounted.
  it('on a disk the kernel turned read-only refuses changes with the fix, reads go on, the file stays sound', async () => {
    const before = await snapshotsOf('vm-sql-01');
    const device = execFileSync('findmnt', ['-n', '-o', 'SOURCE', mountPoint], { encoding: 'utf8' }).trim();
    const ext4 = `/sys/fs/ext4/${device.replace('/dev/', '')}`;
    // What ext4 does on a metadata I/O error with errors=remount-ro.
    execFileSync('sh', ['-c', `echo 1 > ${ext4}/trigger_fs_error`]);
    expect(execFileSync('findmnt', ['-n', '-o', 'OPTIONS', mountPoint], { encoding: 'utf8' })).toMatch(
      /\bro\b|emergency_ro/,
    );
    const answer = await bot.ask('snapshot vm-sql-01', (t) => /Store unavailable|created|went wrong/.test(t));
    expect(answer).toContain('Store unavailable');
    expect(answer).toMatch(/read-only|I\/O error/);
    expect(answer).not.toMatch(/Something went wrong|SqliteError|at .*\.ts:\d+/);
    expect(await snapshotsOf('vm-sql-01')).toBe(before);
    expect(await bot.ask('status vm-sql-01', (t) => t.includes('vm-sql-01'))).toContain(
      'Latest recovery point',
    );
    // The way an operator recovers: stop the bot, check the file system, mount it again.
    await bot.stop();
    execFileSync('umount', [mountPoint]);
    // 1: errors found and corrected (the error the kernel recorded), as after a real one.
    const fsck = spawnSync('e2fsck', ['-f', '-y', image], { encoding: 'utf8' });
    expect(fsck.status, fsck.stdout).toBeLessThanOrEqual(1);
    execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, mountPoint]);
    expect(inspectDatabase().integrity).toBe('ok');
    bot = await startTestBot({ SIMULATOR_URL: server.httpUrl, DATA_DIR: dataDir });
    expect(await bot.ask('snapshot vm-sql-01', (t) => /created|failed|Store/.test(t))).toContain(
      'Snapshot set of vm-sql-01 created',
    );
  });

  /** Calls `write(0)`, `write(1)`, ... until one rejects (at most 50); how many resolved, and the error. */
  async function untilRefused(
    write: (i: number) => Promise<unknown>,
  ): Promise<{ done: number; error: unknown }> {
    for (let i = 0; i < 50; i += 1) {
      try {
        await write(i);
      } catch (error) {
        return { done: i, error };
      }
    }
    return { done: 50, error: undefined };
  }
});

function probeMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'chatops-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
