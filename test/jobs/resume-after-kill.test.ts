import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';

/** Starts the real bot process (the same entry as `npm start`) and resolves with its URL once ready. */
function startBotProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '20', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /"url":"(http:\/\/localhost:\d+)".*"msg":"bot ready"/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: ready[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

async function say(url: string, connector: FakeBotConnector, conversationId: string, text: string) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `in-${conversationId}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:alice', name: 'alice', aadObjectId: '00000000-0000-0000-0000-0000000a11ce' },
      recipient: { id: '28:bot', name: 'Recovery bot' },
      conversation: { id: conversationId },
      text,
    }),
  });
  expect(response.status).toBe(200);
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a job survives SIGKILL of the bot', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-kill-'));
  const connector = new FakeBotConnector();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes a snapshot set after a restart, in the same message, exactly once', async () => {
    await connector.start();
    const first = await startBotProcess(dataDir);
    children.push(first.child);
    await say(first.url, connector, 'kill-conv', 'snapshot vm-sql-01');
    const last = () => cardText(connector.inConversation('kill-conv')[0]?.versions.at(-1));
    await until(() => last().includes('Snapshotting vm-sql-01'), 'the progress card');
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(last()).not.toContain('created');

    const second = await startBotProcess(dataDir);
    children.push(second.child);
    await until(() => last().includes('Snapshot set of vm-sql-01 created'), 'the resumed result', 60_000);
    expect(connector.inConversation('kill-conv')).toHaveLength(1);
    const setId = /vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/.exec(last())?.[0];

    await say(second.url, connector, 'kill-check', 'snapshots vm-sql-01');
    await until(
      () => cardText(connector.inConversation('kill-check')[0]?.versions.at(-1)).includes('Snapshot sets'),
      'the set list',
    );
    const listed = cardText(connector.inConversation('kill-check')[0]?.versions.at(-1));
    expect(listed.match(/vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/g)).toEqual([setId]);
    expect(listed).toContain('1 set(s)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.inConversation('kill-conv')).toHaveLength(1);
  }, 120_000);
});
