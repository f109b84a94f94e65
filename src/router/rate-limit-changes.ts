import type { ChatEvent } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';

export interface ChangeLimits {
  /** Changing commands one person may start per minute. */
  perPerson: number;
  /** Changing commands one channel may start per minute, whoever types them. */
  perChannel: number;
}

const windowMs = 60_000;

/**
 * A brake on changing commands (a script gone wrong, a panicking channel): per person and per
 * channel, in a sliding minute. Reads, dry runs and the bot's own commands (schedules) are not
 * counted. Counted in this process: with several replicas each enforces its own share, so the
 * limits are per replica (the load balancer spreads a burst, so the brake still holds roughly).
 */
export class ChangeRateLimiter {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly limits: ChangeLimits) {}

  /** A refusal when the event is over a limit; otherwise counts it and returns undefined. */
  take(event: ChatEvent, now: Date): View | undefined {
    const at = now.getTime();
    const person = `person:${event.actor.platform}:${event.actor.aadObjectId ?? event.actor.id}`;
    const channel = `channel:${event.conversation.platform}:${event.conversation.conversationId}`;
    const over =
      this.over(person, this.limits.perPerson, at, 'you have', 'per person') ??
      this.over(channel, this.limits.perChannel, at, 'this channel has', 'per channel');
    if (over) return over;
    for (const key of [person, channel]) this.starts.get(key)?.push(at) ?? this.starts.set(key, [at]);
    if (this.starts.size > 10_000) this.forgetOld(at);
    return undefined;
  }

  private over(key: string, limit: number, at: number, who: string, which: string): View | undefined {
    const recent = (this.starts.get(key) ?? []).filter((start) => start > at - windowMs);
    this.starts.set(key, recent);
    if (recent.length < limit) return undefined;
    const waitSeconds = Math.max(1, Math.ceil(((recent[0] ?? at) + windowMs - at) / 1000));
    return {
      kind: 'refusal',
      title: 'Slow down',
      tone: 'warning',
      summary: `Not started: ${who} started ${recent.length} changes in the last minute, the limit ${which}. Try again in ${waitSeconds} s.`,
      notes: ['Reads (`status`, `jobs`, `dr status`) and `--dry-run` still work meanwhile.'],
    };
  }

  private forgetOld(at: number): void {
    for (const [key, starts] of this.starts)
      if (!starts.some((start) => start > at - windowMs)) this.starts.delete(key);
  }
}
