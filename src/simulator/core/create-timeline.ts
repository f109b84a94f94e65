import { settleOperations } from './long-running-operations.js';
import type { OperationHandlers, ResourceProvider } from './route-types.js';
import type { FaultRule, SimulatorState } from './simulator-state.js';

/**
 * What simulated time does by itself, lazily: before a request is served, the operations the clock
 * has passed are settled, then each provider catches up with its own time-driven work (scheduled
 * backups). Nothing runs on a timer, so a clock jump and a restart need nothing special.
 */
export interface Timeline {
  /** Brings the state up to `nowMs`; true when it changed (so that it is saved). */
  catchUp(state: SimulatorState, nowMs: number): boolean;
  /** Tells the providers that a fault rule was removed at `nowMs`. */
  faultRemoved(state: SimulatorState, rule: FaultRule, nowMs: number): void;
}

export function createTimeline(
  providers: readonly ResourceProvider[],
  handlers: OperationHandlers,
  speed: number,
): Timeline {
  return {
    catchUp(state, nowMs) {
      let changed = settleOperations(state, nowMs, handlers);
      for (const provider of providers) {
        if (provider.catchUp?.(state, nowMs, speed)) changed = true;
      }
      return changed;
    },
    faultRemoved(state, rule, nowMs) {
      for (const provider of providers) provider.faultRemoved?.(state, rule, nowMs);
    },
  };
}
