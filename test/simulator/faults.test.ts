import { RestError } from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  admin,
  armRequest,
  at,
  collect,
  computeClient,
  diskId,
  fast,
  startSimulator,
} from './simulator-test-kit.js';

const source = diskId('rg-shop-prod', 'vm-api-01-osdisk');
const body = {
  location: 'westeurope',
  creationData: { createOption: 'Copy' as const, sourceResourceId: source },
  incremental: true,
};

describe('simulator: fault injection through the admin API', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('throttles the next matching requests with 429, Retry-After and ARM throttling body', async () => {
    await admin(simulator, 'POST', 'faults', {
      kind: 'throttle',
      match: { method: 'GET', resourceType: 'Microsoft.Compute/virtualMachines' },
      count: 1,
      retryAfterSeconds: 7,
    });
    const throttled = await armRequest(
      simulator,
      'GET',
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=2024-11-01',
    );
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(at(throttled.json, 'error.code')).toBe('SubscriptionRequestsThrottled');
    expect(at(throttled.json, 'error.message')).toContain("Please try again after '7' seconds");
    const next = await armRequest(
      simulator,
      'GET',
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=2024-11-01',
    );
    expect(next.status).toBe(200);
  });

  it('a throttled SDK call is retried by the pipeline and still succeeds', async () => {
    await admin(simulator, 'POST', 'faults', {
      kind: 'throttle',
      match: { pathContains: '/snapshots/snap-throttled' },
      count: 2,
      retryAfterSeconds: 0,
    });
    const client = computeClient(simulator);
    const snapshot = await client.snapshots.createOrUpdate('rg-shop-prod', 'snap-throttled', body, fast);
    expect(snapshot.provisioningState).toBe('Succeeded');
    expect(await admin(simulator, 'GET', 'faults')).toEqual({ faults: [] });
  });

  it('answers injected 500s: retried when transient, surfaced as RestError when they persist', async () => {
    const client = computeClient(simulator);
    await admin(simulator, 'POST', 'faults', {
      kind: 'error',
      match: { method: 'GET', pathContains: 'vm-web-02' },
      count: 1,
    });
    expect((await client.virtualMachines.get('rg-shop-prod', 'vm-web-02')).name).toBe('vm-web-02');
    await admin(simulator, 'POST', 'faults', {
      kind: 'error',
      match: { method: 'GET', pathContains: 'vm-web-02' },
      count: -1,
      status: 500,
    });
    const error = await client.virtualMachines.get('rg-shop-prod', 'vm-web-02').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ statusCode: 500, code: 'InternalServerError' });
    await admin(simulator, 'DELETE', 'faults');
    await admin(simulator, 'POST', 'faults', {
      kind: 'error',
      match: { pathContains: 'vm-web-02' },
      status: 503,
    });
    const unavailable = await armRequest(
      simulator,
      'GET',
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-02?api-version=2024-11-01',
    );
    expect(unavailable.status).toBe(503);
    expect(at(unavailable.json, 'error.code')).toBe('ServiceUnavailable');
  });

  it('fails the next matching long-running operation: the SDK reports the failed LRO, the snapshot is left Failed', async () => {
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-operation',
      match: { method: 'PUT', resourceType: 'Microsoft.Compute/snapshots' },
      code: 'InternalDiskManagementError',
      message: 'An internal disk management error occurred.',
    });
    const client = computeClient(simulator);
    const failure = await client.snapshots
      .createOrUpdate('rg-shop-prod', 'snap-doomed', body, fast)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'The long-running operation has failed. InternalDiskManagementError. An internal disk management error occurred.',
    );
    const left = await client.snapshots.get('rg-shop-prod', 'snap-doomed');
    expect(left.provisioningState).toBe('Failed');
    // Only the next one fails; cleaning up works.
    await client.snapshots.delete('rg-shop-prod', 'snap-doomed', fast);
    const ok = await client.snapshots.createOrUpdate('rg-shop-prod', 'snap-fine', body, fast);
    expect(ok.provisioningState).toBe('Succeeded');
    expect((await collect(client.snapshots.list())).map((s) => s.name)).toEqual(['snap-fine']);
  });

  it('adds latency to matching requests, and validates fault rules', async () => {
    await admin(simulator, 'POST', 'faults', {
      kind: 'latency',
      match: { pathContains: 'vm-dev-01' },
      delayMs: 60,
      count: 1,
    });
    const started = Date.now();
    await computeClient(simulator).virtualMachines.get('rg-dev', 'vm-dev-01');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const rule = (await admin(simulator, 'POST', 'faults', { kind: 'latency', delayMs: 5 })) as {
      id: string;
    };
    expect(await admin(simulator, 'DELETE', `faults/${rule.id}`)).toEqual({ faults: [] });
    expect((await armRequest(simulator, 'DELETE', `/_simulator/faults/${rule.id}`)).status).toBe(404);
    const bad = await armRequest(simulator, 'POST', '/_simulator/faults', { kind: 'explode' });
    expect(bad.status).toBe(400);
  });

  it('applies injected latency before reading the clock: operations due by then are settled', async () => {
    let realMs = Date.parse('2026-11-24T07:00:00Z');
    const slow = await startSimulator({ speed: 1, now: () => realMs });
    const client = computeClient(slow);
    const poller = client.snapshots.createOrUpdate('rg-shop-prod', 'snap-late', body, fast);
    await poller.submitted();
    await admin(slow, 'POST', 'faults', {
      kind: 'latency',
      match: { method: 'GET', pathContains: 'snapshots/snap-late' },
      delayMs: 100,
      count: 1,
    });
    const reading = armRequest(
      slow,
      'GET',
      `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots/snap-late?api-version=2025-01-02`,
    );
    // While the request is delayed, an hour passes.
    await new Promise((resolve) => setTimeout(resolve, 20));
    realMs += 3_600_000;
    const response = await reading;
    expect(at(response.json, 'properties.provisioningState')).toBe('Succeeded');
    expect(response.headers.date).toBe(new Date(realMs).toUTCString());
    await poller;
    await slow.close();
  });
});
