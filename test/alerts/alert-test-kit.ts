import { join } from 'node:path';
import { expect } from 'vitest';
import type { PollOutcome } from '../../src/alerts/alert-watcher.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { StorePort } from '../../src/store/store-port.js';
import { type ConnectorMessage, cardText } from '../support/fake-bot-connector.js';
import type { TestBot, User } from '../support/start-test-bot.js';

export const subscription = '00000000-0000-0000-0000-000000000001';
export const drVault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;

/** What a conversation shows: each message's latest text, in order. */
export function shown(bot: TestBot, conversationId: string): string[] {
  return bot.connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));
}

/** The messages of a conversation whose latest text matches. */
export function messagesMatching(bot: TestBot, conversationId: string, pattern: RegExp): ConnectorMessage[] {
  return bot.connector
    .inConversation(conversationId)
    .filter((m) => pattern.test(cardText(m.versions.at(-1))));
}

/** Subscribes a new conversation as `user`; resolves with its id once the bot confirmed. */
export async function subscribe(bot: TestBot, what: string, user: User = 'alice'): Promise<string> {
  const { conversationId } = await bot.send(`alerts subscribe ${what}`, user);
  await bot.waitFor(conversationId, (t) => /Subscribed/.test(t));
  return conversationId;
}

/** One poll, which must have read everything. */
export async function poll(bot: TestBot): Promise<Extract<PollOutcome, { polled: true }>> {
  const outcome = await bot.bot.pollAlerts();
  if (!outcome.polled) throw new Error(`the watchers did not poll: ${outcome.reason}`);
  expect(outcome.unreadable).toEqual([]);
  return outcome;
}

/** The bot's own store, opened beside it (SQLite in WAL mode allows a second connection). */
export async function withStore<T>(bot: TestBot, use: (store: StorePort) => Promise<T>): Promise<T> {
  const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A POST to ARM through the embedded simulator, as the portal or a script would. */
export async function armPost(
  bot: TestBot,
  path: string,
  body: unknown,
  apiVersion = '2023-06-01',
): Promise<number> {
  const response = await bot.bot.simulator?.handle({
    method: 'POST',
    url: `https://management.azure.com${path}?api-version=${apiVersion}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response) throw new Error('no embedded simulator');
  return response.status;
}

/** A drill (test failover) of `app` started outside the bot, as in the portal; resolves with the HTTP status. */
export function startPortalDrill(bot: TestBot, app: string): Promise<number> {
  return armPost(bot, `${drVault}/replicationRecoveryPlans/${app}/testFailover`, {
    properties: {
      failoverDirection: 'PrimaryToRecovery',
      networkType: 'VmNetworkAsInput',
      networkId: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`,
      providerSpecificDetails: [{ instanceType: 'A2A', recoveryPointType: 'Latest' }],
    },
  });
}
