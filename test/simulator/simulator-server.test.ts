import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComputeManagementClient } from '@azure/arm-compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import {
  collect,
  diskId,
  fakeCredential,
  fast,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';

describe('simulator: HTTP and HTTPS servers with the real SDK client', () => {
  let simulator: Simulator;
  let server: SimulatorServer;
  let certDir: string;

  beforeAll(async () => {
    simulator = await startSimulator();
    certDir = await mkdtemp(join(tmpdir(), 'azure-sim-cert-'));
    server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0, certDir });
  }, 30_000);

  afterAll(async () => {
    await server.close();
    await simulator.close();
    await rm(certDir, { recursive: true, force: true });
  });

  it('writes the CA certificate it serves under to certDir', async () => {
    expect(server.certFile.startsWith(certDir)).toBe(true);
    expect(await readFile(server.certFile, 'utf8')).toBe(server.caCertPem);
    expect(server.caCertPem).toContain('BEGIN CERTIFICATE');
    expect(server.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the SDK over HTTPS when the generated CA is trusted (tlsOptions.ca)', async () => {
    const client = new ComputeManagementClient(fakeCredential, subscriptionId, {
      endpoint: server.httpsUrl.replace('127.0.0.1', 'localhost'),
      tlsOptions: { ca: server.caCertPem },
    });
    const vms = await collect(client.virtualMachines.list('rg-crm-prod'));
    expect(vms.map((vm) => vm.name).sort()).toEqual(['vm-crm-01', 'vm-crm-02']);
    const snapshot = await client.snapshots.createOrUpdate(
      'rg-crm-prod',
      'snap-over-https',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-crm-prod', 'vm-crm-01-osdisk') },
      },
      fast,
    );
    expect(snapshot.provisioningState).toBe('Succeeded');
    expect(snapshot.id).toContain('/snapshots/snap-over-https');
  });

  it('refuses the HTTPS connection when the CA is not trusted', async () => {
    const client = new ComputeManagementClient(fakeCredential, subscriptionId, {
      endpoint: server.httpsUrl,
      retryOptions: { maxRetries: 0 },
    });
    await expect(client.virtualMachines.get('rg-crm-prod', 'vm-crm-01')).rejects.toThrow(/certificate/i);
  });

  it('serves the SDK over plain HTTP with allowInsecureConnection and the bearer policy removed', async () => {
    const client = new ComputeManagementClient(fakeCredential, subscriptionId, {
      endpoint: server.httpUrl,
      allowInsecureConnection: true,
    });
    client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
    const vm = await client.virtualMachines.get('rg-dev', 'vm-dev-01', { expand: 'instanceView' });
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
    const deleted = await client.snapshots.delete('rg-crm-prod', 'snap-over-https', fast);
    expect(deleted).toBeUndefined();
    const response = await fetch(`${server.httpUrl}/_simulator/state`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { speed: number }).speed).toBe(3600);
  });
});
