import type { Request, RequestHandler, Response } from 'express';
import type { ConversationHub, HubEvent } from './create-conversation-hub.js';

export interface EventStreamOptions {
  /** Comment lines keep proxies and browsers from closing an idle stream. */
  keepAliveInMs: number;
  /** Called with a function that ends the stream, so close() can end every open one. */
  track(end: () => void): () => void;
}

const MAX_CONVERSATION_ID_LENGTH = 256;

/**
 * `GET /console/stream?conversationId=...`: Server-Sent Events of `{type, activity}` for one
 * conversation. The event id is `<hub epoch>.<seq>`; a reconnect (Last-Event-ID) or a reloaded page
 * (`?after=`) gets only what it has not seen, and everything buffered if the bot restarted since.
 */
export function serveEventStream(hub: ConversationHub, options: EventStreamOptions): RequestHandler {
  return (req, res) => {
    const conversationId = req.query.conversationId;
    if (
      typeof conversationId !== 'string' ||
      conversationId === '' ||
      conversationId.length > MAX_CONVERSATION_ID_LENGTH
    ) {
      res
        .status(400)
        .json({ error: { code: 'BadArgument', message: 'conversationId query parameter is required' } });
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const unsubscribe = hub.subscribe(conversationId, lastSeenSeq(req, hub.epoch), (event) =>
      writeEvent(res, hub, event),
    );
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveInMs);
    let untrack = (): void => undefined;
    const end = (): void => {
      clearInterval(keepAlive);
      unsubscribe();
      untrack();
      if (!res.writableEnded) res.end();
    };
    untrack = options.track(end);
    res.on('close', end);
  };
}

function writeEvent(res: Response, hub: ConversationHub, event: HubEvent): void {
  const payload = JSON.stringify({ type: event.type, activity: event.activity });
  res.write(`id: ${hub.epoch}.${event.seq}\ndata: ${payload}\n\n`);
}

function lastSeenSeq(req: Request, epoch: string): number {
  const header = req.get('Last-Event-ID');
  const query = typeof req.query.after === 'string' ? req.query.after : undefined;
  const [seenEpoch, seq] = (header ?? query ?? '').split('.');
  const parsed = Number(seq);
  return seenEpoch === epoch && Number.isInteger(parsed) && parsed > 0 ? parsed : 0;
}
