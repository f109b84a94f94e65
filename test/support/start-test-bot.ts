import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBot, type StartOptions, startBot } from '../../src/main.js';
import { checkSentActivity } from './check-sent-cards.js';
import { type ConnectorMessage, cardText, FakeBotConnector } from './fake-bot-connector.js';

export const identities = {
  alice: '00000000-0000-0000-0000-0000000a11ce',
  bob: '00000000-0000-0000-0000-000000000b0b',
  carol: '00000000-0000-0000-0000-0000000ca201',
  dave: '00000000-0000-0000-0000-00000000da7e',
  erin: '00000000-0000-0000-0000-0000000e4100',
  stranger: '00000000-0000-0000-0000-00000000beef',
} as const;

export type User = keyof typeof identities;

export interface TestBot {
  bot: RunningBot;
  connector: FakeBotConnector;
  dataDir: string;
  /** Sends `text` as `user` in a new conversation; resolves with that conversation's id. */
  send(
    text: string,
    user?: User,
    conversationId?: string,
  ): Promise<{ conversationId: string; status: number }>;
  /** Waits until a message in the conversation, in its latest version, satisfies `done`. */
  waitFor(
    conversationId: string,
    done: (text: string) => boolean,
    timeoutMs?: number,
  ): Promise<ConnectorMessage>;
  /** Sends and waits for the first message whose text matches. */
  ask(text: string, done: (text: string) => boolean, user?: User): Promise<string>;
  /** Clicks a card button (Action.Execute invoke) as `user`; resolves with the invoke response's text (a card's, flattened). */
  click(verb: string, data: Record<string, string>, user: User, conversationId?: string): Promise<string>;
  /** POSTs any activity to /api/messages (defaults filled in: Teams, the connector's serviceUrl). */
  postActivity(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  /** Moves the simulator's clock and the bot's together, as days passing would. */
  advanceClock(seconds: number): Promise<void>;
  /** GETs an ARM path (with its api-version) from the embedded simulator, as its JSON body. */
  arm<T>(path: string, apiVersion: string): Promise<T>;
  /** Calls the embedded simulator's admin API (fault injection, clock). */
  simulatorAdmin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** How far the bot's clock is ahead of the real one (to start the next bot on the same data there). */
  clockOffsetMs(): number;
  stop(): Promise<void>;
}

/** For a bot that takes over from an earlier one: its data, connector and clock. */
export interface TestBotRestart {
  dataDir: string;
  connector: FakeBotConnector;
  clockOffsetMs: number;
}

let conversationCounter = 0;
/** Every activity gets its own id: the bot runs each delivery (activity id) once. */
let activityCounter = 0;

/** The Teams user id the fake connector's roster gives each test identity. */
export function teamsIdOf(user: User): string {
  return `29:${user}`;
}

/** What a test may pass to startBot (the clock is the test bot's own). */
export type StartTestBotOptions = Omit<StartOptions, 'now'>;

export async function startTestBot(
  env: Record<string, string> = {},
  options: StartTestBotOptions = {},
  restart?: TestBotRestart,
): Promise<TestBot> {
  const dataDir = restart?.dataDir ?? mkdtempSync(join(tmpdir(), 'chatops-test-'));
  const connector = restart?.connector ?? new FakeBotConnector();
  if (!restart) {
    await connector.start();
    for (const [user, aadObjectId] of Object.entries(identities)) {
      connector.addMember({ id: teamsIdOf(user as User), name: user, aadObjectId });
    }
  }
  let clockOffsetMs = restart?.clockOffsetMs ?? 0;
  const bot = await startBot(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      SIMULATOR_SPEED: '3600',
      LOG_LEVEL: 'silent',
      // Tests run many changes and reads a minute as one person; test/router/*-rate-limits set their own.
      RATE_LIMIT_USER_PER_MINUTE: '1000',
      RATE_LIMIT_CHANNEL_PER_MINUTE: '1000',
      RATE_LIMIT_READS_PER_MINUTE: '1000',
      ...env,
    },
    { ...options, now: () => new Date(Date.now() + clockOffsetMs) },
  );
  const postActivity: TestBot['postActivity'] = async (activity, headers = {}) => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: connector.url,
        recipient: { id: '28:bot', name: 'Recovery bot' },
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  };
  const send: TestBot['send'] = async (
    text,
    user = 'alice',
    conversationId = `conv-${process.pid}-${++conversationCounter}`,
  ) => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `in-${++activityCounter}`,
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: `29:${user}`, name: user, aadObjectId: identities[user] },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: conversationId, conversationType: 'personal' },
        text,
        timestamp: new Date().toISOString(),
      }),
    });
    return { conversationId, status: response.status };
  };
  const waitFor: TestBot['waitFor'] = async (conversationId, done, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = connector.inConversation(conversationId).find((m) => done(cardText(m.versions.at(-1))));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const seen = connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));
    throw new Error(`Timed out waiting in ${conversationId}; saw:\n${seen.join('\n---\n') || '(nothing)'}`);
  };
  const simulatorAdmin: TestBot['simulatorAdmin'] = async (method, path, body) => {
    const simulator = bot.simulator;
    if (!simulator) throw new Error('This test bot runs no embedded simulator.');
    const response = await simulator.handle({
      method,
      url: `https://management.azure.com/_simulator/${path}`,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.body ? JSON.parse(response.body) : undefined };
  };
  const click: TestBot['click'] = async (
    verb,
    data,
    user,
    conversationId = `click-${++conversationCounter}`,
  ) => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `invoke-${++activityCounter}`,
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: `29:${user}`, name: user, aadObjectId: identities[user] },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: conversationId },
        // As Teams does: the message that carried the button (the approval's card, found by its id).
        replyToId: connector.cardMessageIdOf(data.approvalId),
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      }),
    });
    const body = (await response.json()) as { type?: string; value?: unknown };
    // A card answer (the approval as the clicker now sees it) is flattened to its text.
    if (body.type === 'application/vnd.microsoft.card.adaptive') {
      // The invoke's answer is a card Teams shows as it is: read like every card the bot sends.
      checkSentActivity({ attachments: [{ contentType: body.type, content: body.value }] });
      return cardText({ attachments: [{ content: body.value }] });
    }
    return String(body.value ?? '');
  };
  return {
    bot,
    connector,
    click,
    postActivity,
    dataDir,
    send,
    waitFor,
    simulatorAdmin,
    async arm<T>(path: string, apiVersion: string): Promise<T> {
      const response = await bot.simulator?.handle({
        method: 'GET',
        url: `https://management.azure.com${path}?api-version=${apiVersion}`,
        headers: {},
      });
      if (!response) throw new Error('This test bot runs no embedded simulator.');
      return JSON.parse(response.body ?? '{}') as T;
    },
    async ask(text, done, user = 'alice') {
      const { conversationId } = await send(text, user);
      const message = await waitFor(conversationId, done);
      return cardText(message.versions.at(-1));
    },
    async advanceClock(seconds) {
      // The bot's clock first: a poll between the two moves then sees the bot ahead of Azure (its
      // own deadlines due), never Azure ahead of the bot, which one real clock never shows either.
      clockOffsetMs += seconds * 1000;
      const moved = await simulatorAdmin('POST', 'clock', { advanceSeconds: seconds });
      if (moved.status !== 200) {
        clockOffsetMs -= seconds * 1000;
        throw new Error(`clock advance refused: ${JSON.stringify(moved.body)}`);
      }
    },
    clockOffsetMs: () => clockOffsetMs,
    async stop() {
      await bot.close();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
