import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/create-simulator.js';

/** A fault with a probability hits about that share of the requests it matches. */
describe('fault probability', () => {
  it('throttles about a fifth of the matching requests with probability 0.2, and every one without', async () => {
    const simulator = await createSimulator({ speed: 3600 });
    try {
      const admin = (body: unknown) =>
        simulator.handle({
          method: 'POST',
          url: 'https://management.azure.com/_simulator/faults',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const list = () =>
        simulator.handle({
          method: 'GET',
          url: 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01',
          headers: {},
        });
      expect(
        (await admin({ kind: 'throttle', count: -1, probability: 0.2, retryAfterSeconds: 0 })).status,
      ).toBe(201);
      let throttled = 0;
      for (let i = 0; i < 1000; i += 1) if ((await list()).status === 429) throttled += 1;
      expect(throttled).toBeGreaterThan(120);
      expect(throttled).toBeLessThan(280);
      expect((await admin({ kind: 'throttle', probability: 0 })).status).toBe(400);
    } finally {
      await simulator.close();
    }
  });
});
