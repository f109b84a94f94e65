import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../src/main.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { countArmRequests } from '../test/support/count-arm-requests.js';
import { generateEstate } from '../test/support/generate-estate.js';

export interface WatcherCalls {
  vms: number;
  plans: number;
  armRequestsPerPoll: number;
}

/**
 * ARM requests of one poll of every alert watcher (after a first poll), on a generated estate of
 * `vms` VMs with one recovery plan per 10, with a channel subscribed to every alert.
 */
export async function measureWatcherCalls(vms: number): Promise<WatcherCalls> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-bench-watch-'));
  const estate = join(dataDir, 'estate.json');
  writeFileSync(estate, JSON.stringify(generateEstate(vms)));
  const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
  await store.alerts.addSubscription({
    id: 'as-bench',
    conversation: { platform: 'console', conversationId: 'bench', reference: {} },
    kind: 'all',
    createdBy: { platform: 'console', id: 'console-alice', displayName: 'alice' },
    createdAt: new Date(),
  });
  await store.close();
  const bot = await startBot({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SIMULATOR_ESTATE: estate });
  try {
    await bot.pollAlerts();
    const before = await countArmRequests(bot.url);
    const outcome = await bot.pollAlerts();
    if (!outcome.polled) throw new Error(`the watchers did not poll: ${outcome.reason}`);
    return {
      vms,
      plans: Math.ceil(vms / 10),
      armRequestsPerPoll: (await countArmRequests(bot.url)) - before,
    };
  } finally {
    await bot.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
