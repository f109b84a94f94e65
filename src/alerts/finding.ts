import type { Fact, Tone, ViewAction } from '../chat/view.js';
import type { AlertKind } from './alert-kinds.js';

/**
 * What one watcher saw in one poll: one finding per incident. Stored as the alert's `finding`
 * (JSON), so the card can be drawn again without asking Azure.
 */
export interface Finding {
  kind: AlertKind;
  /** The same incident gives the same key from poll to poll: `backup-failed:vm-web-01`. */
  key: string;
  /** Lower-case names a subscription's scope may match: the VM, its resource group, its apps. */
  subjects: string[];
  title: string;
  tone: Tone;
  /** The facts in plain words. */
  summary: string;
  facts: Fact[];
  /** Buttons: each runs a command through the normal path (roles, approvals, audit). */
  actions: ViewAction[];
  /** What is said in the alert's thread when it no longer holds. */
  resolution: string;
  /** Things that happened (failed job ids): each new one counts as one more occurrence. */
  occurrenceIds?: string[];
}

/**
 * A watcher's answer for one poll: its findings, and which incident keys it could judge. An open
 * alert of its kind that is judged and not found is resolved; one it could not judge (its data
 * was not readable, a VM with no recent job) stays as it is.
 */
export interface WatchResult {
  kind: AlertKind;
  findings: Finding[];
  judges(key: string): boolean;
}

/** A button that runs `command` as whoever clicks it. */
export function runButton(label: string, command: string, style?: ViewAction['style']): ViewAction {
  return { label, verb: 'run', data: { command }, ...(style ? { style } : {}) };
}

/** Every key of the kind is judged (the watcher read everything it needs). */
export function judgesAll(kind: AlertKind): (key: string) => boolean {
  return (key) => key.startsWith(`${kind}:`);
}
