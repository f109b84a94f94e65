import type { AzurePort } from '../azure/azure-port.js';
import type { ChatEvent } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { PolicyMember } from '../config/policy.js';
import type { ProgressMessage } from '../jobs/progress-message.js';
import type { Logger } from '../observability/create-logger.js';

/** What an operation gets: the parsed command, who asked, Azure, and its message to show progress in. */
export interface OperationContext {
  command: ParsedCommand;
  event: ChatEvent;
  member: PolicyMember | undefined;
  azure: AzurePort;
  progress: ProgressMessage;
  log: Logger;
  now(): Date;
  signal: AbortSignal;
}

/** An operation returns its final View; the router delivers it in place of any progress shown. */
export type Operation = (context: OperationContext) => Promise<View>;
