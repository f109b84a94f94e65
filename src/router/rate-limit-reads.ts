import type { View } from '../chat/view.js';
import { MinuteWindow } from './minute-window.js';

/**
 * A brake on reads (and dry runs) per person, apart from the one on changes: each read spends the
 * bot identity's Azure Resource Manager read quota, which every user shares, so one person's
 * script must not use it up for everyone. A person is counted once across platforms (`personKey`,
 * from person-key.ts). Counted in this process, per replica, like the change limits.
 */
export class ReadRateLimiter {
  private readonly window = new MinuteWindow();

  constructor(private readonly perPerson: number) {}

  /** A refusal when the person is over the limit; otherwise counts the read and returns undefined. */
  take(personKey: string, now: Date): View | undefined {
    const at = now.getTime();
    const key = `reads:${personKey}`;
    const recent = this.window.recent(key, at);
    if (recent.length >= this.perPerson) {
      return {
        kind: 'refusal',
        title: 'Slow down',
        tone: 'warning',
        summary: `Not run: you have run ${recent.length} reads in the last minute, the limit per person. Try again in ${this.window.waitSeconds(recent, at)} s.`,
        notes: [
          "Every read asks Azure, and the bot's Azure read quota is shared by everyone who uses it.",
          'Changes have a limit of their own and are not held back by this one.',
        ],
      };
    }
    this.window.add([key], at);
    return undefined;
  }
}
