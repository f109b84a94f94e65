import { AzurePermissionError } from '../azure/azure-permission-error.js';
import { AzureRequestError } from '../azure/azure-port.js';
import type { OperationContext } from './operation.js';

/**
 * One failed step of an operation that goes on (rolls back, reports the rest): logs it with the
 * command's correlation id and returns the words to show. Azure's own reasons are shown with their
 * code and ARM request id; anything else is a reference only, as for the router's errors.
 */
export function explainFailure(context: OperationContext, error: unknown, step: string): string {
  if (error instanceof AzureRequestError) {
    context.log.warn(
      { err: error, step, code: error.code, requestId: error.requestId },
      'Azure refused a step',
    );
    const ids = [error.code, error.requestId ? `request ${error.requestId}` : undefined]
      .filter(Boolean)
      .join(', ');
    // A missing permission is told whole: which one, on what, and the command that grants it.
    const words = error instanceof AzurePermissionError ? error.message : error.message.slice(0, 300);
    return `${words}${ids ? ` (${ids})` : ''}`;
  }
  if (context.signal.aborted) {
    context.log.warn({ err: error, step }, 'step interrupted by shutdown');
    return 'interrupted because the bot was stopping';
  }
  context.log.error({ err: error, step }, 'step failed unexpectedly');
  return `an unexpected error (ref ${context.event.correlationId})`;
}
