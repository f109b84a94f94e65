import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botRoleActions } from '../../src/azure/bot-role.js';
import { armActionOf } from '../support/arm-action-of.js';
import { tour } from '../support/recovery-tour.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** Actions the bot sends only when something failed: the tour, where all goes well, never does. */
const onlyOnFailure: Record<string, string> = {
  'Microsoft.Compute/disks/delete': 'rolls back disks from a snapshot set that were not all made',
  'Microsoft.Compute/restorePointCollections/restorePoints/delete': 'rolls back a failed restore point',
  'Microsoft.RecoveryServices/Vaults/backupJobs/cancel/action':
    '`cancel <job>` races the backup at the tour’s speed; test/real-azure/permissions-per-command covers it',
};

/** Actions the SDK sends only when Azure is quick: a result read once an operation has ended by its first poll. */
const onlyWhenQuick: Record<string, string> = {
  'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/operationResults/read':
    'the Backup SDK reads the result of a restore or file-restore request when it has ended by the first poll',
};

describe('ARM actions, as ARM derives them from a request', () => {
  it.each([
    [
      'POST',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/start',
      'Microsoft.Compute/virtualMachines/start/action',
    ],
    [
      'POST',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/c/protectedItems/i/backup',
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action',
    ],
    [
      'GET',
      '/subscriptions/{name}/providers/Microsoft.Compute/snapshots',
      'Microsoft.Compute/snapshots/read',
    ],
    [
      'PUT',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p',
      'Microsoft.Compute/restorePointCollections/restorePoints/write',
    ],
    [
      'PATCH',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
      'Microsoft.Compute/virtualMachines/write',
    ],
    [
      'DELETE',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d?api-version=1',
      'Microsoft.Compute/disks/delete',
    ],
    ['GET', '/subscriptions/s/resourceGroups/rg', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
  ])('%s %s -> %s', (method, path, action) => {
    expect(armActionOf(method, path)).toBe(action);
  });
});

/**
 * Every command that reaches Azure, run against the simulator with tracing on: each ARM request's
 * method and path (the span's url.template) gives the action ARM checks for it. The shipped role
 * must hold every one, and every action it holds for the bot's own requests must be one the
 * commands send (or one named above, sent only on failure): no more, no less.
 */
describe('the bot role against every command', () => {
  let bot: TestBot;
  const exporter = new InMemorySpanExporter();
  const used = new Map<string, Set<string>>();
  beforeAll(async () => {
    bot = await startTestBot(
      { SIMULATOR_SPEED: '600' },
      { spanProcessor: new SimpleSpanProcessor(exporter) },
    );
  });
  afterAll(async () => bot?.stop());

  it('runs the tour and records the action of each request', { timeout: 300_000 }, async () => {
    const chat = { url: bot.bot.url, connector: bot.connector };
    for (const step of tour) {
      exporter.reset();
      await step.run(chat);
      for (const span of exporter.getFinishedSpans()) {
        const method = span.attributes['http.request.method'];
        const template = span.attributes['url.template'];
        if (typeof method !== 'string' || typeof template !== 'string') continue;
        const action = armActionOf(method, template).toLowerCase();
        used.set(action, (used.get(action) ?? new Set()).add(step.name));
      }
    }
    expect(used.size).toBeGreaterThan(30);
  });

  it('grants every action the commands use', () => {
    const granted = new Set(botRoleActions.map((entry) => entry.action.toLowerCase()));
    const missing = [...used]
      .filter(([action]) => !granted.has(action))
      .map(([action, steps]) => `${action} (${[...steps].join('; ')})`);
    expect(missing).toEqual([]);
  });

  it('grants no request action the commands do not use', () => {
    const unused = botRoleActions
      .filter((entry) => entry.by === 'request' && !used.has(entry.action.toLowerCase()))
      .map((entry) => entry.action);
    const excused = new Set(Object.keys({ ...onlyOnFailure, ...onlyWhenQuick }));
    expect(unused.filter((action) => !excused.has(action))).toEqual([]);
    for (const action of Object.keys(onlyOnFailure)) expect(unused).toContain(action);
  });
});
