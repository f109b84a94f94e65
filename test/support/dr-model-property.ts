import fc from 'fast-check';
import { checkAfterStep, waitForQuiet } from './dr-model-check.js';
import { drModelCommands, modelOf } from './dr-model-commands.js';
import { type DrStats, type DrWorld, nextRun, openWorld } from './dr-model-world.js';

/**
 * Issue 18's model-based test, shared by `npm test` (a few hundred runs) and `npm run test:load`
 * (DR_MODEL_RUNS): random interleavings of typed commands, approvals, rejections, Done clicks,
 * expiries and restarts for shop and crm against one real bot, with the invariants checked after
 * every step. The seed is random and printed on failure with the counterexample; DR_MODEL_SEED
 * replays the same runs (DR_MODEL_PATH, from the same message, only the failing one).
 */
export interface DrModelRun {
  numRuns: number;
  /** Go on after violations and collect them (in `found`) instead of failing at the first. */
  census?: boolean;
  /** Stops generating (and shrinking) after this long; a failure found by then is still reported. */
  timeLimitMs: number;
  maxCommands?: number;
}

export class DrModelHarness {
  private world: DrWorld | undefined;
  /** A run failed: what follows are fast-check's shrink attempts. */
  private shrinking = false;
  /** A census (`census: true`): each distinct violation with its first message, by rule. */
  readonly found = new Map<string, string[]>();

  async run(options: DrModelRun, env: Record<string, string | undefined> = process.env): Promise<void> {
    const seed = env.DR_MODEL_SEED ? Number(env.DR_MODEL_SEED) : undefined;
    const property = fc.asyncProperty(drModelCommands(options.maxCommands), async (commands) => {
      // After a failure fast-check shrinks: each smaller sequence then runs on a fresh bot, so
      // the counterexample it ends with fails from the demo estate, not from an earlier run's state.
      if (this.world && this.shrinking) this.world.dirty = true;
      const world = await nextRun(this.world ?? (await this.openWorld(options)));
      this.world = world;
      const firstLine = world.log.length - 1;
      try {
        // The state a run starts from must already hold (an earlier run may have left work running).
        await checkAfterStep(world);
        await fc.asyncModelRun(() => ({ model: modelOf(world), real: world }), commands);
        // What the run started in Azure counts against this run, not the next one.
        await waitForQuiet(world);
        await checkAfterStep(world);
        if (env.DR_MODEL_VERBOSE) console.log(world.log.slice(firstLine).join('\n'));
      } catch (error) {
        world.dirty = true;
        this.shrinking = true;
        throw error;
      }
    });
    await fc.assert(property, {
      numRuns: options.numRuns,
      interruptAfterTimeLimit: options.timeLimitMs,
      // A seed alone replays every run from the first (the state the failing one met); with
      // DR_MODEL_PATH only the failing run (or shrink) itself.
      ...(seed === undefined ? {} : { seed }),
      ...(env.DR_MODEL_PATH ? { path: env.DR_MODEL_PATH } : {}),
    });
  }

  private async openWorld(options: DrModelRun): Promise<DrWorld> {
    const world = await openWorld();
    if (options.census)
      world.census = (rule, _violations, message) => {
        const messages = this.found.get(rule) ?? [];
        if (messages.length < 5) messages.push(message);
        this.found.set(rule, messages);
      };
    return world;
  }

  /** What the runs exercised (see DrStats), as one line. */
  statsText(): string {
    const stats = this.world?.stats;
    if (!stats) return 'no run';
    const steps = Object.entries(stats.steps)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([step, n]) => `${step} ${n} (${Math.round((stats.ms[step] ?? 0) / 1000)} s)`)
      .join(', ');
    return `${stats.testFailovers.size} test failover(s), ${stats.reports} report(s) checked; steps: ${steps}`;
  }

  get stats(): DrStats | undefined {
    return this.world?.stats;
  }

  /** The census as one text: per rule, how many distinct violations and the first few messages. */
  censusText(): string {
    return [...this.found]
      .map(([rule, messages]) => `=== ${rule} (${messages.length} shown)\n${messages.join('\n---\n')}`)
      .join('\n\n');
  }

  async close(): Promise<void> {
    await this.world?.bot.stop();
    this.world = undefined;
  }
}
