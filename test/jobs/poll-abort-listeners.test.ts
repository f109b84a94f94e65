import { getEventListeners } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AzureRequestError } from '../../src/azure/azure-port.js';
import type { View } from '../../src/chat/view.js';
import { followUntil } from '../../src/operations/backup/follow-backup-job.js';
import type { OperationContext } from '../../src/operations/operation.js';

// A job's signal lives as long as the process (the bot's shutdown aborts it). Every poll waits
// on it; a wait that leaves its abort listener behind grows memory by one closure per poll, for
// every job, for as long as the bot runs (found by the soak test).
describe('following a job', () => {
  it('leaves no abort listener behind after hundreds of polls, answered or failed', async () => {
    const shutdown = new AbortController();
    const shown: View[] = [];
    const context = {
      signal: shutdown.signal,
      log: pino({ level: 'silent' }),
      progress: { show: async (view: View) => void shown.push(view) },
    } as unknown as OperationContext;
    let reads = 0;
    const result = await followUntil(context, {
      read: async () => {
        reads += 1;
        if (reads % 3 === 0)
          throw new AzureRequestError('Too many requests', 429, 'TooManyRequests', undefined);
        return reads;
      },
      isDone: (value) => value >= 400,
      onProgress: (value) => ({ kind: 'backup-progress', title: `poll ${value}` }),
      intervalMs: 0,
      fallbackView: { kind: 'backup-progress', title: 'job' },
      lost: () => new Error('lost'),
    });
    expect(result).toBeGreaterThanOrEqual(400);
    expect(shown.length).toBeGreaterThan(390);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('still stops at once when the bot shuts down mid-wait', async () => {
    const shutdown = new AbortController();
    const context = {
      signal: shutdown.signal,
      log: pino({ level: 'silent' }),
      progress: { show: async () => undefined },
    } as unknown as OperationContext;
    const following = followUntil(context, {
      read: async () => 1,
      isDone: () => false,
      onProgress: () => ({ kind: 'backup-progress', title: 'poll' }),
      intervalMs: 60_000,
      fallbackView: { kind: 'backup-progress', title: 'job' },
      lost: () => new Error('lost'),
    });
    setTimeout(() => shutdown.abort(new Error('shutting down')), 20);
    const started = Date.now();
    await expect(following).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
