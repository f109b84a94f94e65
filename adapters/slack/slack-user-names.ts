import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/observability/create-logger.js';

/** Names are looked up again after this long (people rename themselves). */
const ttlMs = 60 * 60_000;

/**
 * Display names for Slack user ids (events carry only the id; cards say "Requested by alice").
 * One `users.info` per person per hour; when Slack does not answer, the id stands in.
 */
export class SlackUserNames {
  private readonly cache = new Map<string, { name: string; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  async nameOf(userId: string): Promise<string> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.name;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const name = user?.profile?.display_name || user?.real_name || user?.name || userId;
      this.cache.set(userId, { name, until: Date.now() + ttlMs });
      return name;
    } catch (error) {
      this.log.debug({ err: error, userId }, 'no Slack display name; using the id');
      return userId;
    }
  }
}
