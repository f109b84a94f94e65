import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot } from '../support/start-test-bot.js';

/** Graceful shutdown: running commands finish and report, new ones are told to retry, open pages do not hold it up. */
describe('shutting down', () => {
  it('finishes the snapshot in flight, turns newcomers away, and closes despite an open chat page', async () => {
    // Speed 10: a snapshot of vm-web-01 takes about two real seconds.
    const bot = await startTestBot({ SIMULATOR_SPEED: '10' });
    const stream = new AbortController();
    const page = await fetch(`${bot.bot.url}/console/stream?conversationId=watcher`, {
      signal: stream.signal,
    });
    expect(page.status).toBe(200);

    const { conversationId } = await bot.send('snapshot vm-web-01');
    await bot.waitFor(conversationId, (t) => t.includes('Snapshotting vm-web-01'));
    const closing = bot.bot.close();
    const late = await bot.send('vms');
    await bot.waitFor(late.conversationId, (t) => t.includes('The bot is restarting'));

    const started = Date.now();
    await closing;
    expect(Date.now() - started).toBeLessThan(15_000);
    const message = bot.connector.inConversation(conversationId)[0];
    expect(cardText(message?.versions.at(-1))).toContain('Snapshot set of vm-web-01 created');
    stream.abort();
    await bot.connector.stop();
    rmSync(bot.dataDir, { recursive: true, force: true });
  }, 30_000);
});
