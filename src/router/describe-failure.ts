import { AzureRequestError } from '../azure/azure-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';

/** Azure error codes whose message the user can act on; anything else is still shown, with its code. */
const throttled = new Set(['TooManyRequests', 'SubscriptionRequestsThrottled', 'OperationNotAllowed']);

/**
 * The two kinds of error (DESIGN.md, "Errors"): UserFacingError and Azure's refusals are shown as
 * they are, with a next step; anything else becomes "Something went wrong (ref ...)" and is logged.
 */
export function describeFailure(error: unknown, correlationId: string): { view: View; unexpected: boolean } {
  if (error instanceof UserFacingError) return { view: error.toView(), unexpected: false };
  if (error instanceof AzureRequestError) {
    const facts = [
      ...(error.code ? [{ label: 'Azure error', value: error.code }] : []),
      ...(error.requestId ? [{ label: 'ARM request id', value: error.requestId }] : []),
      { label: 'Reference', value: correlationId },
    ];
    const retry = error.statusCode === 429 || (error.code !== undefined && throttled.has(error.code));
    return {
      unexpected: false,
      view: {
        kind: 'azure-error',
        title: 'Azure refused the request',
        tone: 'attention',
        summary: truncate(error.message, 600),
        facts,
        notes: [
          retry
            ? 'Azure is throttling requests. Wait a minute and try again.'
            : 'Nothing else was changed. Fix what Azure names above and run the command again.',
        ],
      },
    };
  }
  return {
    unexpected: true,
    view: {
      kind: 'error',
      title: 'Something went wrong',
      tone: 'attention',
      summary: `Something went wrong (ref ${correlationId}). The error is logged under that reference.`,
      notes: ['Try again in a minute; if it keeps failing, give the reference to whoever runs the bot.'],
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
