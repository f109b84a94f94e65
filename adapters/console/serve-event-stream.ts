import type { Request, RequestHandler } from 'express';
import type { ConversationHub, HubEvent } from './create-conversation-hub.js';

export interface EventStreamOptions {
  /** Comment lines keep proxies and browsers from closing an idle stream. */
  keepAliveInMs: number;
  /** How long a stream may wait for a client to read what it was sent before it is cut off. */
  stallTimeoutInMs: number;
  /** Called with a function that ends the stream, so close() can end every open one. */
  track(end: () => void): () => void;
}

const MAX_CONVERSATION_ID_LENGTH = 256;

/**
 * `GET /console/stream?conversationId=...`: Server-Sent Events of `{type, activity}` for one
 * conversation. The event id is `<hub epoch>.<seq>`; a reconnect (Last-Event-ID) or a reloaded page
 * (`?after=`) gets only what it has not seen, and everything buffered if the bot restarted since.
 *
 * Backpressure: when `res.write()` returns false the stream stops writing and waits for `drain`,
 * then catches up from the hub's replay buffer (so a slow reader costs at most one event beyond the
 * socket's buffer). A client that does not drain within `stallTimeoutInMs` is cut off; EventSource
 * reconnects with Last-Event-ID and gets what it missed from the replay buffer.
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

    let lastSentSeq = lastSeenSeq(req, hub.epoch);
    let waitingForDrain = false;
    let stallTimer: NodeJS.Timeout | undefined;
    let unsubscribe = (): void => undefined;
    const onEvent = (event: HubEvent): void => {
      // While the client is behind, new events wait in the hub's buffer (typing ones are dropped).
      if (waitingForDrain || event.seq <= lastSentSeq) return;
      lastSentSeq = event.seq;
      if (!res.write(`id: ${hub.epoch}.${event.seq}\ndata: ${event.json}\n\n`)) waitForDrain();
    };
    const waitForDrain = (): void => {
      waitingForDrain = true;
      stallTimer = setTimeout(() => {
        // The client stopped reading: free the socket and what is queued on it.
        end();
        res.destroy();
      }, options.stallTimeoutInMs);
      res.once('drain', catchUp);
    };
    const catchUp = (): void => {
      clearTimeout(stallTimer);
      waitingForDrain = false;
      unsubscribe();
      unsubscribe = hub.subscribe(conversationId, lastSentSeq, onEvent);
    };
    unsubscribe = hub.subscribe(conversationId, lastSentSeq, onEvent);
    const keepAlive = setInterval(() => {
      if (!waitingForDrain && !res.write(': keep-alive\n\n')) waitForDrain();
    }, options.keepAliveInMs);
    let untrack = (): void => undefined;
    const end = (): void => {
      clearInterval(keepAlive);
      clearTimeout(stallTimer);
      res.off('drain', catchUp);
      unsubscribe();
      untrack();
      if (!res.writableEnded) res.end();
    };
    untrack = options.track(end);
    res.on('close', end);
  };
}

function lastSeenSeq(req: Request, epoch: string): number {
  const header = req.get('Last-Event-ID');
  const query = typeof req.query.after === 'string' ? req.query.after : undefined;
  const [seenEpoch, seq] = (header ?? query ?? '').split('.');
  const parsed = Number(seq);
  return seenEpoch === epoch && Number.isInteger(parsed) && parsed > 0 ? parsed : 0;
}
