import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import type { Activity } from 'botframework-schema';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../adapters/console/create-console-channel.js';
import { openEventStream, parseEventStream, type StreamEvent } from './open-event-stream.js';

const identities = [
  { name: 'alice', aadObjectId: '00000000-0000-0000-0000-0000000a11ce', role: 'operator' },
  { name: 'dave', aadObjectId: '00000000-0000-0000-0000-00000000da7e', role: 'viewer' },
];

let server: Server;
let base: string;
let closeChannel: () => void;

/** Tests named "(patient)" get a stall timeout no machine load reaches; the others a short one to test it. */
beforeEach(async (context) => {
  const channel = createConsoleChannel({
    identities,
    botName: 'Test bot',
    keepAliveInMs: 50,
    stallTimeoutInMs: context.task.name.includes('(patient)') ? 60_000 : 300,
  });
  closeChannel = channel.close;
  const app = express();
  app.use(channel.router);
  app.get('/healthz', (_req, res) => {
    res.send('ok');
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  closeChannel();
  // Keep-alive sockets of fetch would otherwise hold close() for seconds.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function postJson(path: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const reply = { type: 'message', text: 'hello', from: { id: 'bot', name: 'Test bot' } };

describe('console channel: connector over HTTP', () => {
  it('serves the page, the renderer, the identities and settings', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(
      'Local chat: talking to the bot against the built-in Azure simulator',
    );
    const vendor = await fetch(`${base}/console/vendor/adaptivecards.js`);
    expect(vendor.status).toBe(200);
    expect((await vendor.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${base}/console/vendor/adaptivecards.css`)).status).toBe(200);
    expect((await fetch(`${base}/console/chat-page.js`)).headers.get('content-type')).toContain('javascript');
    expect(await (await fetch(`${base}/console/identities`)).json()).toEqual(identities);
    expect(await (await fetch(`${base}/console/settings`)).json()).toMatchObject({ botName: 'Test bot' });
  });

  it('answers a posted activity with an id and pushes it to the stream', async () => {
    const stream = await openEventStream(base, 'conv-1');
    const response = await postJson('/console/v3/conversations/conv-1/activities', reply);
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/\S+/);
    const event = await stream.next();
    expect(event.data).toMatchObject({
      type: 'activity',
      activity: { id, text: 'hello', conversation: { id: 'conv-1' } },
    });
    stream.close();
  });

  it('marks a reply with the activity it answers, and pushes updates and deletes', async () => {
    const stream = await openEventStream(base, 'conv-2');
    const posted = await postJson('/console/v3/conversations/conv-2/activities/user-act-1', reply);
    const { id } = (await posted.json()) as { id: string };
    expect((await stream.next()).data).toMatchObject({
      type: 'activity',
      activity: { id, replyToId: 'user-act-1' },
    });

    const updated = await postJson(
      `/console/v3/conversations/conv-2/activities/${id}`,
      { ...reply, text: 'v2' },
      'PUT',
    );
    expect(await updated.json()).toEqual({ id });
    expect((await stream.next()).data).toEqual({
      type: 'update',
      activity: expect.objectContaining({ id, text: 'v2' }),
    });

    const deleted = await fetch(`${base}/console/v3/conversations/conv-2/activities/${id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    expect((await stream.next()).data).toMatchObject({ type: 'delete', activity: { id } });
    stream.close();
  });

  it('replays what a late subscriber missed, and only what a reconnecting one has not seen', async () => {
    await postJson('/console/v3/conversations/conv-3/activities', { ...reply, text: 'first' });
    await postJson('/console/v3/conversations/conv-3/activities', { type: 'typing' });
    await postJson('/console/v3/conversations/conv-3/activities', { ...reply, text: 'second' });
    const late = await openEventStream(base, 'conv-3');
    const first = await late.next();
    expect(first.data).toMatchObject({ activity: { text: 'first' } });
    // Typing indicators are not replayed: they would be stale.
    expect((await late.next()).data).toMatchObject({ activity: { text: 'second' } });
    late.close();

    const resumed = await openEventStream(base, 'conv-3', first.id);
    expect((await resumed.next()).data).toMatchObject({ activity: { text: 'second' } });
    resumed.close();
    const unknownEpoch = await openEventStream(base, 'conv-3', 'other-epoch.99');
    expect((await unknownEpoch.next()).data).toMatchObject({ activity: { text: 'first' } });
    unknownEpoch.close();
  });

  it('keeps conversations apart and sends keep-alive comments', async () => {
    const stream = await openEventStream(base, 'conv-a');
    await postJson('/console/v3/conversations/conv-b/activities', { ...reply, text: 'for b' });
    await postJson('/console/v3/conversations/conv-a/activities', { ...reply, text: 'for a' });
    expect((await stream.next()).data).toMatchObject({ activity: { text: 'for a' } });
    await stream.waitForComment('keep-alive');
    stream.close();
  });

  it('creates conversations for proactive messages', async () => {
    const created = await postJson('/console/v3/conversations', {
      isGroup: false,
      members: [{ id: 'console-alice' }],
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^console-/);
    const withActivity = await postJson('/console/v3/conversations', { activity: reply });
    const body = (await withActivity.json()) as { id: string; activityId: string };
    const stream = await openEventStream(base, body.id);
    expect((await stream.next()).data).toMatchObject({ activity: { id: body.activityId, text: 'hello' } });
    stream.close();
  });

  it('knows the console users as conversation members', async () => {
    const member = await fetch(`${base}/console/v3/conversations/c/members/console-dave`);
    expect(await member.json()).toMatchObject({
      id: 'console-dave',
      name: 'dave',
      aadObjectId: identities[1]?.aadObjectId,
    });
    expect((await fetch(`${base}/console/v3/conversations/c/members/console-zed`)).status).toBe(404);
  });

  it('answers 400 with a clear message on garbage', async () => {
    const broken = await fetch(`${base}/console/v3/conversations/c/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      error: { code: 'BadArgument', message: expect.stringContaining('invalid request body') },
    });

    const untyped = await postJson('/console/v3/conversations/c/activities', { text: 'no type' });
    expect(untyped.status).toBe(400);
    expect(await untyped.json()).toMatchObject({ error: { message: expect.stringContaining('"type"') } });

    const notJson = await fetch(`${base}/console/v3/conversations/c/activities`, {
      method: 'POST',
      body: 'hello',
    });
    expect(notJson.status).toBe(400);
    expect((await postJson('/console/v3/conversations/c/activities', [1, 2])).status).toBe(400);
    expect((await fetch(`${base}/console/stream`)).status).toBe(400);
  });

  it('answers 413 in the connector error shape on a body far over a Teams message', async () => {
    const huge = await postJson('/console/v3/conversations/c/activities', {
      type: 'message',
      text: 'x'.repeat(2_000_000),
    });
    expect(huge.status).toBe(413);
    // Teams refuses messages over ~28 KB; the connector takes up to 64 KB and no more.
    const overLimit = await postJson('/console/v3/conversations/c/activities', {
      type: 'message',
      text: 'x'.repeat(70 * 1024),
    });
    expect(overLimit.status).toBe(413);
    expect(await overLimit.json()).toMatchObject({ error: { code: 'RequestTooLarge' } });
    const cardSized = await postJson('/console/v3/conversations/c/activities', {
      type: 'message',
      text: 'x'.repeat(60 * 1024),
    });
    expect(cardSized.status).toBe(200);
  });

  it('accepts ConnectorClient.sendConversationHistory instead of reading it as a reply', async () => {
    const client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: `${base}/console/` });
    const stream = await openEventStream(base, 'conv-history');
    const answer = await client.conversations.sendConversationHistory('conv-history', {
      activities: [{ type: 'message', text: 'earlier' } as Activity],
    });
    expect(answer.id).toMatch(/\S+/);
    // Nothing reaches the page: it keeps its own transcript.
    await postJson('/console/v3/conversations/conv-history/activities', { ...reply, text: 'after' });
    expect((await stream.next()).data).toMatchObject({ activity: { text: 'after' } });
    stream.close();
    const garbage = await postJson('/console/v3/conversations/c/activities/history', { type: 'message' });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: { code: 'BadArgument' } });
  });

  it('holds events for a slow reader and sends them in order once it drains (patient)', async () => {
    const slow = await openStalledStream('conv-slow');
    const count = 90;
    for (let i = 0; i < count; i++) {
      const text = `${i}:${'x'.repeat(60_000)}`;
      await postJson('/console/v3/conversations/conv-slow/activities', { ...reply, text });
    }
    // Read before the stall timeout (long here: posting 5 MB must not outlast it on a loaded
    // machine): everything arrives, caught up from the replay buffer.
    const received = await slow.readEvents(count, 30_000);
    expect(received.map((event) => eventIndex(event.data))).toEqual(
      Array.from({ length: count }, (_v, i) => i),
    );
    slow.close();
  });

  it('cuts off a client that stops reading, which then resumes from its Last-Event-ID', async () => {
    const stalled = await openStalledStream('conv-stall');
    // Enough card-sized events to fill the socket buffers of a reader that reads nothing.
    const count = 90;
    for (let i = 0; i < count; i++) {
      const text = `${i}:${'x'.repeat(60_000)}`;
      const posted = await postJson('/console/v3/conversations/conv-stall/activities', { ...reply, text });
      expect(posted.status).toBe(200);
    }
    // Past the stall timeout the server has cut the stream off; without backpressure handling it
    // would keep queueing events and keep-alives for this reader forever.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const received = parseEventStream(await stalled.readToEnd(30_000));
    const texts = received.map((event) => eventIndex(event.data));
    expect(texts).toEqual(texts.map((_t, i) => i));
    expect(texts.length).toBeLessThan(count);

    const lastId = received.at(-1)?.id;
    const resumed = await openEventStream(base, 'conv-stall', lastId);
    for (let i = texts.length; i < count; i++) {
      expect(eventIndex((await resumed.next()).data)).toBe(i);
    }
    resumed.close();
  });

  it('answers 404 under /console and leaves other paths to the app', async () => {
    const unknown = await fetch(`${base}/console/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NotFound' } });
    expect((await fetch(`${base}/console/v3/conversations/c/attachments`)).status).toBe(404);
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('ends open streams on close()', async () => {
    const stream = await openEventStream(base, 'conv-close');
    closeChannel();
    await stream.ended;
  });
});

function eventIndex(data: unknown): number {
  const text = (data as { activity: { text: string } }).activity.text;
  return Number(text.slice(0, text.indexOf(':')));
}

/**
 * An event stream request whose body nobody reads: a stalled browser tab. `readToEnd` then reads
 * what arrived and waits for the server to have closed the stream; `readEvents` reads until it
 * has `count` events (both reject after `timeoutInMs`).
 */
async function openStalledStream(conversationId: string): Promise<{
  readToEnd(timeoutInMs: number): Promise<string>;
  readEvents(count: number, timeoutInMs: number): Promise<StreamEvent[]>;
  close(): void;
}> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/console/stream?conversationId=${conversationId}`, (res) => {
      res.pause();
      const chunks: Buffer[] = [];
      const read = (done: (text: string) => boolean, what: string, timeoutInMs: number): Promise<string> =>
        new Promise((settle, fail) => {
          const timer = setTimeout(() => {
            req.destroy();
            fail(new Error(`timed out waiting for ${what}`));
          }, timeoutInMs);
          const check = (ended: boolean) => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (ended || done(text)) {
              clearTimeout(timer);
              settle(text);
            }
          };
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            check(false);
          });
          for (const event of ['end', 'error', 'close']) res.once(event, () => check(true));
          res.resume();
        });
      resolve({
        readToEnd: (timeoutInMs) => read(() => false, 'the server to end the stalled stream', timeoutInMs),
        readEvents: async (count, timeoutInMs) =>
          parseEventStream(
            await read((text) => parseEventStream(text).length >= count, `${count} events`, timeoutInMs),
          ),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
