import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { textBuffer } from '../audit/audit-fixtures.js';
import { externalAddress, fromOutside } from '../support/external-address.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

describe('without Teams authentication the bot listens on loopback only', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('cannot be reached from another interface, only at localhost', async () => {
    const refused = await fetch(fromOutside(bot, '/healthz')).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error & { cause?: unknown }).cause)).toContain('ECONNREFUSED');
    expect((await fetch(`${bot.bot.url}/healthz`)).status).toBe(200);
  });
});

describe('HOST widens it, with a loud warning, and the local-only routes still answer this machine only', () => {
  let bot: TestBot;
  const logs = textBuffer();
  beforeAll(async () => {
    bot = await startTestBot({ HOST: '0.0.0.0', LOG_LEVEL: 'warn' }, { logDestination: logs.stream });
  });
  afterAll(async () => bot?.stop());

  it('warns that authentication is off, and refuses /api/messages from another address', async () => {
    expect(logs.text()).toMatch(
      /"level":40.*AUTHENTICATION IS OFF \(no MicrosoftAppId\) and HOST=0\.0\.0\.0/,
    );
    expect((await fetch(fromOutside(bot, '/healthz'))).status).toBe(200);
    const remote = await fetch(fromOutside(bot, '/api/messages'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'audit 5' }),
    });
    expect(remote.status).toBe(403);
    expect(await remote.text()).toContain(`it came from ${externalAddress()}, not from this machine`);
  });
});

describe('with Teams authentication on, Teams must reach it', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => bot?.stop());

  it('listens on every interface', async () => {
    expect((await fetch(fromOutside(bot, '/healthz'))).status).toBe(200);
  });
});

describe('a HOST that is not an address of this machine', () => {
  it('stops the start naming HOST and the fix', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chatops-host-'));
    try {
      await expect(
        startBot({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '192.0.2.254' }),
      ).rejects.toThrow(/HOST=192\.0\.2\.254 is not an address of this machine\. Fix: /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
