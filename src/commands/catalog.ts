import { alertCommands } from './catalog/alert-commands.js';
import { backupCommands } from './catalog/backup-commands.js';
import { generalCommands } from './catalog/general-commands.js';
import { jobCommands } from './catalog/job-commands.js';
import { siteRecoveryCommands } from './catalog/site-recovery-commands.js';
import { siteRecoveryReadCommands } from './catalog/site-recovery-read-commands.js';
import { snapshotCommands } from './catalog/snapshot-commands.js';
import type { CommandSpec } from './command-spec.js';

export type {
  ArgSpec,
  ArgType,
  Availability,
  CommandAlias,
  CommandGroup,
  CommandSpec,
  Role,
} from './command-spec.js';
export { COMMAND_GROUPS } from './command-spec.js';

/**
 * Every command the bot knows, in help order. The one source for help, the parser, the Teams
 * command list, the Slack usage hint and the default policy. Where several specs share their
 * leading words (restore, failover), the parser tries them in this order.
 */
export const commandCatalog: readonly CommandSpec[] = [
  ...snapshotCommands,
  ...backupCommands,
  ...siteRecoveryReadCommands,
  ...siteRecoveryCommands,
  ...alertCommands,
  ...jobCommands,
  ...generalCommands,
];

const byId = new Map(commandCatalog.map((spec) => [spec.id, spec]));

export function findCommandSpec(id: string): CommandSpec | undefined {
  return byId.get(id);
}

/** The command as people say it: its leading words ("snapshot delete"). */
export function commandName(spec: CommandSpec): string {
  return spec.words.join(' ');
}
