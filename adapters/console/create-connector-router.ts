import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { ConversationHub } from './create-conversation-hub.js';

/**
 * Teams refuses messages over ~28 KB (and renderAdaptiveCard keeps cards under that); 64 KB leaves
 * room for the activity around a card while keeping the replay buffer's worst case small.
 */
export const MAX_CONNECTOR_BODY_BYTES = 64 * 1024;

export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * The part of the Bot Framework connector REST API (v3) that botbuilder's ConnectorClient calls
 * for replies, updates, deletes and proactive conversations; mounted at `/console/` so that a
 * `serviceUrl` of `<origin>/console/` lands here. Every accepted activity goes to the hub, which
 * pushes it to the page.
 */
export function createConnectorRouter(hub: ConversationHub, members: ConnectorMember[]): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: MAX_CONNECTOR_BODY_BYTES }));
  router.post('/conversations', (req, res) => createConversation(hub, req, res));
  router.post('/conversations/:conversationId/activities', (req, res) => sendActivity(hub, req, res));
  // ConnectorClient.sendConversationHistory; before the reply route, which would read "history"
  // as an activity id. The page keeps its own transcript, so the history is accepted and dropped.
  router.post('/conversations/:conversationId/activities/history', (req, res) => {
    if (!isRecord(req.body) || !Array.isArray(req.body.activities)) {
      sendError(res, 400, 'BadArgument', 'expected a JSON Transcript body with "activities"');
      return;
    }
    res.status(200).json({ id: randomUUID() });
  });
  router.post('/conversations/:conversationId/activities/:activityId', (req, res) =>
    sendActivity(hub, req, res),
  );
  router.put('/conversations/:conversationId/activities/:activityId', (req, res) =>
    updateActivity(hub, req, res),
  );
  router.delete('/conversations/:conversationId/activities/:activityId', (req, res) => {
    const { conversationId, activityId } = req.params;
    hub.publish(conversationId, 'delete', { id: activityId, conversation: { id: conversationId } });
    res.status(200).json({});
  });
  router.get('/conversations/:conversationId/members', (_req, res) => {
    res.json(members.map(toChannelAccount));
  });
  router.get('/conversations/:conversationId/members/:memberId', (req, res) => {
    const member = members.find((candidate) => candidate.id === req.params.memberId);
    if (member) res.json(toChannelAccount(member));
    else sendError(res, 404, 'NotFound', `no member ${req.params.memberId} in the local chat`);
  });
  return router;
}

function sendActivity(hub: ConversationHub, req: Request, res: Response): void {
  const activity = readActivity(req, res);
  if (!activity) return;
  const conversationId = String(req.params.conversationId);
  const id = randomUUID();
  const replyToId = req.params.activityId ?? activity.replyToId;
  hub.publish(conversationId, 'activity', {
    ...activity,
    id,
    ...(replyToId ? { replyToId } : {}),
    conversation: { ...asRecord(activity.conversation), id: conversationId },
    timestamp: activity.timestamp ?? new Date().toISOString(),
  });
  res.status(200).json({ id });
}

function updateActivity(hub: ConversationHub, req: Request, res: Response): void {
  const activity = readActivity(req, res);
  if (!activity) return;
  const { conversationId, activityId } = req.params as { conversationId: string; activityId: string };
  hub.publish(conversationId, 'update', {
    ...activity,
    id: activityId,
    conversation: { ...asRecord(activity.conversation), id: conversationId },
  });
  res.status(200).json({ id: activityId });
}

/** Proactive messages: a new conversation id, and its first activity when one is given. */
function createConversation(hub: ConversationHub, req: Request, res: Response): void {
  const parameters: unknown = req.body;
  if (!isRecord(parameters)) {
    sendError(res, 400, 'BadArgument', 'expected a JSON ConversationParameters body');
    return;
  }
  const id = `console-${randomUUID()}`;
  const activity = parameters.activity;
  if (!isRecord(activity)) {
    res.status(200).json({ id });
    return;
  }
  const activityId = randomUUID();
  hub.publish(id, 'activity', { ...activity, id: activityId, conversation: { id } });
  res.status(200).json({ id, activityId });
}

function readActivity(req: Request, res: Response): Record<string, unknown> | undefined {
  const body: unknown = req.body;
  if (!isRecord(body) || typeof body.type !== 'string' || body.type === '') {
    sendError(
      res,
      400,
      'BadArgument',
      'expected a JSON Activity body with a "type" (Content-Type: application/json)',
    );
    return undefined;
  }
  return body;
}

function toChannelAccount(member: ConnectorMember): Record<string, string> {
  return { id: member.id, name: member.name, aadObjectId: member.aadObjectId, role: 'user' };
}

/** The connector's ErrorResponse shape, which ConnectorClient turns into a readable RestError. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
