import type { ButtonCache } from './dr-model-observe.js';
import { cardText } from './fake-bot-connector.js';
import { startTestBot, type TestBot, type User } from './start-test-bot.js';

/**
 * The real system the DR model test drives: one bot (Teams-shaped activities over HTTP, the
 * embedded simulator, SQLite) kept across fast-check runs, since the invariants are on observed
 * state and a start costs about a second. A run that failed marks the world dirty and the next run
 * (a shrink attempt) gets a fresh bot, so a counterexample replays from the demo estate.
 */
export interface DrWorld {
  bot: TestBot;
  /** What each step did and what the bot answered, since this bot's data began (the failure message shows the end). */
  log: string[];
  dirty: boolean;
  runsOnThisBot: number;
  /** Reports already checked (they are immutable once stored). */
  checkedReports: Set<string>;
  /** Each test failover's report, to find a second one. */
  reportOfTestFailover: Map<string, string>;
  buttonCache: ButtonCache;
  /**
   * Set by a census run (DR_MODEL_CENSUS): violations are handed here and the run goes on, to
   * list every rule that fails and how; otherwise the first violation fails the run.
   */
  census?: (rule: string, violations: string[], message: string) => void;
  /** What the census was told already. */
  reported: Set<string>;
  /** Every approval id a card ever showed (for clicks on stale cards). */
  seenApprovals: string[];
  /** What the runs exercised, over every bot: so a test that checked nothing does not pass. */
  stats: DrStats;
}

export interface DrStats {
  /** Steps taken, by kind ("typed dr drill", "approve", "done click", "restart", ...). */
  steps: Record<string, number>;
  /** Milliseconds spent in them (checks included), by kind. */
  ms: Record<string, number>;
  /** The step under way and when it began. */
  current?: { step: string; at: number };
  /** Test failovers Azure ran. */
  testFailovers: Set<string>;
  /** Drill reports checked against Azure's job. */
  reports: number;
}

/** Counts a step as it begins; `stepEnded` adds its time. */
export function count(world: DrWorld, step: string): void {
  world.stats.steps[step] = (world.stats.steps[step] ?? 0) + 1;
  world.stats.current = { step, at: Date.now() };
}

export function stepEnded(world: DrWorld): void {
  const current = world.stats.current;
  if (!current) return;
  world.stats.ms[current.step] = (world.stats.ms[current.step] ?? 0) + Date.now() - current.at;
  world.stats.current = undefined;
}

/** The bot's options: short shutdown grace (restarts are steps), 3600x simulated time (500 ms polls). */
const env = { SIMULATOR_SPEED: '3600' };
const options = { shutdownGraceMs: 200 };
/** A fresh bot after this many runs keeps the connector's message list and the stores small. */
const runsPerBot = 60;

export async function openWorld(
  stats: DrStats = { steps: {}, ms: {}, testFailovers: new Set(), reports: 0 },
): Promise<DrWorld> {
  return {
    bot: await startTestBot(env, options),
    log: [],
    dirty: false,
    runsOnThisBot: 0,
    checkedReports: new Set(),
    reportOfTestFailover: new Map(),
    buttonCache: new Map(),
    reported: new Set(),
    seenApprovals: [],
    stats,
  };
}

/** The world for the next run: the same bot unless the last run failed or it has served enough. */
export async function nextRun(world: DrWorld): Promise<DrWorld> {
  let next = world;
  if (world.dirty || world.runsOnThisBot >= runsPerBot) {
    await world.bot.stop();
    next = await openWorld(world.stats);
    next.census = world.census;
  }
  next.runsOnThisBot += 1;
  // The log goes on across runs: an effect may show a step or a run after what caused it.
  next.log.push(`-- run ${next.runsOnThisBot} on this bot --`);
  return next;
}

/** Stops the bot gracefully and starts a new one on the same data, connector and clock. */
export async function restartBot(world: DrWorld): Promise<void> {
  const old = world.bot;
  await old.bot.close();
  world.bot = await startTestBot(env, options, {
    dataDir: old.dataDir,
    connector: old.connector,
    clockOffsetMs: old.clockOffsetMs(),
  });
}

export function note(world: DrWorld, line: string): void {
  world.log.push(line);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 25 ms for up to `timeoutMs`; resolves with whether it became true. */
export async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

/** The latest text of every message in a conversation. */
export function textsIn(world: DrWorld, conversationId: string): string[] {
  return world.bot.connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));
}

/**
 * Types `text` as `user` in a new conversation and waits (bounded) for the bot's first answer
 * there: Teams activities are answered 200 at once and the command runs after.
 */
export async function typeCommand(world: DrWorld, text: string, user: User): Promise<string> {
  const { conversationId, status } = await world.bot.send(text, user);
  const answered = await waitUntil(() => textsIn(world, conversationId).length > 0, 5_000);
  const first = textsIn(world, conversationId)[0] ?? '(no answer within 5 s)';
  note(world, `${user}: ${text} [${status}] -> ${firstLine(first)}`);
  if (!answered) return '';
  return first;
}

/** A click on a card button in its conversation; waits briefly for what it posts there. */
export async function clickButton(
  world: DrWorld,
  button: { verb: string; data: Record<string, string>; conversationId: string },
  user: User,
): Promise<string> {
  const before = versionsIn(world, button.conversationId);
  const answer = await world.bot.click(button.verb, button.data, user, button.conversationId);
  if (button.verb === 'run') {
    // The command behind the button answers in the conversation (a post or an update).
    await waitUntil(() => versionsIn(world, button.conversationId) > before, 3_000);
  }
  note(world, `${user} clicks ${button.verb} ${JSON.stringify(button.data)} -> ${firstLine(answer)}`);
  return answer;
}

function versionsIn(world: DrWorld, conversationId: string): number {
  return world.bot.connector
    .inConversation(conversationId)
    .reduce((sum, message) => sum + message.versions.length, 0);
}

export function firstLine(text: string): string {
  return text.split('\n').slice(0, 3).join(' | ').slice(0, 200);
}
