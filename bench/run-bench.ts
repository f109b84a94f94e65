import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseCommand } from '../src/commands/parse-command.js';
import { startBot } from '../src/main.js';
import { armRequestsPerCommand } from '../test/support/arm-requests-per-command.js';
import { FakeBotConnector } from '../test/support/fake-bot-connector.js';
import { FakeSlackApi } from '../test/support/fake-slack-api.js';
import { measureProcess } from './measure-process.js';
import { measureReplyLatency } from './measure-reply-latency.js';
import { measureSlackAcks } from './measure-slack-ack.js';
import { measureWatcherCalls } from './measure-watcher-calls.js';
import { startBareBolt } from './start-bare-bolt.js';
import { startEchoBot } from './start-echo-bot.js';

/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, so they mean
 * something on any machine. No test runner; results as a table and bench/results/latest.json.
 */
const requests = Number(process.argv[2] ?? 500);

const parserInputs = [
  'snapshot vm-web-01',
  'take a snapshot of vm-sql-01 full --dry-run',
  'snapshots vm-sql-01',
  'status vm-web-01',
  'snapshot prune vm-web-01 older-than 7d',
  'snapshto vm-web-01',
  '<at>Recovery Bot</at> dr drill shop network vnet-dr-test because quarterly test',
  'help snapshot delete',
];

function measureParser(seconds: number): { commandsPerSecond: number } {
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (const input of parserInputs) parseCommand(input);
    count += parserInputs.length;
  }
  return { commandsPerSecond: Math.round(count / seconds) };
}

const slackSecret = 'bench-signing-secret';
const levels = [1, 10, 50];

/** At each level, bursts of that many commands at once (40 commands at 1, 100 at 10, 200 at 50). */
function slackLoad(concurrency: number) {
  return {
    signingSecret: slackSecret,
    concurrency,
    bursts: concurrency === 1 ? 40 : concurrency === 10 ? 10 : 4,
    pauseMs: 250,
  };
}

/**
 * Slack acks while every command starts a snapshot that takes minutes (SIMULATOR_SPEED 1: Azure's
 * real pace), against a bare Bolt app acking the same signed requests, in bursts of 1, 10 and 50
 * commands sent at once. Earlier bursts' snapshots are still running while later ones arrive.
 */
async function measureSlack() {
  const slack = new FakeSlackApi();
  await slack.start();
  // The baseline first, alone: afterwards this process is busy with our bot's snapshots.
  const bare = await startBareBolt(slackSecret);
  const baselines = new Map<number, Awaited<ReturnType<typeof measureSlackAcks>>>();
  for (const concurrency of levels) {
    baselines.set(concurrency, await measureSlackAcks({ botUrl: bare.url, ...slackLoad(concurrency) }));
  }
  await bare.close();
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-bench-slack-'));
  const bot = await startBot({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SIMULATOR_SPEED: '1',
    // The bursts are load, not abuse: the per-person and per-channel brakes stay out of the way.
    RATE_LIMIT_USER_PER_MINUTE: '10000',
    RATE_LIMIT_CHANNEL_PER_MINUTE: '10000',
    RATE_LIMIT_READS_PER_MINUTE: '10000',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: slackSecret,
    SLACK_API_URL: slack.url,
  });
  try {
    const results = [];
    for (const concurrency of levels) {
      const baseline = baselines.get(concurrency);
      if (!baseline) throw new Error(`no baseline at ${concurrency}`);
      const ours = await measureSlackAcks({ botUrl: bot.url, ...slackLoad(concurrency) });
      results.push({
        concurrency,
        bot: ours,
        boltBaseline: baseline,
        ratioMedian: round(ours.medianMs / baseline.medianMs),
        ratioP99: round(ours.p99Ms / baseline.p99Ms),
      });
    }
    return results;
  } finally {
    // The snapshots are still running: the drain gives up on them after its grace period.
    await bot.close();
    await slack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const parser = measureParser(3);
  const watchers = [await measureWatcherCalls(10), await measureWatcherCalls(500)];
  const readCommands = ['vms', 'status vm-app001-01', 'dr status', 'dr status app001'];
  const armPerCommand = {
    small: { vms: 10, requests: await armRequestsPerCommand(10, readCommands) },
    large: { vms: 500, requests: await armRequestsPerCommand(500, readCommands) },
  };
  const slackAck = await measureSlack();
  const connector = new FakeBotConnector();
  await connector.start();
  const echo = await startEchoBot();
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-bench-'));
  const bot = await startBot({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SIMULATOR_SPEED: '600',
    // Hundreds of reads a minute from one person: load, not abuse.
    RATE_LIMIT_READS_PER_MINUTE: '10000',
  });
  try {
    await measureReplyLatency(echo.url, connector, 'warm up', 20);
    await measureReplyLatency(bot.url, connector, 'status vm-web-01', 20);
    const baseline = await measureReplyLatency(echo.url, connector, 'status vm-web-01', requests);
    const ours = await measureReplyLatency(bot.url, connector, 'status vm-web-01', requests);
    const processFigures = await measureProcess(connector, 1_000);
    const results = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      at: new Date().toISOString(),
      parser,
      watchers,
      armPerCommand,
      process: processFigures,
      slackAck,
      firstReply: {
        bot: ours,
        echoBaseline: baseline,
        ratioMedian: round(ours.medianMs / baseline.medianMs),
        ratioP99: round(ours.p99Ms / baseline.p99Ms),
      },
    };
    printTable(results);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await bot.close();
    await echo.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function printTable(results: {
  parser: { commandsPerSecond: number };
  watchers: { vms: number; plans: number; armRequestsPerPoll: number }[];
  armPerCommand: Record<'small' | 'large', { vms: number; requests: Record<string, number> }>;
  process: {
    startupMs: number;
    bareNodeStartupMs: number;
    starts: number;
    rssIdleMiB: number;
    rssAfterCommandsMiB: number;
    commands: number;
  };
  slackAck: {
    concurrency: number;
    bot: { medianMs: number; p99Ms: number; requests: number };
    boltBaseline: { medianMs: number; p99Ms: number };
    ratioMedian: number;
    ratioP99: number;
  }[];
  firstReply: {
    bot: { medianMs: number; p99Ms: number; requests: number };
    echoBaseline: { medianMs: number; p99Ms: number };
    ratioMedian: number;
    ratioP99: number;
  };
}): void {
  const { bot, echoBaseline, ratioMedian, ratioP99 } = results.firstReply;
  const rows = [
    ['Parser', `${results.parser.commandsPerSecond.toLocaleString('en')} commands/s`, '', ''],
    ...Object.entries(results.armPerCommand.large.requests).map(([command, count]) => [
      `ARM requests of \`${command}\`, ${results.armPerCommand.large.vms} VMs`,
      `${count} requests`,
      `${results.armPerCommand.small.vms} VMs: ${results.armPerCommand.small.requests[command]} requests`,
      `x${round(count / (results.armPerCommand.small.requests[command] ?? 1))}`,
    ]),
    [
      `Start-up to a ready /healthz, median of ${results.process.starts} (node with tsx, embedded simulator, SQLite)`,
      `${results.process.startupMs} ms`,
      `bare node HTTP server ${results.process.bareNodeStartupMs} ms`,
      `x${round(results.process.startupMs / results.process.bareNodeStartupMs)}`,
    ],
    [
      `Resident memory, idle / after ${results.process.commands.toLocaleString('en')} status commands (+10 s)`,
      `${results.process.rssIdleMiB} MiB / ${results.process.rssAfterCommandsMiB} MiB`,
      '',
      '',
    ],
    ...results.watchers.slice(1).map((large) => {
      const small = results.watchers[0] ?? large;
      return [
        `Alert watchers, ARM requests per poll, ${large.vms} VMs and ${large.plans} plans`,
        `${large.armRequestsPerPoll} requests`,
        `${small.vms} VMs: ${small.armRequestsPerPoll} requests`,
        `x${round(large.armRequestsPerPoll / small.armRequestsPerPoll)} for x${large.vms / small.vms} VMs`,
      ];
    }),
    [
      `First reply, status vm-web-01 (${bot.requests} requests)`,
      `median ${bot.medianMs} ms`,
      `echo bot ${echoBaseline.medianMs} ms`,
      `x${ratioMedian}`,
    ],
    ['', `p99 ${bot.p99Ms} ms`, `echo bot ${echoBaseline.p99Ms} ms`, `x${ratioP99}`],
    ...results.slackAck.flatMap((level) => [
      [
        `Slack ack, /recovery snapshot <vm>, bursts of ${level.concurrency} (${level.bot.requests} requests)`,
        `median ${level.bot.medianMs} ms`,
        `bare Bolt ${level.boltBaseline.medianMs} ms`,
        `x${level.ratioMedian}`,
      ],
      ['', `p99 ${level.bot.p99Ms} ms`, `bare Bolt ${level.boltBaseline.p99Ms} ms`, `x${level.ratioP99}`],
    ]),
  ];
  process.stdout.write('| Measure | Ours | Baseline | Ratio |\n| --- | --- | --- | --- |\n');
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
}

await main();
