import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChatEvent } from '../chat/chat-event.js';

/** The command on whose behalf code runs, carried through every await of that command. */
export interface CommandScope {
  event: ChatEvent;
  commandId: string;
  commandText: string;
  approvalId?: string;
  jobId?: string;
  /** Set once Azure accepted a change (PUT, PATCH, POST, DELETE) of this command's. */
  azureChanged?: boolean;
}

/**
 * Lets layers that never see the command (the SDK pipeline) tag what they do with it: ARM requests
 * carry its correlation id, and changing ARM calls are audited under it, without threading it
 * through every port method.
 */
export const commandContext = new AsyncLocalStorage<CommandScope>();
