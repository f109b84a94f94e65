import {
  App,
  type BlockAction,
  LogLevel,
  type SlackAction,
  type Logger as SlackLogger,
  type SlashCommand,
  SocketModeReceiver,
} from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Request, Response } from 'express';
import { parseButtonValue } from '../../cards/block-kit.js';
import { escapeSlackText } from '../../cards/quote-for-client.js';
import type { ActionChatEvent, ChatEvent } from '../../src/chat/chat-event.js';
import type { Logger } from '../../src/observability/create-logger.js';
import { RecentDeliveries } from './recent-deliveries.js';
import { SlackChatPort } from './slack-chat-port.js';
import { SlackHttpReceiver } from './slack-http-receiver.js';
import {
  commandTextOfSlack,
  slackActionEvent,
  slackActor,
  slackConversation,
  slackTextEvent,
} from './slack-to-chat-event.js';
import { SlackUserNames } from './slack-user-names.js';

export interface SlackChannelOptions {
  botToken: string;
  /** HTTP mode: requests to /slack/events are verified with it. */
  signingSecret?: string;
  /** Socket Mode (an app-level token, xapp-): no public URL needed. Wins over HTTP mode. */
  appToken?: string;
  /** Web API base URL (proxies, tests); Slack's own when unset. */
  apiUrl?: string;
  /** The slash command's name, as created in the Slack app. */
  command: string;
  onEvent: (event: ChatEvent) => Promise<void>;
  onAction: (event: ActionChatEvent) => Promise<{ message: string }>;
  newCorrelationId: () => string;
  log: Logger;
}

export interface SlackHealth {
  mode: 'http' | 'socket';
  /** Socket Mode: whether the WebSocket to Slack is up, and since when it has been as it is. */
  connected?: boolean;
  since?: string;
  /** False when Slack cannot reach this bot (a socket down for longer than a reconnect takes). */
  ok: boolean;
}

export interface SlackChannel {
  mode: 'http' | 'socket';
  /** Express handler for POST /slack/events (HTTP mode; undefined in Socket Mode). */
  handle?: (request: Request, response: Response) => Promise<void>;
  chat: SlackChatPort;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): SlackHealth;
}

/** How long a dropped socket may take to come back before /healthz says Slack cannot reach us. */
const reconnectGraceMs = 30_000;

/**
 * Slack in and out, with Bolt: the slash command, @mentions in channels and direct messages in;
 * Block Kit out through the Web API. HTTP mode mounts on the bot's own server (/slack/events);
 * Socket Mode holds a WebSocket to Slack instead. Every command and click is acked before anything
 * else happens, so Slack hears back in milliseconds whatever Azure is doing.
 */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { log } = options;
  const logger = boltLogger(log);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.apiUrl,
    // Slack's own default retries for half an hour; a chat answer that late is no answer.
    retryConfig: { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 8_000 },
    logger,
  };
  const socket = options.appToken
    ? new SocketModeReceiver({
        appToken: options.appToken,
        logger,
        // The socket client keeps its own (long) retries: giving up on apps.connections.open
        // during a network outage would end Socket Mode for good.
        installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
      })
    : undefined;
  const http = socket
    ? undefined
    : new SlackHttpReceiver({ signingSecret: options.signingSecret ?? '', log });
  const client = new WebClient(options.botToken, clientOptions);
  const app = new App({
    receiver: socket ?? http,
    authorize: createAuthorize(client, options.botToken),
    clientOptions,
    logger,
    socketMode: socket !== undefined,
  });
  const chat = new SlackChatPort(client);
  const names = new SlackUserNames(client, log);
  const state = { connected: false, since: Date.now() };
  const watchdog = socket ? watchSocket(socket, state, log) : undefined;
  registerListeners(app, options, chat, names);
  app.error(async (error) => {
    log.error({ err: error }, 'Slack listener failed');
  });
  return {
    mode: socket ? 'socket' : 'http',
    handle: http ? (request, response) => http.handle(request, response) : undefined,
    chat,
    async start() {
      if (!socket) return;
      // A Slack outage at start must not stop the bot; the client keeps reconnecting.
      app.start().catch((error: unknown) => log.error({ err: error }, 'Slack Socket Mode did not connect'));
    },
    async stop() {
      if (watchdog) clearInterval(watchdog);
      if (socket)
        await app.stop().catch((error: unknown) => log.warn({ err: error }, 'Slack socket close failed'));
    },
    health() {
      if (!socket) return { mode: 'http', ok: true };
      const down = !state.connected && Date.now() - state.since > reconnectGraceMs;
      return {
        mode: 'socket',
        connected: state.connected,
        since: new Date(state.since).toISOString(),
        ok: !down,
      };
    },
  };
}

function registerListeners(
  app: App,
  options: SlackChannelOptions,
  chat: SlackChatPort,
  names: SlackUserNames,
): void {
  const { log } = options;
  /**
   * Starts the work after the ack, on a later turn of the event loop: requests that arrived in
   * the same burst are read and acked first, instead of each waiting behind the work of those
   * before it.
   */
  const background = (work: () => Promise<unknown>, what: string) => {
    setImmediate(() => {
      work().catch((error: unknown) => log.error({ err: error }, `Slack ${what} failed`));
    });
  };

  const slashCommands = new RecentDeliveries();
  app.command(options.command, async ({ command, ack, respond }) => {
    await ack();
    if (!slashCommands.first(command.trigger_id)) {
      options.log.info({ triggerId: command.trigger_id }, 'replayed slash command ignored');
      return;
    }
    background(() => onSlashCommand(command, options, chat, respond), 'slash command');
  });

  app.event('app_mention', async ({ event, body, context }) => {
    if (!event.user || event.bot_id) return;
    const actor = slackActor(event.user, await names.nameOf(event.user));
    const conversation = slackConversation(event.channel, event.thread_ts ?? event.ts);
    const text = commandTextOfSlack(event.text, context.botUserId);
    background(
      () =>
        options.onEvent(
          slackTextEvent({
            actor,
            conversation,
            text,
            deliveryId: body.event_id,
            correlationId: options.newCorrelationId(),
          }),
        ),
      'mention',
    );
  });

  app.message(async ({ message, body, context }) => {
    // Direct messages to the bot only, typed by a person (no edits, joins or bot posts).
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message)) return;
    if (!message.user || message.bot_id) return;
    const actor = slackActor(message.user, await names.nameOf(message.user));
    const conversation = slackConversation(message.channel, message.thread_ts);
    const text = commandTextOfSlack(message.text ?? '', context.botUserId);
    background(
      () =>
        options.onEvent(
          slackTextEvent({
            actor,
            conversation,
            text,
            deliveryId: body.event_id as string,
            correlationId: options.newCorrelationId(),
          }),
        ),
      'direct message',
    );
  });

  app.action(/.*/, async ({ ack, body, action, respond }) => {
    await ack();
    background(() => onClick(body, action, options, chat, respond), 'button click');
  });
}

/**
 * A slash command is invisible to everyone but its author. The bot first posts who ran what in
 * the channel, and answers in that message's thread; where it cannot post (not invited), it says
 * so to the author alone and runs nothing.
 */
async function onSlashCommand(
  command: SlashCommand,
  options: SlackChannelOptions,
  chat: SlackChatPort,
  respond: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>,
): Promise<void> {
  const text = commandTextOfSlack(command.text) || 'help';
  // A backtick would end the code span early and show the rest as mrkdwn: quotes stay readable.
  const shown = text.replaceAll('`', "'").slice(0, 300);
  let threadTs: string;
  try {
    threadTs = await chat.announce(
      command.channel_id,
      `<@${command.user_id}> ran \`${command.command} ${escapeSlackText(shown)}\``,
    );
  } catch (error) {
    options.log.info(
      { err: error, channel: command.channel_id },
      "cannot post in the slash command's channel",
    );
    await respond({
      response_type: 'ephemeral',
      text: `I am not a member of this conversation, so I did nothing. Invite me with \`/invite @Recovery bot\`, or send me the command in a direct message.`,
    });
    return;
  }
  await options.onEvent(
    slackTextEvent({
      actor: slackActor(command.user_id, command.user_name),
      conversation: slackConversation(command.channel_id, threadTs),
      text,
      deliveryId: command.trigger_id,
      correlationId: options.newCorrelationId(),
    }),
  );
}

/**
 * A button click: the router decides; the line it answers goes to the clicker alone. Whatever
 * fails, the clicker hears about it (with a reference), through the click's response_url when
 * an ephemeral message cannot be posted.
 */
async function onClick(
  body: SlackAction,
  action: unknown,
  options: SlackChannelOptions,
  chat: SlackChatPort,
  respond: (message: {
    response_type: 'ephemeral';
    replace_original: false;
    text: string;
  }) => Promise<unknown>,
): Promise<void> {
  if (body.type !== 'block_actions') return;
  const click = body as BlockAction;
  const channel = click.channel?.id ?? click.container?.channel_id ?? '';
  const messageTs = click.message?.ts ?? click.container?.message_ts;
  const threadTs = (click.message?.thread_ts as string | undefined) ?? messageTs;
  const actor = slackActor(click.user.id, click.user.name ?? click.user.username);
  const conversation = slackConversation(channel, threadTs);
  const correlationId = options.newCorrelationId();
  const answer = async (text: string) => {
    try {
      await chat.tell(actor, conversation, text);
    } catch (error) {
      options.log.info({ err: error }, 'ephemeral click answer failed; answering through response_url');
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  };
  // A link button (View.links): Slack opened the page; there is nothing for the bot to do.
  if (typeof (action as { url?: unknown }).url === 'string') return;
  const value = (action as { value?: unknown }).value;
  const button = typeof value === 'string' ? parseButtonValue(value) : undefined;
  if (!button) {
    await answer('That button sent nothing the bot understands.');
    return;
  }
  const event = slackActionEvent({
    actor,
    conversation,
    messageTs,
    verb: button.verb,
    data: button.data,
    deliveryId: click.trigger_id,
    correlationId,
  });
  let message: string;
  try {
    message = (await options.onAction(event)).message;
  } catch (error) {
    options.log.error({ err: error, correlationId }, 'Slack click failed');
    message = `Something went wrong (ref ${correlationId}). Nothing was decided; try again in a minute.`;
  }
  if (message) await answer(escapeSlackText(message));
}

function watchSocket(
  receiver: SocketModeReceiver,
  state: { connected: boolean; since: number },
  log: Logger,
): NodeJS.Timeout {
  const mark = (connected: boolean) => {
    if (state.connected === connected) return;
    state.connected = connected;
    state.since = Date.now();
    log.info({ connected }, connected ? 'Slack socket connected' : 'Slack socket disconnected');
  };
  receiver.client.on('connected', () => mark(true));
  receiver.client.on('disconnected', () => mark(false));
  receiver.client.on('reconnecting', () => mark(false));
  // The client reconnects by itself; should it give up (a long outage, a rejected token), start
  // it again once a minute rather than stay deaf until someone restarts the bot.
  let restarting = false;
  const watchdog = setInterval(() => {
    if (state.connected || restarting || Date.now() - state.since < 60_000) return;
    restarting = true;
    receiver.client
      .start()
      .catch((error: unknown) => log.warn({ err: error }, 'Slack socket could not reconnect; will try again'))
      .finally(() => {
        restarting = false;
      });
  }, 60_000);
  watchdog.unref();
  return watchdog;
}

/**
 * Bolt's authorization for one workspace: the bot's identity from `auth.test`, asked when the
 * first request arrives and again after a failure (Bolt's own would ask at construction and keep a
 * failed answer for ever: a Slack outage at start would leave the bot deaf until restarted).
 */
function createAuthorize(client: WebClient, botToken: string) {
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then((answer) => ({
      botId: answer.bot_id,
      botUserId: answer.user_id,
      teamId: answer.team_id,
    }));
    try {
      return { botToken, ...(await identity) };
    } catch (error) {
      identity = undefined;
      throw error;
    }
  };
}

/** Bolt and the Web API log through pino, at our level, as one component. */
function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack' });
  const line = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    // Slack's debug lines can hold connection URLs with their tickets: trace only, and never one
    // that carries a payload (a file-restore script and its password travel in a request body).
    debug: (...parts: unknown[]) => {
      const text = line(parts);
      if (!carriesPayload(text)) child.trace(text);
    },
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    // pino's level (LOG_LEVEL) decides; Bolt's own level and name settings are not used.
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * Whether a Slack or Bolt debug line prints what travels (`http request body: {...}`, `http request
 * result`, headers, `Received a message on the WebSocket: ...`, ack bodies, event bodies, socket
 * URLs): anything with JSON, a URL or one of those words. Such lines are dropped, not masked: the
 * bot cannot know every secret a message holds.
 */
function carriesPayload(text: string): boolean {
  return /[{[]|\w+:\/\/|\b(body|payload|result|headers|data|message)\b/i.test(text);
}
