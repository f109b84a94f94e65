import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countArmRequests } from '../support/count-arm-requests.js';
import { generateEstate } from '../support/generate-estate.js';
import { startTestBot } from '../support/start-test-bot.js';
import { poll, subscribe } from './alert-test-kit.js';

/** ARM requests of one poll of every watcher on a generated estate of `vms` VMs. */
async function armRequestsPerPoll(vms: number): Promise<{ requests: number; opened: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'estate-'));
  const estateFile = join(dir, `estate-${vms}.json`);
  writeFileSync(estateFile, JSON.stringify(generateEstate(vms)));
  const sized = await startTestBot({ SIMULATOR_ESTATE: estateFile });
  try {
    await subscribe(sized, 'all');
    const first = await poll(sized);
    const before = await countArmRequests(sized.bot.url);
    await poll(sized);
    return { requests: (await countArmRequests(sized.bot.url)) - before, opened: first.opened };
  } finally {
    await sized.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The watchers read Azure with list calls: a poll of 500 VMs and 50 recovery plans costs a few
 * more pages than a poll of 10 VMs, never a call per VM or per plan.
 */
describe('ARM requests per alert poll', () => {
  it('grows with pages, not with VMs', { timeout: 120_000 }, async () => {
    const small = await armRequestsPerPoll(10);
    const large = await armRequestsPerPoll(500);
    // Every plan of a fresh estate has never had a drill: the large poll saw all 50.
    expect(large.opened).toBeGreaterThanOrEqual(50);
    expect(small.requests).toBeLessThanOrEqual(10);
    // Lists at 50 items a page: 500 VMs, 500 protected items and 500 replicated items are 10
    // pages each, the backup jobs of the last 36 h (one or two per VM) up to 20, 50 plans one.
    expect(large.requests).toBeLessThanOrEqual(small.requests + 3 * 10 + 20 + 1);
  });
});
