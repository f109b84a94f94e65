import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import type { User } from '../support/start-test-bot.js';

/**
 * The traffic of the load and soak tests (test/load/*.load.test.ts): commands from many user
 * sessions, half on Teams and half on Slack, a quarter of them snapshots (changes, with a job),
 * the rest reads, against an embedded simulator that throttles 20% of ARM calls and fails 2%.
 */
export const sessions = 50;
const people: User[] = ['alice', 'bob', 'carol', 'dave', 'erin'];
const reads = [
  'status vm-web-01',
  'vms',
  'dr status',
  'jobs',
  'recovery points vm-sql-01',
  'snapshots vm-api-01',
];
const vms = ['vm-web-01', 'vm-web-02', 'vm-api-01', 'vm-crm-02'];

export interface SentCommand {
  platform: 'teams' | 'slack';
  /** The Teams conversation or Slack channel it was typed in (one per command). */
  where: string;
  text: string;
  user: User;
}

/**
 * Still working: a progress card, not an answer yet. A snapshot set's progress card is titled
 * "Snapshotting vm-…" (its "running" comes on the line after its "0%", which the second test misses).
 */
export const inProgress = (text: string) =>
  /^(Taking|Snapshotting|Snapshot of .* running|Working)/.test(text) ||
  /\b(running|in progress)\b.*%/.test(text);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bot on Teams and Slack with its embedded simulator, its rate limits out of the way. */
export function startLoadBot(): Promise<SlackTestBot> {
  return startSlackTestBot({
    SIMULATOR_SPEED: '3600',
    RATE_LIMIT_USER_PER_MINUTE: '10000',
    RATE_LIMIT_CHANNEL_PER_MINUTE: '10000',
    RATE_LIMIT_READS_PER_MINUTE: '10000',
  });
}

/** From now on the simulator throttles 20% of ARM calls (429) and fails 2% with 500. */
export async function throttleAzure(t: SlackTestBot): Promise<void> {
  for (const fault of [
    { kind: 'throttle', count: -1, probability: 0.2, retryAfterSeconds: 0 },
    { kind: 'error', count: -1, probability: 0.02, status: 500 },
  ])
    expect((await t.bot.simulatorAdmin('POST', 'faults', fault)).status).toBe(201);
}

/**
 * Sends `count` commands in waves of `sessions` at once, numbered from `first` (so that each
 * command has its own conversation or channel, `{prefix}-{n}` on Teams, `C0{PREFIX}{n}` on Slack).
 * The same n gives the same command, person and platform: every round of a soak is alike.
 */
export async function sendTraffic(
  t: SlackTestBot,
  { count, first = 0, prefix = 'load' }: { count: number; first?: number; prefix?: string },
): Promise<SentCommand[]> {
  const sent: SentCommand[] = [];
  for (let wave = 0; wave * sessions < count; wave += 1) {
    const batch = Array.from({ length: Math.min(sessions, count - wave * sessions) }, (_v, session) => {
      const i = wave * sessions + session;
      const n = first + i;
      const user = people[session % people.length] as User;
      const text = i % 4 === 0 ? `snapshot ${vms[i % vms.length]}` : (reads[i % reads.length] as string);
      const platform: 'teams' | 'slack' = session % 2 === 0 ? 'teams' : 'slack';
      const where = platform === 'teams' ? `${prefix}-${n}` : `C0${prefix.toUpperCase()}${n}`;
      sent.push({ platform, where, text, user });
      return platform === 'teams' ? t.bot.send(text, user, where) : t.slash(user, text, where);
    });
    await Promise.all(batch);
  }
  return sent;
}

/** What the bot answered a command: its messages (latest versions) in that conversation or channel. */
export function answersOf(t: SlackTestBot, command: SentCommand): string[] {
  if (command.platform === 'teams')
    return t.bot.connector.inConversation(command.where).map((m) => cardText(m.versions.at(-1)));
  const inThread = t.slack.messages.filter((m: SlackMessage) => m.channel === command.where && m.threadTs);
  const privately = t.slack.ephemerals.filter((e) => e.channel === command.where);
  return [...inThread.map((m) => slackText(m.versions.at(-1))), ...privately.map((e) => slackText(e.args))];
}

/**
 * Waits until every command has a final answer (or `timeoutMs` passes), then `lateMs` longer for
 * late duplicates, and returns each command that has not exactly one final answer, described.
 */
export async function settleAnswers(
  t: SlackTestBot,
  sent: readonly SentCommand[],
  { timeoutMs = 300_000, lateMs = 2_000 }: { timeoutMs?: number; lateMs?: number } = {},
): Promise<string[]> {
  const settled = () =>
    sent.every((command) => {
      const answers = answersOf(t, command);
      return answers.length >= 1 && !answers.some(inProgress);
    });
  const deadline = Date.now() + timeoutMs;
  while (!settled() && Date.now() < deadline) await sleep(250);
  await sleep(lateMs);
  return sent
    .map((command) => ({ ...command, answers: answersOf(t, command) }))
    .filter((command) => command.answers.length !== 1 || command.answers.some(inProgress))
    .map(
      (w) =>
        `${w.platform} ${w.where} ${w.user}: ${w.text} -> ${w.answers.map((a) => a.slice(0, 80)).join(' | ')}`,
    );
}

/** dave may read but not change: his snapshots are refused. */
export function expectDaveRefused(t: SlackTestBot, sent: readonly SentCommand[]): void {
  for (const command of sent.filter((c) => c.user === 'dave' && c.text.startsWith('snapshot vm-')))
    expect(answersOf(t, command)[0]).toMatch(/Not permitted/);
}

/** Every snapshot sent (dave's refused) has its job; none is still running, each recorded its result. */
export async function expectJobsEnded(t: SlackTestBot, snapshotsSoFar: number): Promise<void> {
  const jobs = await withStore(t.bot, (store) => store.listJobs({ limit: 100_000 }));
  expect(jobs.filter((job) => job.commandId === 'snapshot.create')).toHaveLength(snapshotsSoFar);
  const running = jobs.filter((job) => job.state === 'running');
  expect(
    running.map((job) => {
      const id = job.conversation?.conversationId ?? '';
      const teams = t.bot.connector.inConversation(id).map((m) => cardText(m.versions.at(-1)));
      const slack = t.slack.messages.filter((m) => m.channel === id).map((m) => slackText(m.versions.at(-1)));
      return `${job.id} ${job.commandText} in ${id} (updated ${job.updatedAt.toISOString()}): ${[...teams, ...slack].join(' | ')}`;
    }),
  ).toEqual([]);
  for (const job of jobs) expect(job.result, job.id).toBeDefined();
}

/** The snapshots among these commands that should have started a job (dave may not). */
export const startedSnapshots = (sent: readonly SentCommand[]) =>
  sent.filter((c) => c.text.startsWith('snapshot vm-') && c.user !== 'dave').length;

/**
 * Empties what the fake Teams connector and fake Slack API recorded (the test's own memory, which
 * grows with every message by design): after a soak round has been checked, so that the heap
 * measures the bot and simulator, not the transcript. Card problems are checked before: none.
 */
export function forgetTranscripts(t: SlackTestBot): void {
  const { connector } = t.bot;
  expect(connector.cardProblems).toEqual([]);
  for (const list of [connector.messages, connector.requests, connector.created]) list.length = 0;
  for (const list of [t.slack.messages, t.slack.ephemerals, t.slack.calls]) list.length = 0;
}

export const gcExposed = () => typeof (globalThis as { gc?: () => void }).gc === 'function';

/**
 * The heap after garbage collection: a full GC several times with a pause between, so that
 * finalizers, weak references and timers whose closures hold garbage have run and their garbage
 * is collected too (one gc() right after a burst still counts some of it). Needs --expose-gc.
 */
export async function heapAfterGc(): Promise<{ heapUsed: number; rss: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is missing: run with --expose-gc (vitest.load.config.ts does).');
  for (let i = 0; i < 4; i += 1) {
    gc();
    await sleep(100);
  }
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

/** The size of the embedded simulator's saved state (Azure's data: snapshots, jobs, operations). */
export function simulatorStateBytes(t: SlackTestBot): number {
  try {
    return statSync(join(t.bot.dataDir, 'simulator-state.json')).size;
  } catch {
    return 0;
  }
}

export const mib = (bytes: number) => bytes / 2 ** 20;
