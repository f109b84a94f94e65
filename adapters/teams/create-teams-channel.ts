import {
  type Activity,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import type { ActionChatEvent, ChatEvent } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import { actionEventOf, textEventOf } from './activity-to-chat-event.js';
import { TeamsChatPort } from './teams-chat-port.js';

export interface TeamsChannelOptions {
  appId: string;
  appPassword: string;
  appTenantId: string;
  appType: string;
  /** Runs a command to its end; the channel does not wait for it. */
  onEvent: (event: ChatEvent) => Promise<void>;
  /** Answers a button click at once (the text of the invoke response). */
  onAction: (event: ActionChatEvent) => Promise<{ message: string }>;
  newCorrelationId: () => string;
  onError: (error: unknown, context: { activityType?: string }) => void;
}

export interface TeamsChannel {
  /** Express handler for POST /api/messages. */
  handle(request: Request, response: Response): Promise<void>;
  chat: ChatPort;
}

/**
 * Bot Framework in and out: Teams, and the local chat page, which speaks the same protocol. With no
 * app id, authentication is off (botbuilder's local mode); src/http then lets only this machine in.
 */
export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appPassword,
    MicrosoftAppTenantId: options.appTenantId,
    MicrosoftAppType: options.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => options.onError(error, {});
  const logic = (context: TurnContext) => onTurn(context, options);
  return {
    chat: new TeamsChatPort(adapter, options.appId),
    async handle(request, response) {
      await adapter.process(request, response, logic);
    },
  };
}

async function onTurn(context: TurnContext, options: TeamsChannelOptions): Promise<void> {
  const activity = context.activity;
  const correlationId = options.newCorrelationId();
  if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
    const action = executeActionOf(activity);
    const outcome = action
      ? await options.onAction(actionEventOf(activity, action, correlationId))
      : { message: 'That button sent nothing the bot understands.' };
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.message },
      },
    });
    return;
  }
  if (activity.type !== ActivityTypes.Message) return;
  const submitted = submitActionOf(activity);
  const event = submitted
    ? actionEventOf(activity, submitted, correlationId)
    : textEventOf(activity, correlationId);
  // The Submit fallback has no invoke response to carry the acknowledgement: it goes in as a reply.
  if (event.kind === 'action') await context.sendActivity((await options.onAction(event)).message);
  else void options.onEvent(event);
}

function executeActionOf(activity: Activity): { verb: string; data: Record<string, unknown> } | undefined {
  const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  if (typeof action?.verb !== 'string') return undefined;
  return { verb: action.verb, data: isRecord(action.data) ? action.data : {} };
}

/** The Action.Submit fallback: a message with no text and the button's data (with its verb) as value. */
function submitActionOf(activity: Activity): { verb: string; data: Record<string, unknown> } | undefined {
  if (activity.text?.trim() || !isRecord(activity.value) || typeof activity.value.verb !== 'string')
    return undefined;
  return { verb: activity.value.verb, data: activity.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
