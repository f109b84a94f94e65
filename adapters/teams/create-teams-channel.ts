import {
  type Activity,
  CardFactory,
  CloudAdapter,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Request, Response } from 'express';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import type { ActionChatEvent, ChatEvent, ConversationRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import type { View } from '../../src/chat/view.js';
import type { Logger } from '../../src/observability/create-logger.js';
import {
  actionEventOf,
  conversationOf,
  isAddressedToBot,
  platformOf,
  textEventOf,
} from './activity-to-chat-event.js';
import { boundKeyFetches, defaultKeyFetchLimits } from './bound-key-fetch.js';
import { checkActivity, isRecord } from './check-activity.js';
import {
  createBotAuthentication,
  metadataUrlsOf,
  type TeamsAuthSettings,
} from './create-bot-authentication.js';
import { TeamsChatPort } from './teams-chat-port.js';
import { TeamsUserDirectory } from './teams-user-directory.js';

/** What a click answers: a line, and the card as the clicker should now see it, when there is one. */
export interface ActionAnswer {
  message: string;
  view?: View;
}

export interface TeamsChannelOptions {
  auth: TeamsAuthSettings;
  /** Replaces how outbound tokens are obtained (tests); inbound validation is unchanged. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Runs a command to its end; the channel does not wait for it. */
  onEvent: (event: ChatEvent) => Promise<void>;
  /** Answers a button click at once. */
  onAction: (event: ActionChatEvent) => Promise<ActionAnswer>;
  /** The bot was added to a conversation: greet it once. */
  onInstalled: (conversation: ConversationRef) => Promise<void>;
  newCorrelationId: () => string;
  log: Logger;
}

export interface TeamsChannel {
  /** Express handler for POST /api/messages. */
  handle(request: Request, response: Response): Promise<void>;
  chat: ChatPort;
}

/** The body of an `adaptiveCard/action` invoke response (a card, a message or an error). */
interface CardActionResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/** CloudAdapter.process, minus its console logging and its 500 for bodies we have already checked. */
class RecoveryCloudAdapter extends CloudAdapter {
  /**
   * Authenticates first, then runs the turn: an error while authenticating is the token's (401)
   * or the key set's (503), never the turn's.
   */
  async processChecked(
    authorization: string,
    activity: Activity,
    onlyChannel: string | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      throw asAuthenticationError(error);
    }
    if (onlyChannel && activity.channelId !== onlyChannel) throw new ChannelRefusedError(activity.channelId);
    return this.processActivity(authenticated, activity, logic);
  }
}

/** An authenticated activity from a Bot Framework channel the bot does not serve. */
class ChannelRefusedError extends Error {
  constructor(readonly channelId: string) {
    super(`Bot Framework channel ${channelId} is not served`);
  }
}

/**
 * botframework-connector throws AuthenticationError for most refusals, but lets jsonwebtoken's
 * own errors through (a bad signature, `alg: none`, a token not valid yet) and node-fetch's when
 * the OpenID metadata cannot be reached.
 */
function asAuthenticationError(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const tokenError = ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'].includes(name);
  return new AuthenticationError(message, tokenError ? 401 : 503);
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';

/**
 * Bot Framework in and out: Teams, and the local chat page, which speaks the same protocol. With an
 * app id every request must carry a valid Bot Framework JWT (botbuilder's validation); without one
 * authentication is off and src/http admits this machine only.
 */
export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { log } = options;
  const adapter = new RecoveryCloudAdapter(createBotAuthentication(options.auth, options.credentialsFactory));
  // botbuilder's key fetch has no time-out and forgets failures: bound it (bound-key-fetch.ts).
  if (options.auth.MicrosoftAppId) boundKeyFetches(metadataUrlsOf(options.auth), defaultKeyFetchLimits, log);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'Bot Framework turn failed');
  };
  const directory = new TeamsUserDirectory();
  const bot = new RecoveryTeamsBot(options, directory);
  return {
    chat: new TeamsChatPort(adapter, {
      appId: options.auth.MicrosoftAppId,
      audience: options.auth.ToChannelFromBotOAuthScope || AuthenticationConstants.ToChannelFromBotOAuthScope,
      directory,
      log,
    }),
    async handle(request, response) {
      const checked = checkActivity(request.body);
      if (!checked.ok) {
        log.info({ reason: checked.reason, ip: request.ip }, 'Bot Framework activity refused');
        response.status(400).json({ error: checked.reason });
        return;
      }
      const authorization = request.headers.authorization ?? '';
      try {
        // With authentication on, only Teams: other Bot Framework channels (Web Chat is on by
        // default on an Azure Bot) let the client say who it is, and authorization trusts
        // from.aadObjectId. Checked once the token holds, so strangers still get 401.
        const onlyChannel = options.auth.MicrosoftAppId ? 'msteams' : undefined;
        const invoke = await adapter.processChecked(authorization, checked.activity, onlyChannel, (context) =>
          bot.run(context),
        );
        response.status(invoke?.status ?? 200);
        if (invoke?.body === undefined) response.end();
        else response.json(invoke.body);
      } catch (error) {
        if (error instanceof ChannelRefusedError) {
          log.warn({ channelId: error.channelId }, 'Bot Framework activity from another channel refused');
          response.status(403).json({ error: 'This bot serves Microsoft Teams only.' });
          return;
        }
        if (!(error instanceof AuthenticationError)) throw error;
        // 401 for a token that does not hold; anything else (the key set unreachable) is ours.
        const status = error.statusCode === 401 ? 401 : 503;
        log.warn(
          { reason: error.message, status, ip: request.ip },
          'Bot Framework request not authenticated',
        );
        response
          .status(status)
          .json({ error: status === 401 ? 'unauthorized' : 'cannot verify the token now' });
      }
    },
  };
}

/**
 * The activity handler: messages (typed commands and Action.Submit fallbacks), Universal Action
 * invokes, and installs. Everything it hands on is a platform-neutral ChatEvent.
 */
class RecoveryTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly options: TeamsChannelOptions,
    private readonly directory: TeamsUserDirectory,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id === botId)) await this.welcome(context);
      await next();
    });
    this.onUnrecognizedActivityType(async (context, next) => {
      this.options.log.info({ type: context.activity.type }, 'Bot Framework activity type ignored');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.directory.learn(context.activity);
    await super.run(context);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const response = await this.cardAction(context);
    return { status: response.statusCode, body: response };
  }

  private async message(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const correlationId = this.options.newCorrelationId();
    const submitted = submitActionOf(activity);
    if (submitted) {
      // The Submit fallback has no invoke response to carry the answer: the line goes in as a
      // reply (seen by the whole conversation, so not the clicker's own card); the card itself is
      // updated for everyone.
      const answer = await this.answer(actionEventOf(activity, submitted, correlationId));
      // As a card: its renderer escapes the text, which may quote what the button carried.
      if (answer.message) await context.sendActivity(lineMessage(answer.message));
      return;
    }
    if (!isAddressedToBot(activity)) {
      this.options.log.debug(
        { conversationType: activity.conversation?.conversationType },
        'message not addressed to the bot',
      );
      return;
    }
    void this.options.onEvent(textEventOf(activity, correlationId));
  }

  /**
   * An Action.Execute click. The response is never empty (Teams would retry, and the click run
   * twice): the card as the clicker should now see it, a short message, or an error.
   */
  private async cardAction(context: TurnContext): Promise<CardActionResponse> {
    const action = executeActionOf(context.activity);
    if (!action) {
      this.options.log.info({ value: typeof context.activity.value }, 'card action without a verb refused');
      return {
        statusCode: 400,
        type: ERROR,
        value: { code: 'BadRequest', message: 'That button sent nothing the bot understands.' },
      };
    }
    const event = actionEventOf(context.activity, action, this.options.newCorrelationId());
    const answer = await this.answer(event);
    // The local page is one screen shared by every demo identity: a card made for one clicker
    // would hide the buttons from the next, so it gets the line, and the card updates for all.
    if (answer.view && platformOf(context.activity) === 'teams') {
      const personalFor = answer.view.personal ? [event.actor.id] : undefined;
      return { statusCode: 200, type: CARD, value: renderAdaptiveCard(answer.view, { personalFor }) };
    }
    return { statusCode: 200, type: MESSAGE, value: answer.message };
  }

  /** The router's answer, or an error card with a reference when it failed. */
  private async answer(event: ActionChatEvent): Promise<ActionAnswer> {
    try {
      return await this.options.onAction(event);
    } catch (error) {
      this.options.log.error(
        { err: error, correlationId: event.correlationId, verb: event.verb },
        'card action failed',
      );
      return {
        message: `Something went wrong (ref ${event.correlationId}).`,
        view: {
          kind: 'error',
          title: 'That click did not go through',
          tone: 'attention',
          summary: `Something went wrong (ref ${event.correlationId}). Nothing was decided; try again in a minute.`,
        },
      };
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    try {
      await this.options.onInstalled(conversationOf(context.activity));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not post the welcome message');
    }
  }
}

function executeActionOf(activity: Activity): { verb: string; data: Record<string, unknown> } | undefined {
  const value = isRecord(activity.value) ? activity.value : undefined;
  const action = isRecord(value?.action) ? value.action : undefined;
  if (typeof action?.verb !== 'string' || action.verb.length === 0 || action.verb.length > 64)
    return undefined;
  return { verb: action.verb, data: isRecord(action.data) ? action.data : {} };
}

/** The Action.Submit fallback: a message with no text and the button's data (with its verb) as value. */
function submitActionOf(activity: Activity): { verb: string; data: Record<string, unknown> } | undefined {
  if (activity.text?.trim() || !isRecord(activity.value) || typeof activity.value.verb !== 'string')
    return undefined;
  return { verb: activity.value.verb, data: activity.value };
}

/** A one-line answer as a small card (escaped like every card), for the Submit fallback. */
function lineMessage(text: string): Partial<Activity> {
  return {
    type: 'message',
    summary: text.slice(0, 250),
    attachments: [CardFactory.adaptiveCard(renderAdaptiveCard({ kind: 'click-answer', title: text }))],
  };
}
