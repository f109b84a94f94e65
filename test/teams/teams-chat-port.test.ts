import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/create-teams-channel.js';
import type { ConversationRef } from '../../src/chat/chat-event.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { FakeBotConnector } from '../support/fake-bot-connector.js';

/** Proactive posts that Teams refuses must fail loudly: a card never shown is not "delivered". */
describe('TeamsChatPort delivery failures', () => {
  const connector = new FakeBotConnector();
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  const channel = () =>
    createTeamsChannel({
      auth: {
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        MicrosoftAppType: 'MultiTenant',
      },
      onEvent: async () => undefined,
      onAction: async () => ({ message: '' }),
      onInstalled: async () => undefined,
      newCorrelationId: () => 'ref',
      log: createLogger('silent'),
    });

  const conversation = (id: string, conversationType = 'personal'): ConversationRef => ({
    platform: 'teams',
    conversationId: id,
    reference: {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id, conversationType, tenantId: 'tenant' },
      bot: { id: '28:bot', name: 'Recovery bot' },
      user: { id: '29:alice' },
    },
  });
  const view = { kind: 'note', title: 'Hello' };

  it('posts, and returns the id the connector gave', async () => {
    const message = await channel().chat.post(conversation('ok-1'), view);
    expect(message.messageId).toMatch(/^m\d+$/);
  });

  it('rejects a post and an update the connector refuses', async () => {
    const chat = channel().chat;
    const posted = await chat.post(conversation('removed-1'), view);
    connector.refused.add('removed-1');
    await expect(chat.update(posted, view)).rejects.toThrow();
    await expect(chat.post(conversation('removed-1'), view)).rejects.toThrow();
  });

  it('tells the thread, not the answer, when the private chat cannot be used', async () => {
    const chat = channel().chat;
    const threadId = '19:ch@thread.tacv2;messageid=1';
    connector.refusePrivateChats = true;
    // The caller learns it too: a secret that reached nobody is revoked again (file restore).
    await expect(
      chat.postPrivate(
        { platform: 'teams', id: '29:alice', displayName: 'alice' },
        conversation(threadId, 'channel'),
        {
          kind: 'secret',
          title: 'Script',
          summary: 'the-secret-script',
        },
      ),
    ).rejects.toThrow(/could not be delivered to alice/);
    connector.refusePrivateChats = false;
    const inThread = JSON.stringify(connector.inConversation(threadId));
    expect(inThread).toContain('could not message you privately');
    expect(inThread).not.toContain('the-secret-script');
  });
});
