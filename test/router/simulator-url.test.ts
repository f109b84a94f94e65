import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** SIMULATOR_URL: the bot's SDK clients over real HTTP to a separately running simulator. */
describe('the bot against a simulator at SIMULATOR_URL', () => {
  let simulator: Simulator;
  let server: SimulatorServer;
  let bot: TestBot;

  beforeAll(async () => {
    simulator = await createSimulator({ speed: 3600 });
    server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0 });
    bot = await startTestBot({ SIMULATOR_URL: server.httpUrl });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    await simulator?.close();
  });

  it('runs no embedded simulator and reports the URL it uses', async () => {
    expect(bot.bot.simulator).toBeUndefined();
    const health = (await (await fetch(`${bot.bot.url}/healthz`)).json()) as { simulator: string };
    expect(health.simulator).toBe(server.httpUrl);
  });

  it('takes a snapshot set over HTTP, long-running operations included', async () => {
    const text = await bot.ask('snapshot vm-api-01', (t) => /created|failed/.test(t));
    expect(text).toContain('Snapshot set of vm-api-01 created');
    const listed = await simulator.handle({
      method: 'GET',
      url: 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Compute/snapshots?api-version=2025-01-02',
      headers: {},
    });
    expect(listed.body).toContain('vm-api-01-');
  });
});
