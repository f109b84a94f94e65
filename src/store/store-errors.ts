import { UserFacingError } from '../chat/user-facing-error.js';

/** Why the store cannot be used; each names a different fix for whoever runs the bot. */
export type StoreUnavailableReason =
  | 'read-only'
  | 'disk-full'
  | 'locked'
  | 'cannot-open'
  | 'corrupt'
  | 'io-error'
  | 'closed'
  | 'unreachable';

/**
 * The store cannot record anything right now. It is a UserFacingError on purpose: the user sees
 * "The bot cannot write its records right now: ..." (never a half-done change, since nothing was
 * written), and `nextStep` tells whoever runs the bot what to fix. The driver error is kept as `cause`
 * for the log.
 */
export class StoreUnavailableError extends UserFacingError {
  override readonly cause: unknown;

  constructor(
    readonly reason: StoreUnavailableReason,
    problem: string,
    nextStep: string,
    cause?: unknown,
  ) {
    super(`The bot cannot write its records right now: ${problem}.`, {
      title: 'Store unavailable',
      nextStep,
    });
    Object.defineProperty(this, 'name', { value: 'StoreUnavailableError' });
    this.cause = cause;
  }
}

/**
 * The database was migrated by a newer version of the bot (it records a schema version this code
 * does not know). Running older code on it could corrupt it, so the store refuses to open.
 */
export class SchemaTooNewError extends Error {
  constructor(
    readonly where: string,
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database at ${where} has schema version ${databaseVersion}, newer than this bot understands ` +
        `(up to ${codeVersion}). Run the bot version that migrated it, or point DATA_DIR / DATABASE_URL ` +
        'at another database.',
    );
    Object.defineProperty(this, 'name', { value: 'SchemaTooNewError' });
  }
}
