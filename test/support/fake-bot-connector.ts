import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkTeamsCard } from '../../cards/check-teams-card.js';
import { checkSentActivity } from './check-sent-cards.js';

/** What the bot sent to one conversation: each message with every version it was updated to. */
export interface ConnectorMessage {
  id: string;
  conversationId: string;
  replyToId?: string;
  versions: Record<string, unknown>[];
}

/**
 * A fake Bot Framework connector (the service at an activity's serviceUrl): records the bot's
 * replies (POST .../activities[/{replyTo}]) and updates (PUT .../activities/{id}) over real HTTP.
 */
export class FakeBotConnector {
  readonly messages: ConnectorMessage[] = [];
  /** The roster member look-ups answer from (GET .../members/{id}), keyed by Teams id and Entra id. */
  readonly members = new Map<string, { id: string; name: string; aadObjectId: string; userRole?: string }>();
  /** Conversations the bot created (POST /v3/conversations): 1:1 chats for private answers. */
  readonly created: { id: string; parameters: Record<string, unknown> }[] = [];
  /** What Teams would refuse in the cards the bot sent (checkTeamsCard), by message id. */
  readonly cardProblems: string[] = [];
  /** Conversations whose posts and updates the connector refuses with 403 (the bot was removed). */
  readonly refused = new Set<string>();
  /** Refuse posts into the 1:1 chats the bot creates (a user who blocked the app). */
  refusePrivateChats = false;
  /**
   * While set, answers to new posts wait for it (a slow Teams): the message is there for everyone to
   * see and click, but the bot does not know its id yet.
   */
  postsAnsweredAfter: Promise<void> | undefined;
  /** Every request's method, path and Authorization header, in order. */
  readonly requests: { method: string; url: string; authorization?: string }[] = [];
  private server: Server | undefined;
  private nextId = 1;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      readBody(request).then(
        (body) => {
          this.requests.push({
            method: request.method ?? '',
            url: request.url ?? '',
            authorization: request.headers.authorization,
          });
          const answer = this.route(request.method ?? '', request.url ?? '', body);
          const late = request.method === 'POST' ? this.postsAnsweredAfter : undefined;
          void (late ?? Promise.resolve()).then(() => {
            response.writeHead(answer.status, { 'content-type': 'application/json' });
            response.end(JSON.stringify(answer.body));
          });
        },
        (error: Error) => {
          response.writeHead(400);
          response.end(error.message);
        },
      );
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  inConversation(conversationId: string): ConnectorMessage[] {
    return this.messages.filter((m) => m.conversationId === conversationId);
  }

  /**
   * The id of the first message the bot posted that names `approvalId`: its approval card, which
   * a click must name as Teams does (`replyToId`). Undefined without an id or such a message.
   */
  cardMessageIdOf(approvalId: string | undefined): string | undefined {
    if (!approvalId) return undefined;
    return this.messages.find((m) => m.versions.some((v) => JSON.stringify(v).includes(approvalId)))?.id;
  }

  private checkCards(activity: Record<string, unknown>): void {
    // What a reader would see: checked after each test (check-sent-cards.ts).
    checkSentActivity(activity);
    const attachments =
      (activity.attachments as { contentType?: string; content?: unknown }[] | undefined) ?? [];
    for (const attachment of attachments) {
      if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
      for (const problem of checkTeamsCard(attachment.content)) this.cardProblems.push(problem);
    }
  }

  /** Adds a person to the roster, findable by Teams id and by Entra object id. */
  /** `userRole` as Teams' roster gives it (`owner` for a team owner). */
  addMember(member: { id: string; name: string; aadObjectId: string; userRole?: string }): void {
    this.members.set(member.id, member);
    this.members.set(member.aadObjectId, member);
  }

  private route(method: string, url: string, body: string): { status: number; body: unknown } {
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/.exec(url);
    if (member && method === 'GET') {
      const found = this.members.get(decodeURIComponent(member[2] ?? ''));
      return found
        ? { status: 200, body: { ...found, userPrincipalName: `${found.name}@contoso.example` } }
        : { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
    }
    if (method === 'POST' && /^\/v3\/conversations\/?(\?|$)/.test(url)) {
      const id = `a:1to1-${this.nextId++}`;
      if (this.refusePrivateChats) this.refused.add(id);
      this.created.push({ id, parameters: JSON.parse(body) as Record<string, unknown> });
      return { status: 201, body: { id } };
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
    if (!match) return { status: 404, body: { error: `no route ${method} ${url}` } };
    const conversationId = decodeURIComponent(match[1] ?? '');
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const activity = JSON.parse(body) as Record<string, unknown>;
    if (this.refused.has(conversationId))
      return { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } };
    this.checkCards(activity);
    if (method === 'POST') {
      const id = `m${this.nextId++}`;
      this.messages.push({ id, conversationId, replyToId: activityId, versions: [activity] });
      return { status: 200, body: { id } };
    }
    const message = this.messages.find((m) => m.id === activityId && m.conversationId === conversationId);
    if (method === 'PUT' && message) {
      message.versions.push(activity);
      return { status: 200, body: { id: message.id } };
    }
    return { status: 404, body: { error: `unknown activity ${activityId}` } };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });
}

/** All text of an Adaptive Card attachment, flattened, for assertions that do not depend on layout. */
export function cardText(activity: Record<string, unknown> | undefined): string {
  const attachments = (activity?.attachments as { content?: unknown }[] | undefined) ?? [];
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string')
          texts.push(value);
        else walk(value);
      }
    }
  };
  walk(attachments.map((a) => a.content));
  return texts.join('\n');
}
