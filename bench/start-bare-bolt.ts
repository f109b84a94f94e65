import type { AddressInfo } from 'node:net';
import bolt from '@slack/bolt';

/**
 * The baseline for Slack acks: a bare Bolt app (its own HTTP receiver, signature verification on)
 * that acks the slash command and does nothing else.
 */
export async function startBareBolt(signingSecret: string): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new bolt.HTTPReceiver({ signingSecret, endpoints: '/slack/events' });
  const app = new bolt.App({
    receiver,
    token: 'xoxb-baseline',
    botId: 'B0BASE',
    botUserId: 'U0BASE',
    tokenVerificationEnabled: false,
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command('/recovery', async ({ ack }) => {
    await ack();
  });
  const server = await app.start(0);
  const address = (server as { address(): AddressInfo }).address();
  return {
    url: `http://localhost:${address.port}`,
    close: () => app.stop().then(() => undefined),
  };
}
