import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { backupApiVersion, namesOf, operationIdOf, vaultPath } from './backup-test-kit.js';
import { armRequest, at, startSimulator, subscriptionId } from './simulator-test-kit.js';
import { drVaultPath, siteRecoveryApiVersion } from './siterecovery-test-kit.js';

/**
 * `Retry-After` as Azure's own clients read it: a whole number of seconds, never 0 (Azure's Python
 * pollers take 0 for "no hint" and wait 30 s, so `az vm stop` took 32 s), saying when the operation
 * will be done; in its last second a status poll says `retry-after-ms` instead, which the Python
 * pollers read and the JS pollers ignore (they would otherwise trade their own shorter interval for
 * a whole second).
 */
const vmPath = `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines`;

/** A real clock the test moves by hand. */
function manualClock(): { now: () => number; advance(ms: number): void } {
  let real = Date.parse('2025-06-10T08:00:00Z');
  return {
    now: () => real,
    advance(ms) {
      real += ms;
    },
  };
}

function path(url: string | undefined): string {
  const parsed = new URL(url ?? '');
  return `${parsed.pathname}${parsed.search}`;
}

describe('simulator: Retry-After of long-running operations', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('answers a whole number of seconds, at least 1, when the operation is done within a second', async () => {
    simulator = await startSimulator({ speed: 3600 });
    const started = await armRequest(
      simulator,
      'POST',
      `${vmPath}/vm-web-01/powerOff?api-version=2024-11-01`,
    );
    expect(started.status).toBe(202);
    expect(started.headers['retry-after']).toBe('1');
  });

  it('says when a Compute operation will be done, in milliseconds for its last second', async () => {
    const clock = manualClock();
    // Deallocating takes 90 Azure seconds: 1.5 real seconds at speed 60.
    simulator = await startSimulator({ speed: 60, now: clock.now });
    const started = await armRequest(
      simulator,
      'POST',
      `${vmPath}/vm-web-01/deallocate?api-version=2024-11-01`,
    );
    expect(started.status).toBe(202);
    expect(started.headers['retry-after']).toBe('2');
    const status = path(started.headers['azure-asyncoperation']);

    const early = await armRequest(simulator, 'GET', status);
    expect(at(early.json, 'status')).toBe('InProgress');
    expect(early.headers['retry-after']).toBe('2');

    clock.advance(1000);
    const late = await armRequest(simulator, 'GET', status);
    expect(at(late.json, 'status')).toBe('InProgress');
    expect(late.headers['retry-after']).toBeUndefined();
    expect(late.headers['retry-after-ms']).toBe('500');

    clock.advance(500);
    const done = await armRequest(simulator, 'GET', status);
    expect(at(done.json, 'status')).toBe('Succeeded');
    expect(done.headers['retry-after']).toBeUndefined();
    expect(done.headers['retry-after-ms']).toBeUndefined();
  });

  it("answers Azure Backup's on-demand backup with Azure's Retry-After: 60, its status polls like Compute's", async () => {
    const clock = manualClock();
    // The trigger's operation takes 10 Azure seconds: 10 real seconds at speed 1.
    simulator = await startSimulator({ speed: 1, now: clock.now });
    const { container, item } = namesOf('rg-shop-prod', 'vm-web-01');
    const itemPath = `${vaultPath}/backupFabrics/Azure/protectionContainers/${container}/protectedItems/${item}`;
    const started = await armRequest(
      simulator,
      'POST',
      `${itemPath}/backup?api-version=${backupApiVersion}`,
      { properties: { objectType: 'IaasVMBackupRequest' } },
    );
    expect(started.status).toBe(202);
    expect(started.headers['retry-after']).toBe('60');
    const status = path(started.headers['azure-asyncoperation']);
    const running = await armRequest(simulator, 'GET', status);
    expect(at(running.json, 'status')).toBe('InProgress');
    expect(running.headers['retry-after']).toBe('10');
    const result = await armRequest(
      simulator,
      'GET',
      `${itemPath}/operationResults/${operationIdOf(started.headers['azure-asyncoperation'])}?api-version=${backupApiVersion}`,
    );
    expect(result.status).toBe(202);
    expect(result.headers['retry-after']).toBe('10');
  });

  it("answers Site Recovery's 30 seconds as at least 1 at any speed", async () => {
    simulator = await startSimulator({ speed: 3600 });
    const started = await armRequest(
      simulator,
      'POST',
      `${drVaultPath}/replicationRecoveryPlans/shop/testFailover?api-version=${siteRecoveryApiVersion}`,
      {
        properties: {
          failoverDirection: 'PrimaryToRecovery',
          networkType: 'VmNetworkAsInput',
          networkId: `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`,
          providerSpecificDetails: [{ instanceType: 'A2A', recoveryPointType: 'Latest' }],
        },
      },
    );
    expect(started.status).toBe(202);
    expect(started.headers['retry-after']).toBe('1');
    const running = await armRequest(simulator, 'GET', path(started.headers['azure-asyncoperation']));
    expect(at(running.json, 'status')).toBe('InProgress');
    expect(running.headers['retry-after']).toBe('1');
  });
});
