/**
 * The words of the domain, once: how cards, reports, Markdown and Slack say a recovery point's
 * consistency, a failover's direction, the state of a job or task, and a duration. Azure's enum
 * spellings (AppConsistent, PrimaryToRecovery, InProgress, ...) come in; words a tired reader takes
 * in at a glance go out. `RAW_AZURE_SPELLINGS` lists every enum translated here, so a test can flag
 * one that reaches a card untranslated.
 */

/** Azure Backup's, Compute's and Site Recovery's consistency types, as one wording. */
const consistency: Record<string, string> = {
  AppConsistent: 'application-consistent',
  ApplicationConsistent: 'application-consistent',
  FileSystemConsistent: 'file-system-consistent',
  CrashConsistent: 'crash-consistent',
};

/** Site Recovery's recovery point choices for a failover (LatestApplicationConsistent, ...). */
const pointChoices: Record<string, string> = {
  Latest: 'the latest point (Azure first processes all data it received)',
  LatestProcessed: 'the latest processed point',
  LatestApplicationConsistent: 'the latest application-consistent point',
  LatestCrashConsistent: 'the latest crash-consistent point',
};

/** "application-consistent" for AppConsistent (and any spelling of it); unknown types as given. */
export function consistencyWord(type: string | undefined): string {
  if (!type) return 'unknown';
  const known = consistency[type];
  if (known) return known;
  const squeezed = type.replace(/[\s_-]/g, '').toLowerCase();
  if (/^app(lication)?(consistent)?$/.test(squeezed)) return consistency.AppConsistent as string;
  if (/^crash(consistent)?$/.test(squeezed)) return consistency.CrashConsistent as string;
  if (/^filesystem(consistent)?$/.test(squeezed)) return consistency.FileSystemConsistent as string;
  return type;
}

/** "the latest application-consistent point" for Site Recovery's LatestApplicationConsistent. */
export function recoveryPointChoiceWords(type: string): string {
  return pointChoices[type] ?? type;
}

/** The two regions of a replicated VM or app, where known. */
export interface RegionPair {
  primary?: string;
  recovery?: string;
}

function regionOf(side: 'primary' | 'recovery', regions: RegionPair | undefined): string {
  const name = regions?.[side];
  return name ? `the ${side} region (${name})` : `the ${side} region`;
}

/** "from the primary region (westeurope) to the recovery region (northeurope)" for PrimaryToRecovery. */
export function directionWords(direction: string, regions?: RegionPair): string {
  if (direction === 'PrimaryToRecovery')
    return `from ${regionOf('primary', regions)} to ${regionOf('recovery', regions)}`;
  if (direction === 'RecoveryToPrimary')
    return `from ${regionOf('recovery', regions)} back to ${regionOf('primary', regions)}`;
  return direction;
}

/** "the recovery region (northeurope)" for Site Recovery's active location Recovery. */
export function activeLocationWords(location: string, regions?: RegionPair): string {
  if (location === 'Primary') return regionOf('primary', regions);
  if (location === 'Recovery') return regionOf('recovery', regions);
  return location;
}

/** Site Recovery's operations on a recovery plan (its allowedOperations), as the bot's commands name them. */
const planOperations: Record<string, string> = {
  PlannedFailover: 'planned failover',
  UnplannedFailover: 'unplanned failover',
  TestFailover: 'drill (test failover)',
  TestFailoverCleanup: 'drill cleanup',
  FailoverCommit: 'commit',
  Commit: 'commit',
  CancelFailover: 'failover cancel',
  ReverseReplicate: 'reprotect',
  Reprotect: 'reprotect',
  ChangePit: 'change recovery point',
  CompleteMigration: 'complete migration',
};

/** "planned failover" for PlannedFailover; other operations split into words. */
export function planOperationWords(operation: string): string {
  return planOperations[operation] ?? splitWords(operation);
}

/** Azure Backup's protection states of a VM (and Site Recovery's of a replicated item). */
const protection: Record<string, string> = {
  Protected: 'protected',
  IRPending: 'protected, first backup pending',
  ProtectionStopped: 'protection stopped',
  ProtectionError: 'protection failing',
  ProtectionPaused: 'protection paused',
  UnprotectedStatesBegin: 'not protected',
  ProtectedStatesBegin: 'protected',
};

/** "protected, first backup pending" for IRPending. */
export function protectionWord(state: string): string {
  return protection[state] ?? splitWords(state);
}

/** Azure Backup's job operations (Backup, Restore, ConfigureBackup, ...) as words: "configure backup". */
export function backupOperationWord(operation: string): string {
  return splitWords(operation);
}

/** Job and task states (the bot's own, Azure Backup's, Site Recovery's) as the word after "is". */
const states: Record<string, string> = {
  InProgress: 'running',
  NotStarted: 'not started',
  Suspended: 'waiting',
  Succeeded: 'succeeded',
  Completed: 'completed',
  CompletedWithWarnings: 'completed with warnings',
  PartiallySucceeded: 'partly succeeded',
  Failed: 'failed',
  Cancelling: 'being cancelled',
  Cancelled: 'cancelled',
  Skipped: 'skipped',
  WaitingForCompletion: 'waiting for cleanup',
  WaitingForManualAction: 'waiting for a manual step',
  TestFailoverInProgress: 'drill in progress',
  FailoverCommitted: 'failover committed',
};

/** "running" for InProgress, "completed with warnings" for CompletedWithWarnings; the bot's own states as they are. */
export function stateWord(state: string): string {
  return states[state] ?? splitWords(state);
}

/** "ConfigureBackup" -> "configure backup"; "IR" and other capitals stay together. */
function splitWords(enumName: string): string {
  return enumName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A job that is past the point a command needed, as a sentence's end: "has already succeeded",
 * "has already failed", "was already cancelled", "is already running".
 */
export function alreadyInState(state: string): string {
  const word = stateWord(state);
  if (word === 'running' || word === 'waiting' || word === 'being cancelled') return `is already ${word}`;
  if (word === 'cancelled') return 'was already cancelled';
  if (word === 'not started') return 'has not started yet';
  return `has already ${word}`;
}

/**
 * One duration wording for cards and reports: 0.4 s (below ten seconds), 45 s, 12 min, 2 h 5 min.
 * `exact`: minutes keep their seconds ("2 min 5 s"), for how long a step or command took.
 */
export function formatDuration(seconds: number, options: { exact?: boolean } = {}): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 10 && seconds % 1 !== 0) return `${seconds.toFixed(1)} s`;
  if (seconds < (options.exact ? 60 : 90)) return `${Math.round(seconds)} s`;
  if (options.exact && seconds < 3600) {
    const whole = Math.round(seconds);
    const rest = whole % 60;
    return rest === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${rest} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 90 && !options.exact) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Azure enum spellings this module translates, that no card may show as they are. Words that read
 * as English too (Failed, Completed, Skipped) are left out: a sentence may use them.
 */
export const RAW_AZURE_SPELLINGS: readonly string[] = [
  ...Object.keys(consistency),
  ...Object.keys(pointChoices).filter((type) => type !== 'Latest'),
  ...Object.keys(planOperations).filter((op) => /[a-z][A-Z]/.test(op)),
  'PrimaryToRecovery',
  'RecoveryToPrimary',
  'InProgress',
  'NotStarted',
  'CompletedWithWarnings',
  'PartiallySucceeded',
  'WaitingForCompletion',
  'WaitingForManualAction',
  'TestFailoverInProgress',
  'FailoverCommitted',
  ...Object.keys(protection).filter((state) => state !== 'Protected'),
  'ConfigureBackup',
  'DeleteBackupData',
  'DisableBackup',
];

/** Spellings the bot used before this vocabulary, that no card may show any more. */
export const OLD_SPELLINGS: readonly RegExp[] = [
  // A job state after "is": "job-1ee122c6 is already succeeded".
  /\bis already (succeeded|failed)\b/,
  // A placeholder where the job, VM or set is known.
  /`cancel <job>`/,
  // Consistency as a bare adjective ("application", "crash", "file system") in a recovery point list.
  /\|\s*(application|crash|file system)\s*\|/,
];
