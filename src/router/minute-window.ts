const windowMs = 60_000;

/**
 * What the rate limits count: when each key (a person, a channel) started something, in a sliding
 * minute. In this process only: with several replicas each counts its own share.
 */
export class MinuteWindow {
  private readonly starts = new Map<string, number[]>();

  /** The starts of `key` in the minute before `at`, oldest first. */
  recent(key: string, at: number): number[] {
    const recent = (this.starts.get(key) ?? []).filter((start) => start > at - windowMs);
    if (recent.length > 0) this.starts.set(key, recent);
    else this.starts.delete(key);
    return recent;
  }

  /** Counts a start for each key. */
  add(keys: readonly string[], at: number): void {
    for (const key of keys) this.starts.get(key)?.push(at) ?? this.starts.set(key, [at]);
    if (this.starts.size > 10_000) this.forgetOld(at);
  }

  /** Whole seconds until the oldest of `recent` leaves the window (at least 1). */
  waitSeconds(recent: readonly number[], at: number): number {
    return Math.max(1, Math.ceil(((recent[0] ?? at) + windowMs - at) / 1000));
  }

  private forgetOld(at: number): void {
    for (const [key, starts] of this.starts)
      if (!starts.some((start) => start > at - windowMs)) this.starts.delete(key);
  }
}
