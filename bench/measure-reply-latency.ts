import { randomUUID } from 'node:crypto';
import type { FakeBotConnector } from '../test/support/fake-bot-connector.js';

export interface LatencySummary {
  requests: number;
  medianMs: number;
  p99Ms: number;
}

/**
 * Posts `count` Bot Framework message activities to `botUrl`/api/messages, one at a time, each in
 * its own conversation, and measures the time from the POST to the first reply the connector receives.
 */
export async function measureReplyLatency(
  botUrl: string,
  connector: FakeBotConnector,
  text: string,
  count: number,
): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const conversationId = `bench-${randomUUID()}`;
    const started = performance.now();
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(conversationId, connector.url, text)),
    });
    await response.arrayBuffer();
    if (response.status >= 300) throw new Error(`The bot answered ${response.status}`);
    await firstReply(connector, conversationId);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { requests: count, medianMs: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99) };
}

function activity(conversationId: string, serviceUrl: string, text: string) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:alice', name: 'alice', aadObjectId: '00000000-0000-0000-0000-0000000a11ce' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: conversationId },
    text,
  };
}

async function firstReply(connector: FakeBotConnector, conversationId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (connector.inConversation(conversationId).length === 0) {
    if (Date.now() > deadline) throw new Error(`No reply in ${conversationId} within 30 s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}
