import { isObject, type JsonObject, readString } from '../core/read-arm-body.js';
import type { RouteContext } from '../core/route-types.js';
import { backupErrors } from './backup-errors.js';

/**
 * The `properties` of an Azure Backup request body, checking its `objectType` discriminator when the
 * operation takes one (IaasVMBackupRequest, IaasVMRestoreRequest, IaasVMILRRegistrationRequest).
 */
export function readBackupProperties(context: RouteContext, objectTypes?: readonly string[]): JsonObject {
  const body = context.readBody();
  const properties = body.properties;
  if (!isObject(properties)) throw backupErrors.invalidInput("The request body needs 'properties'.");
  if (objectTypes) {
    const objectType = readString(properties.objectType, 'properties.objectType') ?? '';
    if (!objectTypes.some((type) => type.toLowerCase() === objectType.toLowerCase())) {
      throw backupErrors.invalidInput(
        `properties.objectType '${objectType}' is not supported here; use ${objectTypes.join(' or ')}.`,
      );
    }
  }
  return properties;
}

/** An optional recoveryPointId in the body must name the recovery point of the path. */
export function assertSameRecoveryPoint(properties: JsonObject, pathName: string): void {
  const named = readString(properties.recoveryPointId, 'properties.recoveryPointId');
  if (named !== undefined && named !== '' && named.toLowerCase() !== pathName.toLowerCase()) {
    throw backupErrors.invalidInput(
      `properties.recoveryPointId '${named}' does not match the recovery point '${pathName}' of the request path.`,
    );
  }
}
