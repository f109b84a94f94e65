import type { Activity } from 'botbuilder';

export type CheckedActivity = { ok: true; activity: Activity } | { ok: false; reason: string };

/** Activity types that come from a person and start work: they must say who and where. */
const fromPeople = new Set(['message', 'invoke']);

/**
 * What the bot needs of a Bot Framework activity before handing it to botbuilder: a JSON object
 * with a type, a conversation, a channel and a service URL to answer on, and for messages and
 * invokes a sender. botbuilder's own parser throws on some of these (a 500 and a stack trace in
 * the log); here they get a 400 with the reason.
 */
export function checkActivity(body: unknown): CheckedActivity {
  if (!isRecord(body)) return refuse('the body is not a JSON object');
  const { type, serviceUrl, channelId, conversation, from } = body;
  if (typeof type !== 'string' || type.length === 0 || type.length > 64)
    return refuse('the activity has no type');
  if (typeof channelId !== 'string' || channelId.length === 0) return refuse('the activity has no channelId');
  if (typeof serviceUrl !== 'string' || !isHttpUrl(serviceUrl))
    return refuse('the activity has no http(s) serviceUrl');
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || conversation.id.length === 0)
    return refuse('the activity has no conversation id');
  if (fromPeople.has(type) && (!isRecord(from) || typeof from.id !== 'string' || from.id.length === 0))
    return refuse(`a ${type} activity without a sender (from.id)`);
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string')
    return refuse('the activity text is not a string');
  if (body.entities !== undefined && !Array.isArray(body.entities))
    return refuse('the activity entities are not a list');
  return { ok: true, activity: body as unknown as Activity };
}

function refuse(reason: string): CheckedActivity {
  return { ok: false, reason };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
