import { AzurePermissionError } from '../azure/azure-permission-error.js';
import { AzureRequestError, isAzureUnreachable } from '../azure/azure-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { describePermissionFailure } from './describe-permission-failure.js';

const throttlingCodes = new Set(['TooManyRequests', 'SubscriptionRequestsThrottled']);
const unavailableCodes = new Set([
  'ServiceUnavailable',
  'InternalServerError',
  'GatewayTimeout',
  'BadGateway',
]);

/**
 * The two kinds of error (DESIGN.md, "Errors"): UserFacingError and Azure's refusals are shown as
 * they are, with a next step; anything else becomes "Something went wrong (ref ...)" and is logged.
 * `changes` says whether the command could have changed something before it failed: changing
 * operations roll back their own partial work, so the text only has to say which kind this was.
 */
export function describeFailure(
  error: unknown,
  correlationId: string,
  changes: boolean,
): { view: View; unexpected: boolean } {
  if (error instanceof UserFacingError) return { view: error.toView(), unexpected: false };
  if (error instanceof AzureRequestError)
    return { view: azureErrorView(error, correlationId, changes), unexpected: false };
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

function azureErrorView(error: AzureRequestError, correlationId: string, changes: boolean): View {
  const facts = [
    ...(error.code ? [{ label: 'Azure error', value: error.code }] : []),
    ...(error.statusCode ? [{ label: 'HTTP status', value: String(error.statusCode) }] : []),
    ...(error.requestId ? [{ label: 'ARM request id', value: error.requestId }] : []),
    { label: 'Reference', value: correlationId },
  ];
  const state = changes
    ? 'The command stopped at this error; nothing further was started.'
    : 'Nothing was changed.';
  if (error instanceof AzurePermissionError) return describePermissionFailure(error, correlationId, state);
  const throttled = error.statusCode === 429 || (error.code !== undefined && throttlingCodes.has(error.code));
  if (throttled) {
    return {
      kind: 'azure-error',
      title: 'Azure is throttling requests',
      tone: 'attention',
      summary: `Azure kept answering "too many requests" after several retries. ${state}`,
      facts,
      notes: [
        'Wait a minute and run the command again; other tools using the same subscription share the limit.',
      ],
    };
  }
  if (isAzureUnreachable(error)) {
    return {
      kind: 'azure-error',
      title: 'Azure is not answering',
      tone: 'attention',
      summary: `The bot could not reach Azure Resource Manager (${error.code}) after several retries. ${state}`,
      facts,
      notes: [
        'Try again in a few minutes. If it persists, check the network between the bot and Azure, then Azure status for an outage.',
      ],
    };
  }
  if ((error.statusCode ?? 0) >= 500 || (error.code !== undefined && unavailableCodes.has(error.code))) {
    return {
      kind: 'azure-error',
      title: 'Azure is not answering',
      tone: 'attention',
      summary: `Azure failed every retry (${error.code ?? error.statusCode}). ${state}`,
      facts,
      notes: ['Try again in a few minutes. If it persists, check Azure status for an outage in this region.'],
    };
  }
  return {
    kind: 'azure-error',
    title: 'Azure refused the request',
    tone: 'attention',
    summary: `${truncate(error.message, 600)} ${state}`,
    facts,
    notes: ['Fix what Azure names above and run the command again.'],
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
