/**
 * The simulated clock: `speed` simulated seconds pass per real second. It is anchored at a simulated
 * instant (from the saved state, so a restart continues where it stopped) and can jump ahead for tests.
 */
export interface SimClock {
  readonly speed: number;
  /** Simulated now, ms since epoch. */
  nowMs(): number;
  advance(seconds: number): void;
  /** Real seconds that `simulatedSeconds` take at this speed. */
  toRealSeconds(simulatedSeconds: number): number;
}

export function createSimClock(options: { now: () => number; speed: number; simulatedMs: number }): SimClock {
  const { now, speed } = options;
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(
      `Simulator speed must be a positive number of simulated seconds per second, got ${speed}.`,
    );
  }
  const anchorRealMs = now();
  let anchorSimulatedMs = options.simulatedMs;
  return {
    speed,
    nowMs: () => Math.floor(anchorSimulatedMs + (now() - anchorRealMs) * speed),
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`The clock only moves forward: advanceSeconds must be >= 0, got ${seconds}.`);
      }
      anchorSimulatedMs += seconds * 1000;
    },
    toRealSeconds: (simulatedSeconds: number) => simulatedSeconds / speed,
  };
}
