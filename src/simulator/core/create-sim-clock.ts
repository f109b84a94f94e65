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

/** One `POST /_simulator/clock` moves time at most this far (10 years). */
export const maxAdvanceSeconds = 10 * 365 * 24 * 3600;
/** The last instant a JavaScript Date can hold. */
const maxDateMs = 8.64e15;

export function createSimClock(options: { now: () => number; speed: number; offsetMs: number }): SimClock {
  const { now, speed } = options;
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(
      `Simulator speed must be a positive number of simulated seconds per second, got ${speed}.`,
    );
  }
  if (!isValidInstant(now() + options.offsetMs)) {
    throw new RangeError(
      `The simulated clock offset ${options.offsetMs} ms puts simulated time outside the dates JavaScript can hold; delete the state file to start again.`,
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
      if (seconds > maxAdvanceSeconds) {
        throw new RangeError(
          `advanceSeconds may be at most ${maxAdvanceSeconds} (10 years) per call, got ${seconds}.`,
        );
      }
      // Checked before it is applied, so that a refused advance leaves the clock as it was.
      if (!isValidInstant(now() + offset + seconds * 1000)) {
        throw new RangeError(
          `Advancing by ${seconds} s would move simulated time past the last date JavaScript can hold.`,
        );
      }
      offset += seconds * 1000;
    },
    toRealSeconds: (simulatedSeconds: number) => simulatedSeconds / speed,
  };
}

function isValidInstant(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= maxDateMs;
}
