import type { ChatEvent } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';
import { MinuteWindow } from './minute-window.js';

export interface ChangeLimits {
  /** Changing commands one person may start per minute. */
  perPerson: number;
  /** Changing commands one channel may start per minute, whoever types them. */
  perChannel: number;
}

/**
 * A brake on changing commands (a script gone wrong, a panicking channel): per person and per
 * channel, in a sliding minute. A person is counted once across platforms (`personKey`, from
 * person-key.ts). Reads and dry runs have their own limit (rate-limit-reads.ts); the bot's own
 * commands (schedules) are not counted. Counted in this process: with several replicas each
 * enforces its own share, so the limits are per replica (the load balancer spreads a burst, so the
 * brake still holds roughly).
 */
export class ChangeRateLimiter {
  private readonly window = new MinuteWindow();

  constructor(private readonly limits: ChangeLimits) {}

  /** A refusal when the event is over a limit; otherwise counts it and returns undefined. */
  take(event: ChatEvent, personKey: string, now: Date): View | undefined {
    const at = now.getTime();
    const person = `person:${personKey}`;
    const channel = `channel:${event.conversation.platform}:${event.conversation.conversationId}`;
    const over =
      this.over(person, this.limits.perPerson, at, 'you have', 'per person') ??
      this.over(channel, this.limits.perChannel, at, 'this channel has', 'per channel');
    if (over) return over;
    this.window.add([person, channel], at);
    return undefined;
  }

  private over(key: string, limit: number, at: number, who: string, which: string): View | undefined {
    const recent = this.window.recent(key, at);
    if (recent.length < limit) return undefined;
    return {
      kind: 'refusal',
      title: 'Slow down',
      tone: 'warning',
      summary: `Not started: ${who} started ${recent.length} changes in the last minute, the limit ${which}. Try again in ${this.window.waitSeconds(recent, at)} s.`,
      notes: ['Reads (`status`, `jobs`, `dr status`) and `--dry-run` still work meanwhile.'],
    };
  }
}
