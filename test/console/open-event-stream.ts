/** A minimal Server-Sent Events client over fetch, for tests: events in order, comments, end. */
export interface StreamEvent {
  id: string;
  data: unknown;
}

export interface EventStreamClient {
  next(timeoutInMs?: number): Promise<StreamEvent>;
  waitForComment(text: string, timeoutInMs?: number): Promise<void>;
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(
  base: string,
  conversationId: string,
  lastEventId?: string,
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const headers: Record<string, string> = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
  const query = new URLSearchParams({ conversationId });
  const response = await fetch(`${base}/console/stream?${query}`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  let wake: () => void = () => undefined;
  const ended = readBlocks(response.body, (block) => {
    parseBlock(block, events, comments);
    wake();
  }).catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });

  async function waitFor<T>(take: () => T | undefined, what: string, timeoutInMs: number): Promise<T> {
    const deadline = Date.now() + timeoutInMs;
    for (;;) {
      const found = take();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  return {
    next: (timeoutInMs = 2000) => waitFor(() => events.shift(), 'an event', timeoutInMs),
    waitForComment: async (text, timeoutInMs = 2000) => {
      await waitFor(() => (comments.includes(text) ? true : undefined), `comment ${text}`, timeoutInMs);
    },
    ended,
    close: () => abort.abort(),
  };
}

async function readBlocks(body: ReadableStream<Uint8Array>, onBlock: (block: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let split = buffered.indexOf('\n\n');
    while (split >= 0) {
      onBlock(buffered.slice(0, split));
      buffered = buffered.slice(split + 2);
      split = buffered.indexOf('\n\n');
    }
  }
}

function parseBlock(block: string, events: StreamEvent[], comments: string[]): void {
  let id = '';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (data) events.push({ id, data: JSON.parse(data) });
}

/** The complete events in a stream's raw text (a cut-off last event is left out). */
export function parseEventStream(text: string): StreamEvent[] {
  const events: StreamEvent[] = [];
  const blocks = text.split('\n\n');
  blocks.pop();
  for (const block of blocks) parseBlock(block, events, []);
  return events;
}
