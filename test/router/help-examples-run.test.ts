import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandCatalog } from '../../src/commands/catalog.js';
import type { ArgType } from '../../src/commands/command-spec.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * `help` examples are real: each one, typed on a fresh demo estate, names things that exist (VMs,
 * apps, networks, policies, recovery points by time). Changes run as dry runs, so nothing moves.
 * Examples that name an id the bot makes at run time (a job, a snapshot set, a report, a
 * schedule) cannot exist on a fresh estate; their form is checked in test/commands/example-ids.
 */
const MADE_AT_RUN_TIME: readonly ArgType[] = ['jobId', 'snapshotSet', 'snapshotName', 'reportId'];
const NOT_FOUND =
  /Unknown (VM|app|recovery point|policy|network)|No recovery point (that|at|before)|There is no (VM|app)\b|not a known/;

describe('help examples run against the demo estate', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('finds everything each example names', async () => {
    const missing: string[] = [];
    let ran = 0;
    for (const spec of commandCatalog) {
      if (spec.availability.status !== 'available' || spec.id === 'schedule.delete') continue;
      if (spec.args.some((arg) => MADE_AT_RUN_TIME.includes(arg.type))) continue;
      for (const example of spec.examples) {
        const parsed = parseCommand(example);
        if (!parsed.ok) throw new Error(`${example}: ${parsed.message}`);
        const text =
          spec.sideEffects === 'change' && !parsed.command.dryRun ? `${example} --dry-run` : example;
        const answer = await bot.ask(text, (t) => t.trim().length > 0, 'erin');
        ran += 1;
        if (NOT_FOUND.test(answer)) missing.push(`${text}: ${answer.split('\n').slice(0, 3).join(' / ')}`);
      }
    }
    expect(missing).toEqual([]);
    expect(ran).toBeGreaterThan(60);
  }, 120_000);
});
