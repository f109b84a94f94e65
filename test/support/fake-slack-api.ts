import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { checkSentSlackMessage } from './check-sent-cards.js';

/** One call the bot made to the Web API: the method, its arguments (JSON fields parsed) and token. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

/** A message the bot posted, with every version chat.update gave it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  versions: Record<string, unknown>[];
}

export const slackUsers: Record<string, string> = {
  U0ALICE: 'alice',
  U0BOB: 'bob',
  U0CAROL: 'carol',
  U0DAVE: 'dave',
  U0ERIN: 'erin',
  U0STRANGER: 'stranger',
};

/**
 * A fake Slack: the Web API at `url` (what SLACK_API_URL points to) recording chat.postMessage,
 * chat.update and chat.postEphemeral, and a Socket Mode WebSocket endpoint handed out by
 * apps.connections.open. Faults: a channel the bot is not in, 429s with Retry-After, dropped or
 * refused sockets.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly messages: SlackMessage[] = [];
  readonly ephemerals: { channel: string; user: string; threadTs?: string; args: Record<string, unknown> }[] =
    [];
  /** Channels the bot was never invited to: posting there answers not_in_channel. */
  readonly notIn = new Set<string>();
  /** auth.test answers invalid_auth while this is set (a revoked token, Slack having a bad day). */
  authFails = false;
  /** Socket Mode: apps.connections.open fails while this is set. */
  refuseSockets = false;
  private readonly rateLimited = new Map<string, number>();
  private server: Server | undefined;
  private sockets: WebSocketServer | undefined;
  private readonly open = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private clock = 1_795_000_000;
  private counter = 0;
  url = '';
  connectionsOpened = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      readBody(request).then((body) => {
        const answer = this.route(request, body);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
        response.writeHead(answer.status, headers);
        response.end(JSON.stringify(answer.body));
      });
    });
    this.sockets = new WebSocketServer({ server: this.server, path: '/link' });
    this.sockets.on('connection', (socket) => {
      this.open.add(socket);
      socket.on('close', () => this.open.delete(socket));
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (ack.envelope_id) this.acks.get(ack.envelope_id)?.(ack.payload);
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0RECOVERY' } }),
      );
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.terminate();
    this.sockets?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  /** The next `count` calls of `method` answer 429 with Retry-After: `seconds`. */
  rateLimit(method: string, count: number): void {
    this.rateLimited.set(method, count);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages in a thread (or, with no thread, the channel's top level), oldest first. */
  inThread(channel: string, threadTs?: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === threadTs);
  }

  /** Socket Mode connections open now. */
  get socketCount(): number {
    return this.open.size;
  }

  /** Drops every socket, as Slack does when it rotates connections (or the network fails). */
  dropSockets(): void {
    for (const socket of this.open) socket.terminate();
  }

  /**
   * Sends a Socket Mode envelope to the bot and resolves with its ack (the ack's payload, if any).
   * Rejects after `timeoutMs` without one.
   */
  sendEnvelope(type: string, payload: unknown, timeoutMs = 3_000): Promise<unknown> {
    const socket = [...this.open][0];
    if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
    const envelopeId = `env-${++this.counter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}`)), timeoutMs);
      this.acks.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        resolve(ackPayload ?? null);
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
        }),
      );
    });
  }

  private route(
    request: IncomingMessage,
    body: string,
  ): { status: number; body: unknown; retryAfter?: number } {
    // Web API methods under /api/; anything else is a response_url (commands/..., actions/...).
    const method = (request.url ?? '').replace(/^\/(api\/)?/, '').split('?')[0] ?? '';
    const args = parseArgs(body, request.headers['content-type']);
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    this.calls.push({ method, args, token });
    const limited = this.rateLimited.get(method) ?? 0;
    if (limited > 0) {
      this.rateLimited.set(method, limited - 1);
      return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter: 1 };
    }
    const channel = String(args.channel ?? '');
    // What a reader would see in a message the bot sent: checked after each test (check-sent-cards.ts).
    if (/^chat\.(postMessage|update|postEphemeral)$|^(commands|actions)\//.test(method))
      checkSentSlackMessage(args);
    switch (method) {
      case 'auth.test':
        if (this.authFails) return ok({ ok: false, error: 'invalid_auth' });
        return ok({
          url: 'https://contoso.slack.com/',
          team: 'Contoso',
          user: 'recovery-bot',
          team_id: 'T0CONTOSO',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        });
      case 'apps.connections.open':
        if (this.refuseSockets) return ok({ ok: false, error: 'internal_error' });
        this.connectionsOpened += 1;
        return ok({ url: this.url.replace(/^http/, 'ws').replace(/\/api\/$/, '/link') });
      case 'users.info': {
        const name = slackUsers[String(args.user)];
        return name
          ? ok({
              user: {
                id: args.user,
                name,
                real_name: name,
                profile: { display_name: name },
                // The stranger owns the workspace: the bot must not care.
                ...(name === 'stranger' ? { is_admin: true, is_owner: true, is_primary_owner: true } : {}),
              },
            })
          : ok({ ok: false, error: 'user_not_found' });
      }
      case 'chat.postMessage': {
        if (this.notIn.has(channel)) return ok({ ok: false, error: 'not_in_channel' });
        const ts = this.nextTs();
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        this.messages.push({ channel, ts, threadTs, versions: [args] });
        return ok({ channel, ts, message: { ...args, ts } });
      }
      case 'chat.update': {
        const message = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!message) return ok({ ok: false, error: 'message_not_found' });
        message.versions.push(args);
        return ok({ channel, ts: message.ts });
      }
      case 'chat.postEphemeral': {
        if (this.notIn.has(channel)) return ok({ ok: false, error: 'not_in_channel' });
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        this.ephemerals.push({ channel, user: String(args.user), threadTs, args });
        return ok({ message_ts: this.nextTs() });
      }
      default:
        return ok({ ok: false, error: 'unknown_method' });
    }
  }

  private nextTs(): string {
    this.clock += 1;
    return `${this.clock}.${String(++this.counter).padStart(6, '0')}`;
  }
}

function ok(body: Record<string, unknown>): { status: number; body: unknown } {
  return { status: 200, body: { ok: true, ...body } };
}

/** The WebClient sends form fields, with blocks (and other objects) as JSON strings. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Headers Slack would send with `body`: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(secret: string, body: string, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp) };
}
