/**
 * An error ARM answers with: an HTTP status and the `{"error": {"code", "message", "target?"}}` body.
 * Handlers throw it; the request pipeline turns it into the response. The static factories carry
 * Azure's own codes and wording, so that clients see exactly what real Azure would tell them.
 */
export class ArmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { target?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.headers = options.headers ?? {};
  }

  toBody(): { error: { code: string; message: string; target?: string } } {
    const error: { code: string; message: string; target?: string } = {
      code: this.code,
      message: this.message,
    };
    if (this.target !== undefined) error.target = this.target;
    return { error };
  }

  /** ARM front-door errors say so in `x-ms-failure-cause`, as Azure does. */
  static gateway(status: number, code: string, message: string): ArmError {
    return new ArmError(status, code, message, { headers: { 'x-ms-failure-cause': 'gateway' } });
  }

  static subscriptionNotFound(subscriptionId: string): ArmError {
    return ArmError.gateway(
      404,
      'SubscriptionNotFound',
      `The subscription '${subscriptionId}' could not be found.`,
    );
  }

  static resourceGroupNotFound(resourceGroupName: string): ArmError {
    return ArmError.gateway(
      404,
      'ResourceGroupNotFound',
      `Resource group '${resourceGroupName}' could not be found.`,
    );
  }

  /** `typeAndName` is e.g. `Microsoft.Compute/snapshots/snap-1` or a nested type path. */
  static resourceNotFound(typeAndName: string, resourceGroupName: string): ArmError {
    return ArmError.gateway(
      404,
      'ResourceNotFound',
      `The Resource '${typeAndName}' under resource group '${resourceGroupName}' was not found. ` +
        'For more details please go to https://aka.ms/ARMResourceNotFoundFix',
    );
  }

  static missingApiVersion(): ArmError {
    return ArmError.gateway(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }

  static invalidApiVersion(apiVersion: string, supported: readonly string[]): ArmError {
    const list = [...supported].sort().reverse().join(',');
    return ArmError.gateway(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${apiVersion}' is invalid. The supported versions are '${list}'.`,
    );
  }

  static invalidParameter(message: string, target?: string): ArmError {
    return new ArmError(400, 'InvalidParameter', message, target === undefined ? {} : { target });
  }

  /** Compute's wording for a required body property that is absent. */
  static missingParameter(name: string): ArmError {
    return ArmError.invalidParameter(`Required parameter '${name}' is missing (null).`, name);
  }

  static invalidRequestContent(detail: string): ArmError {
    return ArmError.gateway(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${detail}'.`,
    );
  }

  static conflict(message: string): ArmError {
    return new ArmError(409, 'Conflict', message);
  }

  static operationNotAllowed(message: string, status = 409): ArmError {
    return new ArmError(status, 'OperationNotAllowed', message);
  }
}
