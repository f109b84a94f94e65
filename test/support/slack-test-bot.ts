import { FakeSlackApi, type SlackMessage, slackSignature, slackUsers } from './fake-slack-api.js';
import { type StartTestBotOptions, startTestBot, type TestBot } from './start-test-bot.js';

export const signingSecret = 'test-signing-secret-0123456789abcdef';
export const slackUserIds = Object.fromEntries(
  Object.entries(slackUsers).map(([id, name]) => [name, id]),
) as Record<string, string>;

export interface SlackTestBot {
  bot: TestBot;
  slack: FakeSlackApi;
  /** POSTs a raw body to /slack/events, signed unless `headers` say otherwise. */
  post(
    body: string,
    contentType: string,
    options?: { headers?: Record<string, string>; timestamp?: number; unsigned?: boolean },
  ): Promise<{ status: number; text: string }>;
  /** Runs `/recovery <text>` as `user` in `channel`. */
  slash(user: string, text: string, channel?: string): Promise<{ status: number; text: string }>;
  /** Sends an Events API callback (app_mention, message) with a fresh event id, or the given one. */
  event(
    event: Record<string, unknown>,
    options?: { eventId?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; text: string }>;
  /** Clicks the button labelled `label` on `message` (its latest version) as `user` (Slack name: `name`). */
  click(
    user: string,
    message: SlackMessage,
    label: string,
    name?: string,
  ): Promise<{ status: number; text: string }>;
  /** Waits for a message whose latest version's text and blocks satisfy `done`. */
  waitForMessage(
    done: (message: SlackMessage, text: string) => boolean,
    timeoutMs?: number,
  ): Promise<SlackMessage>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startSlackTestBot(
  env: Record<string, string> = {},
  options: StartTestBotOptions = {},
): Promise<SlackTestBot> {
  const slack = new FakeSlackApi();
  await slack.start();
  const bot = await startTestBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.url,
      ...env,
    },
    options,
  );
  const post: SlackTestBot['post'] = async (body, contentType, options = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signed = options.unsigned ? {} : slackSignature(signingSecret, body, timestamp);
    const response = await fetch(`${bot.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signed, ...options.headers },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  const slash: SlackTestBot['slash'] = (user, text, channel = 'C0OPS') => {
    const userId = slackUserIds[user] ?? user;
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T0CONTOSO',
      team_domain: 'contoso',
      channel_id: channel,
      channel_name: 'ops',
      user_id: userId,
      user_name: user,
      command: '/recovery',
      text,
      api_app_id: 'A0RECOVERY',
      response_url: `${slack.url.replace(/\/api\/$/, '')}/commands/response-${++counter}`,
      trigger_id: `trigger-${Date.now()}-${++counter}`,
    });
    return post(form.toString(), 'application/x-www-form-urlencoded');
  };
  const event: SlackTestBot['event'] = (payload, options = {}) =>
    post(
      JSON.stringify({
        token: 'legacy-verification-token',
        team_id: 'T0CONTOSO',
        api_app_id: 'A0RECOVERY',
        event: payload,
        type: 'event_callback',
        event_id: options.eventId ?? `Ev${Date.now()}${++counter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: 'T0CONTOSO', user_id: 'U0BOT', is_bot: true }],
      }),
      'application/json',
      { headers: options.headers },
    );
  const click: SlackTestBot['click'] = (user, message, label, name = user) => {
    const blocks = (message.versions.at(-1)?.blocks as Record<string, unknown>[] | undefined) ?? [];
    const buttons = blocks
      .filter((block) => block.type === 'actions')
      .flatMap((block) => (block.elements as Record<string, unknown>[]) ?? []);
    const button = buttons.find((b) => (b.text as { text?: string } | undefined)?.text === label);
    if (!button)
      throw new Error(
        `no button ${label}; there are ${buttons.map((b) => JSON.stringify(b.text)).join(', ')}`,
      );
    const userId = slackUserIds[user] ?? user;
    const payload = {
      type: 'block_actions',
      user: { id: userId, username: name, name, team_id: 'T0CONTOSO' },
      api_app_id: 'A0RECOVERY',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: `trigger-${Date.now()}-${++counter}`,
      team: { id: 'T0CONTOSO', domain: 'contoso' },
      channel: { id: message.channel, name: 'ops' },
      message: { type: 'message', ts: message.ts, thread_ts: message.threadTs, text: 'card', user: 'U0BOT' },
      response_url: `${slack.url.replace(/\/api\/$/, '')}/actions/response-${counter}`,
      actions: [
        {
          action_id: button.action_id,
          block_id: 'actions',
          text: button.text,
          value: button.value,
          // A link button's click still reaches the app, with its url (Slack opened the page).
          ...(button.url ? { url: button.url } : {}),
          style: button.style,
          type: 'button',
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    return post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  };
  const waitForMessage: SlackTestBot['waitForMessage'] = async (done, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = slack.messages.find((m) => done(m, slackText(m.versions.at(-1))));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const seen = slack.messages.map((m) => slackText(m.versions.at(-1)).slice(0, 300));
    throw new Error(`Timed out waiting for a Slack message; saw:\n${seen.join('\n---\n') || '(nothing)'}`);
  };
  return {
    bot,
    slack,
    post,
    slash,
    event,
    click,
    waitForMessage,
    async stop() {
      await bot.stop();
      await slack.stop();
    },
  };
}

/** Every text of a Slack message (its `text` and all texts in its blocks), flattened. */
export function slackText(args: Record<string, unknown> | undefined): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(args);
  return texts.join('\n');
}
