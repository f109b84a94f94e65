import { unitFraction } from './backup-ids.js';

/**
 * The instants of a daily backup policy (`scheduleTimeUtc`, HH:MM UTC): one slot a day. Azure starts
 * each run a little after its slot; the simulator adds up to 20 minutes of jitter derived from the
 * item and the slot, so that runs are deterministic however the clock is moved.
 */
const minuteMs = 60_000;
const dayMs = 86_400_000;
export const maxStartJitterMs = 20 * minuteMs;

/** The latest slot at or before `ms`. */
export function slotAtOrBefore(scheduleTimeUtc: string, ms: number): number {
  const [hours, minutes] = scheduleTimeUtc.split(':').map(Number);
  const day = new Date(ms);
  const slot = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours ?? 0, minutes ?? 0);
  return slot <= ms ? slot : slot - dayMs;
}

/** The first slot after `ms`. */
export function slotAfter(scheduleTimeUtc: string, ms: number): number {
  return slotAtOrBefore(scheduleTimeUtc, ms) + dayMs;
}

/** When the run of `slotMs` starts for this item (the slot plus its jitter). */
export function scheduledStartMs(itemId: string, slotMs: number): number {
  return slotMs + Math.floor(unitFraction(`${itemId}:${slotMs}:start`) * maxStartJitterMs);
}
