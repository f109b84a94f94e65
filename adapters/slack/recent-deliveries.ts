/**
 * Delivery ids (a slash command's trigger_id) this process saw in the last ten minutes, so that a
 * replayed request does not even post its echo in the channel. The router's store-backed
 * idempotency key is what makes the command itself run once, across replicas too; this only keeps
 * a replay from leaving a second "alice ran ..." line behind.
 */
export class RecentDeliveries {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 10_000,
  ) {}

  /** True the first time an id is seen within its lifetime. */
  first(id: string, now = Date.now()): boolean {
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.set(id, now);
    if (this.seen.size > this.max) {
      for (const [key, time] of this.seen)
        if (now - time >= this.ttlMs || this.seen.size > this.max) this.seen.delete(key);
    }
    return true;
  }
}
