import { verifySlackRequest } from '@slack/bolt';

/** Slack's window, both ways: older requests may be replays, newer ones are forged or skewed. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SlackRequestCheck = { ok: true } | { ok: false; status: 400 | 401; reason: string };

/**
 * Whether a request really comes from Slack: both headers present, the timestamp within five
 * minutes of our clock in either direction (Bolt rejects only old ones; Slack's guidance is both),
 * then Bolt's own check of the `v0` HMAC-SHA256 signature over `v0:{timestamp}:{raw body}`.
 */
export function checkSlackRequest(options: {
  signingSecret: string;
  rawBody: string;
  signature: unknown;
  timestamp: unknown;
  nowMs: number;
}): SlackRequestCheck {
  const { signature, timestamp } = options;
  if (typeof signature !== 'string' || signature.length === 0)
    return { ok: false, status: 401, reason: 'no X-Slack-Signature header' };
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, status: 401, reason: 'no valid X-Slack-Request-Timestamp header' };
  const seconds = Number(timestamp);
  const skew = seconds - Math.floor(options.nowMs / 1000);
  if (skew > MAX_CLOCK_SKEW_SECONDS)
    return { ok: false, status: 401, reason: 'the request timestamp is more than 5 minutes ahead' };
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: options.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds },
      nowMilliseconds: options.nowMs,
    });
  } catch (error) {
    return {
      ok: false,
      status: 401,
      reason: error instanceof Error ? error.message : 'signature check failed',
    };
  }
  return { ok: true };
}

/**
 * The payload of a verified request: a slash command (form fields), an interaction (form field
 * `payload` holding JSON), or an Events API callback (JSON).
 */
export function parseSlackBody(
  rawBody: string,
  contentType: string | undefined,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string } {
  try {
    if (contentType?.includes('application/json')) {
      const parsed: unknown = JSON.parse(rawBody);
      return isRecord(parsed) ? checkShape(parsed) : { ok: false, reason: 'the JSON body is not an object' };
    }
    if (contentType?.includes('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(rawBody));
      if (typeof form.payload !== 'string') return { ok: true, body: form };
      const payload: unknown = JSON.parse(form.payload);
      return isRecord(payload) ? checkShape(payload) : { ok: false, reason: 'the payload is not an object' };
    }
  } catch {
    return { ok: false, reason: 'the body is not valid JSON' };
  }
  return { ok: false, reason: `unexpected content type ${String(contentType).slice(0, 60)}` };
}

/** Fields Bolt reads before any listener runs, with the type it assumes: objects, or strings. */
const objectFields = [
  'event',
  'container',
  'message',
  'view',
  'team',
  'enterprise',
  'authorizations',
] as const;
const stringOrObjectFields = ['user', 'channel'] as const;
const stringFields = [
  'type',
  'command',
  'text',
  'trigger_id',
  'user_id',
  'channel_id',
  'team_id',
  'event_id',
] as const;

/**
 * A signed body can still be malformed (a bug, a proxy, a hand-made request): Bolt would throw on
 * `{"event": 0}` and the request would end as a 500. What Bolt relies on is checked here, so such a
 * body is a 400 that says what is wrong.
 */
function checkShape(
  body: Record<string, unknown>,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string } {
  for (const field of objectFields)
    if (
      field in body &&
      !(isRecord(body[field]) || (field === 'authorizations' && Array.isArray(body[field])))
    )
      return { ok: false, reason: `${field} must be an object` };
  for (const field of stringOrObjectFields)
    if (field in body && typeof body[field] !== 'string' && !isRecord(body[field]))
      return { ok: false, reason: `${field} must be an object or a string` };
  for (const field of stringFields)
    if (field in body && typeof body[field] !== 'string')
      return { ok: false, reason: `${field} must be a string` };
  if (isRecord(body.event) && typeof body.event.type !== 'string')
    return { ok: false, reason: 'event.type must be a string' };
  if ('actions' in body && !(Array.isArray(body.actions) && body.actions.every(isRecord)))
    return { ok: false, reason: 'actions must be a list of objects' };
  return { ok: true, body };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
