import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { computeClient, diskId, fast, startSimulator } from './simulator-test-kit.js';

/**
 * Simulated time is real time (plus what the admin API adds), so timestamps agree with the bot's
 * clock as Azure's do; speed only compresses how long operations take.
 */
describe('simulator clock', () => {
  it('stamps resources with the real time and compresses durations by speed', async () => {
    let realMs = Date.parse('2026-11-24T07:00:00Z');
    const simulator = await startSimulator({ speed: 60, now: () => realMs });
    const client = computeClient(simulator);
    const poller = client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'clock-test',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-shop-prod', 'vm-web-01-osdisk') },
        incremental: true,
      },
      fast,
    );
    await poller.submitted();
    const created = await client.snapshots.get('rg-shop-prod', 'clock-test');
    expect(created.timeCreated?.toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(created.provisioningState).not.toBe('Succeeded');
    // An incremental snapshot takes Azure a few tens of seconds; at speed 60, under a real second.
    realMs += 1_000;
    const done = await poller;
    expect(done.provisioningState).toBe('Succeeded');
    await simulator.close();
  });

  it('moves forward only through the admin API, and keeps the offset across a restart', async () => {
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sim-clock-')), 'state.json');
    let realMs = Date.parse('2026-11-24T07:00:00Z');
    const first = await startSimulator({ stateFile, now: () => realMs });
    const advanced = await admin(first, 'POST', 'clock', { advanceSeconds: 86_400 });
    expect(advanced).toEqual({ simulatedTime: '2026-11-25T07:00:00.000Z' });
    await first.close();
    realMs += 60_000;
    const second = await startSimulator({ stateFile, now: () => realMs });
    expect(await admin(second, 'GET', 'state')).toMatchObject({ simulatedTime: '2026-11-25T07:01:00.000Z' });
    await second.close();
  });

  it('refuses an advance that would break the clock, before applying it, and keeps serving ARM', async () => {
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sim-clock-')), 'state.json');
    const realMs = Date.parse('2026-11-24T07:00:00Z');
    const first = await startSimulator({ stateFile, now: () => realMs });
    for (const advanceSeconds of [1e14, 10 * 365 * 24 * 3600 + 1, -1]) {
      const refused = await first.handle({
        method: 'POST',
        url: 'https://management.azure.com/_simulator/clock',
        headers: {},
        body: JSON.stringify({ advanceSeconds }),
      });
      expect(refused.status).toBe(400);
    }
    expect(await admin(first, 'GET', 'state')).toMatchObject({ simulatedTime: '2026-11-24T07:00:00.000Z' });
    const client = computeClient(first);
    expect((await client.virtualMachines.get('rg-dev', 'vm-dev-01')).name).toBe('vm-dev-01');
    // Ten years at once is the most one call moves.
    expect(await admin(first, 'POST', 'clock', { advanceSeconds: 10 * 365 * 24 * 3600 })).toEqual({
      simulatedTime: '2036-11-21T07:00:00.000Z',
    });
    await first.close();
    const second = await startSimulator({ stateFile, now: () => realMs });
    expect((await computeClient(second).virtualMachines.get('rg-dev', 'vm-dev-01')).name).toBe('vm-dev-01');
    await second.close();
  });
});

async function admin(simulator: Simulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await simulator.handle({
    method,
    url: `https://management.azure.com/_simulator/${path}`,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return JSON.parse(response.body ?? '{}');
}
