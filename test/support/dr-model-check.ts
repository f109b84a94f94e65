import {
  buttonsStillPossible,
  drillsOnlyInIsolatedNetworks,
  oneAzureOperationPerPlan,
  oneChangePerApp,
  reportsAreTrue,
} from './dr-model-invariants.js';
import {
  botIsQuiet,
  type OfferedButton,
  offeredButtons,
  readSimulatorJobs,
  readStore,
} from './dr-model-observe.js';
import type { DrWorld } from './dr-model-world.js';
import { note, waitUntil } from './dr-model-world.js';
import { cardText } from './fake-bot-connector.js';

/**
 * After every step: the safety rules (1-4) must hold at that moment; the cards (5) may lag the
 * store by a few of the bot's polls (500 ms at the test speed), so they get that long to settle.
 */
const settleMs = 2_000;
/**
 * The runs share one bot, so the state a run failed in may have been built by the runs before it
 * (the log shows them). Shrink attempts run on fresh bots: a shrunk counterexample is complete.
 */
function replayHint(world: DrWorld): string {
  return world.runsOnThisBot <= 1
    ? 'This run started on a fresh bot from the demo estate: the steps above are the whole story.'
    : 'The cause may lie in an earlier run on the same bot. Replay every run as it ran: DR_MODEL_SEED=<seed above> npx vitest run test/router/dr-safety.model.test.ts';
}
/** How many of the last log lines a failure shows. */
const logLines = 40;

export function currentButtons(world: DrWorld): OfferedButton[] {
  return offeredButtons(world.bot.connector.messages, world.buttonCache, cardText);
}

/** Violations not reported before (a census goes on after one; a normal run ends at the first). */
function unreported(world: DrWorld, violations: string[]): string[] {
  return violations.filter((v) => !world.reported.has(v));
}

function fail(world: DrWorld, rule: string, found: string[]): void {
  const violations = unreported(world, found);
  if (violations.length === 0) return;
  const message = `${rule}:\n${violations.map((v) => `  - ${v}`).join('\n')}\nThe last steps, across runs on this bot (newest last):\n${world.log.slice(-logLines).join('\n')}\n${replayHint(world)}`;
  if (world.census) {
    for (const v of violations) world.reported.add(v);
    world.census(rule, violations, message);
    return;
  }
  world.dirty = true;
  throw new Error(message);
}

export function checkSafety(world: DrWorld): void {
  const { dataDir } = world.bot;
  const store = readStore(dataDir, world.checkedReports, []);
  const jobs = readSimulatorJobs(dataDir);
  fail(world, 'Invariant 1 (one change per app in the bot) violated', oneChangePerApp(store));
  fail(world, 'Invariant 2 (one Azure operation per plan) violated', oneAzureOperationPerPlan(jobs));
  const reports = reportsAreTrue(store.newReports, jobs, world.reportOfTestFailover);
  for (const report of store.newReports) world.checkedReports.add(report.id);
  world.stats.reports += store.newReports.length;
  for (const job of jobs) if (job.scenarioName === 'TestFailover') world.stats.testFailovers.add(job.name);
  fail(world, 'Invariant 3 (drill reports true to the second) violated', reports);
  fail(world, 'Invariant 4 (drills only in isolated networks) violated', drillsOnlyInIsolatedNetworks(jobs));
}

function settledViolations(world: DrWorld): string[] {
  const buttons = currentButtons(world);
  const ids = [...new Set(buttons.map((b) => b.data.approvalId).filter((id): id is string => !!id))];
  const store = readStore(world.bot.dataDir, world.checkedReports, ids);
  const jobs = readSimulatorJobs(world.bot.dataDir);
  return unreported(world, buttonsStillPossible(buttons, store.approvalStates, jobs));
}

export async function checkSettled(world: DrWorld): Promise<void> {
  if (await waitUntil(() => settledViolations(world).length === 0, settleMs)) return;
  const rule = `Invariant 5 (no card offers an impossible action, after ${settleMs} ms) violated`;
  fail(world, rule, settledViolations(world));
}

/** Bounded: until the bot has asked Azure for what the last steps started (see botIsQuiet). */
export async function waitForQuiet(world: DrWorld, timeoutMs = 1_500): Promise<void> {
  const quiet = await waitUntil(() => botIsQuiet(world.bot.dataDir, world.checkedReports), timeoutMs);
  if (!quiet) note(world, `(the bot was not quiet after ${timeoutMs} ms)`);
}

/** Both, as every step ends. */
export async function checkAfterStep(world: DrWorld): Promise<void> {
  checkSafety(world);
  await checkSettled(world);
}
