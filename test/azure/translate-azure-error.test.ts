import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import {
  AzureRequestError,
  isAzureUnreachable,
  isPassingAzureError,
  mayHaveCreated,
} from '../../src/azure/azure-port.js';
import { translateAzureError } from '../../src/azure/translate-azure-error.js';
import { describeFailure } from '../../src/router/describe-failure.js';

/** What the SDK throws when ARM gives no HTTP answer at all: a RestError with a socket code. */
function socketError(code: string): RestError {
  return new RestError(`connect ${code} 127.0.0.1:4100`, { code });
}

describe('Azure unreachable, as the SDK reports it', () => {
  it('turns a refused connection into an unreachable error that cannot have created anything', () => {
    const error = translateAzureError(socketError('ECONNREFUSED'));
    expect(error).toBeInstanceOf(AzureRequestError);
    expect(isAzureUnreachable(error)).toBe(true);
    expect(isPassingAzureError(error)).toBe(true);
    expect(mayHaveCreated(error)).toBe(false);
    expect((error as Error).message).toBe('Azure Resource Manager could not be reached (ECONNREFUSED).');
  });

  it('treats a reset connection as possibly received, so a create looks for what it left', () => {
    const error = translateAzureError(socketError('ECONNRESET'));
    expect(isAzureUnreachable(error)).toBe(true);
    expect(mayHaveCreated(error)).toBe(true);
  });

  it('keeps refusals and unknown codes apart from an outage', () => {
    const notFound = translateAzureError(
      new RestError('Not found', { code: 'ResourceNotFound', statusCode: 404 }),
    );
    expect(isAzureUnreachable(notFound)).toBe(false);
    expect(isPassingAzureError(notFound)).toBe(false);
    expect(isAzureUnreachable(translateAzureError(socketError('EWHATEVER')))).toBe(false);
    expect(isPassingAzureError(translateAzureError(new RestError('x', { statusCode: 503 })))).toBe(true);
  });

  it('says "Azure is not answering" with the socket code and the next step, not "refused"', () => {
    const { view, unexpected } = describeFailure(
      translateAzureError(socketError('ETIMEDOUT')),
      'ref-1',
      false,
    );
    expect(unexpected).toBe(false);
    expect(view.title).toBe('Azure is not answering');
    expect(view.summary).toContain('could not reach Azure Resource Manager (ETIMEDOUT)');
    expect(view.summary).toContain('Nothing was changed');
  });
});
