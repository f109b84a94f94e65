/**
 * The simulator's clock. Simulated time is the real time plus an offset that only the admin API
 * moves (`POST /_simulator/clock`), so resource timestamps agree with the bot's own clock, as real
 * Azure's do. `speed` compresses how long operations take: at speed 60 a 30-minute Azure job is
 * done in 30 real seconds. Time passes while the simulator is down, as it does for Azure.
 */
export interface SimClock {
  readonly speed: number;
  /** Simulated now, ms since epoch. */
  nowMs(): number;
  /** How far simulated time is ahead of real time (persisted in the state). */
  offsetMs(): number;
  advance(seconds: number): void;
  /** Real seconds that an operation lasting `simulatedSeconds` in Azure takes at this speed. */
  toRealSeconds(simulatedSeconds: number): number;
}

export function createSimClock(options: { now: () => number; speed: number; offsetMs: number }): SimClock {
  const { now, speed } = options;
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(
      `Simulator speed must be a positive number of simulated seconds per second, got ${speed}.`,
    );
  }
  let offset = options.offsetMs;
  return {
    speed,
    nowMs: () => Math.floor(now() + offset),
    offsetMs: () => offset,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`The clock only moves forward: advanceSeconds must be >= 0, got ${seconds}.`);
      }
      offset += seconds * 1000;
    },
    toRealSeconds: (simulatedSeconds: number) => simulatedSeconds / speed,
  };
}
