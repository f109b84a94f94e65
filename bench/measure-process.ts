import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeBotConnector } from '../test/support/fake-bot-connector.js';
import { measureReplyLatency, percentile } from './measure-reply-latency.js';

export interface ProcessFigures {
  /** Spawn to the first 200 from /healthz: the median of `starts` starts (one varies by a second). */
  startupMs: number;
  /** The same for a bare node HTTP server answering 200 (the baseline in the same run). */
  bareNodeStartupMs: number;
  starts: number;
  rssIdleMiB: number;
  rssAfterCommandsMiB: number;
  commands: number;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function untilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

function rssMiB(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Math.round((Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024) * 10) / 10;
}

async function timeStart(
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  await untilHealthy(url, child);
  return { child, ms: Math.round(performance.now() - started) };
}

/**
 * The bot as `npm start` runs it (node with tsx, the embedded simulator, SQLite): time from spawn
 * to a ready /healthz against a bare node HTTP server's, and its resident memory idle and after
 * `commands` status commands (then 10 s to settle, and a GC where node allows).
 */
export async function measureProcess(connector: FakeBotConnector, commands: number): Promise<ProcessFigures> {
  const bareTimes: number[] = [];
  for (let i = 0; i < starts; i += 1) {
    const barePort = await freePort();
    const bare = await timeStart(
      ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${barePort})`],
      process.env,
      `http://127.0.0.1:${barePort}/`,
    );
    bareTimes.push(bare.ms);
    await stop(bare.child);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-bench-process-'));
  const botTimes: number[] = [];
  const startBotOnce = async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SIMULATOR_SPEED: '600',
      // A thousand reads from one person: load, not abuse.
      RATE_LIMIT_READS_PER_MINUTE: '10000',
    };
    const url = `http://127.0.0.1:${port}`;
    const started = await timeStart(['--import', 'tsx', 'src/main.ts'], env, `${url}/healthz`);
    botTimes.push(started.ms);
    return { ...started, url };
  };
  // The last start stays up for the memory figures.
  for (let i = 1; i < starts; i += 1) await stop((await startBotOnce()).child);
  const bot = await startBotOnce();
  const { url } = bot;
  try {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const pid = bot.child.pid ?? 0;
    const rssIdleMiB = rssMiB(pid);
    await measureReplyLatency(url, connector, 'status vm-web-01', commands);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    return {
      startupMs: median(botTimes),
      bareNodeStartupMs: median(bareTimes),
      starts,
      rssIdleMiB,
      rssAfterCommandsMiB: rssMiB(pid),
      commands,
    };
  } finally {
    await stop(bot.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Starts of each process timed; the figure is their median. */
const starts = 5;

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
