import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';
import type { FakeBotConnector } from './fake-bot-connector.js';
import type { User } from './start-test-bot.js';
import { botAccount, channelMessage, fromUser } from './teams-activities.js';

/**
 * The real bot process (the same entry as `npm start`) for tests that kill it: start, post in a
 * Teams channel thread, click as someone, wait for something.
 */

/** Starts the real bot process and resolves with its URL once ready; `output()` is its log so far. */
export function startBotProcess(
  dataDir: string,
  speed = '20',
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // Its own SQLite in dataDir unless `env` names a database, whatever DATABASE_URL the test run has.
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...inherited, PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: speed, LOG_LEVEL: 'info', ...env },
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
        resolve({ child, url: ready[1], output: () => output });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

/** Posts a command as alice in a Teams channel (a new thread); resolves with the thread's conversation id. */
export async function say(
  url: string,
  connector: FakeBotConnector,
  text: string,
  user: User = 'alice',
): Promise<string> {
  const post = channelMessage(user, text);
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...post, channelId: 'msteams', serviceUrl: connector.url, recipient: botAccount }),
  });
  expect(response.status).toBe(200);
  return post.conversation.id;
}

/** Clicks Approve on an approval card as bob (an Action.Execute invoke). */
export function approve(url: string, connector: FakeBotConnector, approvalId: string): Promise<void> {
  return click(url, connector, 'approval.approve', { approvalId }, 'bob');
}

let clicks = 0;

/**
 * Clicks a card button (an Action.Execute invoke) as `user`. Each click is its own invoke (its own
 * activity id), as in Teams: a second click is not a platform retry of the first.
 */
export async function click(
  url: string,
  connector: FakeBotConnector,
  verb: string,
  data: Record<string, string>,
  user: User,
  conversationId = `click-${Object.values(data).join('-')}-${Date.now()}`,
): Promise<void> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-${conversationId}-${++clicks}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: fromUser(user),
      recipient: botAccount,
      conversation: { id: conversationId },
      // As Teams does: the message that carried the button (the approval's card).
      replyToId: connector.cardMessageIdOf(data.approvalId),
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
    }),
  });
  expect(response.status).toBe(200);
}

export async function until(
  check: () => boolean,
  what: string,
  timeoutMs = 30_000,
  context: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context().slice(-6_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
