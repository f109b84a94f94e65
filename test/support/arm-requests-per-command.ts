import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countArmRequests } from './count-arm-requests.js';
import { generateEstate } from './generate-estate.js';
import { startTestBot } from './start-test-bot.js';

/**
 * ARM requests each read command costs on a generated estate of `vms` VMs (one recovery plan per
 * 10 VMs): the command is sent once to warm up, then once more and counted, until its answer.
 */
export async function armRequestsPerCommand(
  vms: number,
  commands: readonly string[],
): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'estate-'));
  const estateFile = join(dir, 'estate.json');
  writeFileSync(estateFile, JSON.stringify(generateEstate(vms)));
  const bot = await startTestBot({ SIMULATOR_ESTATE: estateFile });
  try {
    const counts: Record<string, number> = {};
    for (const command of commands) {
      await bot.ask(command, () => true);
      const before = await countArmRequests(bot.bot.url);
      await bot.ask(command, () => true);
      counts[command] = (await countArmRequests(bot.bot.url)) - before;
    }
    return counts;
  } finally {
    await bot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
