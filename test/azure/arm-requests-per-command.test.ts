import { describe, expect, it } from 'vitest';
import { armRequestsPerCommand } from '../support/arm-requests-per-command.js';

const commands = ['vms', 'status vm-app001-01', 'dr status', 'dr status app001'] as const;

/**
 * `vms`, `status` and `dr status` read Azure with list calls: on 500 VMs and 50 apps they cost a few
 * more pages than on 10 VMs, never a call per VM or per app.
 */
describe('ARM requests per read command', () => {
  it('grow with pages, not with VMs or apps', { timeout: 120_000 }, async () => {
    const small = await armRequestsPerCommand(10, commands);
    const large = await armRequestsPerCommand(500, commands);
    for (const command of commands) {
      expect(small[command], command).toBeGreaterThan(0);
      // 500 items at 50 a page: 10 pages a list instead of 1.
      expect(large[command], command).toBeLessThanOrEqual((small[command] ?? 0) + 3 * 9 + 2);
    }
  });
});
