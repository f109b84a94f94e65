import { setTimeout } from 'node:timers/promises';
import type {
  IaasVMRestoreRequest,
  OperationStatus,
  RecoveryServicesBackupClient,
} from '@azure/arm-recoveryservicesbackup';
import {
  AzureRequestError,
  clientRequestIdOptions,
  type OperationOptions,
  type StartJobOptions,
} from './azure-port.js';
import type { BackupItemRef, FileRecoveryAccess, RestoreRequest } from './backup-port.js';
import { callAzure } from './translate-azure-error.js';

/**
 * Restores and file recovery through @azure/arm-recoveryservicesbackup, and the one way all of
 * Azure Backup's item operations are followed: the last segment of the `Azure-AsyncOperation` URL
 * names an operation whose status (`protectedItemOperationStatuses.get`) carries the job id, or the
 * file-recovery scripts, once Azure has them.
 */
const fabric = 'Azure';

export async function triggerRestore(
  client: RecoveryServicesBackupClient,
  item: BackupItemRef,
  point: { name: string; id: string },
  request: RestoreRequest,
  intervalMs: number,
  options?: StartJobOptions,
): Promise<string> {
  const { vault } = item;
  const operationUrl = await requestOperation(options, (requestOptions) =>
    client.restores.beginTrigger(
      vault.name,
      vault.resourceGroup,
      fabric,
      item.containerName,
      item.itemName,
      point.name,
      { properties: restoreBody(item, point, request) },
      requestOptions,
    ),
  );
  return followItemOperation(client, item, operationUrl, intervalMs, jobIdOf, options);
}

function restoreBody(
  item: BackupItemRef,
  point: { name: string; id: string },
  request: RestoreRequest,
): IaasVMRestoreRequest {
  const common: IaasVMRestoreRequest = {
    objectType: 'IaasVMRestoreRequest',
    recoveryPointId: point.name,
    sourceResourceId: item.vmId,
    region: request.region,
    originalStorageAccountOption: false,
    createNewCloudService: false,
    encryptionDetails: { encryptionEnabled: false },
    ...(request.stagingStorageAccountId ? { storageAccountId: request.stagingStorageAccountId } : {}),
  };
  if (request.kind === 'replace') return { ...common, recoveryType: 'OriginalLocation' };
  if (request.kind === 'disks')
    return { ...common, recoveryType: 'RestoreDisks', targetResourceGroupId: request.targetResourceGroupId };
  return {
    ...common,
    recoveryType: 'AlternateLocation',
    targetResourceGroupId: request.targetResourceGroupId,
    targetVirtualMachineId: `${request.targetResourceGroupId}/providers/Microsoft.Compute/virtualMachines/${request.targetVmName}`,
    virtualNetworkId: request.virtualNetworkId,
    subnetId: request.subnetId,
  };
}

export async function provisionFileRecovery(
  client: RecoveryServicesBackupClient,
  item: BackupItemRef,
  pointName: string,
  intervalMs: number,
  options?: OperationOptions,
): Promise<FileRecoveryAccess> {
  const { vault } = item;
  const operationUrl = await requestOperation(options, (requestOptions) =>
    client.itemLevelRecoveryConnections.provision(
      vault.name,
      vault.resourceGroup,
      fabric,
      item.containerName,
      item.itemName,
      pointName,
      {
        properties: {
          objectType: 'IaasVMILRRegistrationRequest',
          recoveryPointId: pointName,
          virtualMachineId: item.vmId,
          renewExistingRegistration: false,
        },
      },
      requestOptions,
    ),
  );
  return followItemOperation(client, item, operationUrl, intervalMs, scriptsOf, options);
}

export async function revokeFileRecovery(
  client: RecoveryServicesBackupClient,
  item: BackupItemRef,
  pointName: string,
  intervalMs: number,
  options?: OperationOptions,
): Promise<void> {
  const { vault } = item;
  const operationUrl = await requestOperation(options, (requestOptions) =>
    client.itemLevelRecoveryConnections.revoke(
      vault.name,
      vault.resourceGroup,
      fabric,
      item.containerName,
      item.itemName,
      pointName,
      requestOptions,
    ),
  );
  // Without an operation to follow (Azure answered 200), the revoke is done already.
  if (!operationUrl) return;
  await followItemOperation(
    client,
    item,
    operationUrl,
    intervalMs,
    (status) => status.status === 'Succeeded' || undefined,
    options,
  );
}

/** Operations of Azure Backup end within minutes; a job id appears within seconds. */
const operationDeadlineMs = 15 * 60_000;

/**
 * Polls the item operation named by `operationUrl` until `read` finds what the caller waits for in
 * a status, the operation fails (its error, as Azure's), or 15 minutes pass.
 */
export async function followItemOperation<T>(
  client: RecoveryServicesBackupClient,
  item: BackupItemRef,
  operationUrl: string | undefined,
  intervalMs: number,
  read: (status: OperationStatus) => T | undefined,
  options?: OperationOptions,
): Promise<T> {
  const { vault } = item;
  const operationId = operationUrl ? new URL(operationUrl).pathname.split('/').pop() : undefined;
  if (!operationId) throw new Error('Azure Backup accepted the request without an operation URL');
  const deadline = Date.now() + operationDeadlineMs;
  for (;;) {
    const status = await callAzure(() =>
      client.protectedItemOperationStatuses.get(
        vault.name,
        vault.resourceGroup,
        fabric,
        item.containerName,
        item.itemName,
        decodeURIComponent(operationId),
        { abortSignal: options?.abortSignal },
      ),
    );
    const found = read(status);
    if (found !== undefined) return found;
    if (status.status === 'Failed' || status.status === 'Canceled') {
      throw new AzureRequestError(
        status.error?.message ?? `Azure Backup ended the operation ${status.status} without a reason.`,
        undefined,
        status.error?.code,
        undefined,
        'operation',
      );
    }
    if (Date.now() > deadline)
      throw new Error(`Azure Backup's operation ${operationId} did not finish within 15 minutes`);
    await setTimeout(intervalMs, undefined, { signal: options?.abortSignal });
  }
}

export function jobIdOf(status: OperationStatus): string | undefined {
  return (status.properties as { jobId?: string } | undefined)?.jobId || undefined;
}

interface ClientScript {
  scriptContent?: string;
  scriptExtension?: string;
  osType?: string;
  url?: string;
  scriptNameSuffix?: string;
}

/** The scripts of a finished provision, and their password (the end of `scriptNameSuffix`, as Azure's tools read it). */
function scriptsOf(status: OperationStatus): FileRecoveryAccess | undefined {
  if (status.status !== 'Succeeded') return undefined;
  const target = (status.properties as { recoveryTarget?: { clientScripts?: ClientScript[] } } | undefined)
    ?.recoveryTarget;
  const scripts = target?.clientScripts ?? [];
  const content = scripts.map((s) =>
    s.scriptContent ? Buffer.from(s.scriptContent, 'base64').toString('utf8') : '',
  );
  const password =
    content.map((text) => /TargetPassword\s*=\s*"([^"]+)"/.exec(text)?.[1]).find(Boolean) ??
    scripts[0]?.scriptNameSuffix?.slice(-15) ??
    '';
  if (scripts.length === 0 || !password)
    throw new Error('Azure Backup provisioned file recovery but returned no script');
  return {
    password,
    scripts: scripts.map((script, i) => ({
      fileName: `${(script.scriptNameSuffix ?? 'file-recovery').replace(password, '')}${script.scriptExtension ?? ''}`,
      osType: script.osType ?? '',
      ...(content[i] ? { content: content[i] } : {}),
      ...(script.url ? { downloadUrl: script.url } : {}),
    })),
  };
}

/**
 * Sends a request Azure Backup answers with 202 and an async-operation URL; resolves with that URL
 * (undefined when Azure answered at once).
 */
export async function requestOperation(
  options: StartJobOptions | undefined,
  send: (requestOptions: {
    abortSignal?: AbortSignal;
    requestOptions?: { customHeaders: Record<string, string> };
    onResponse: (response: { headers: { get(name: string): string | undefined } }) => void;
  }) => Promise<unknown>,
): Promise<string | undefined> {
  let operationUrl: string | undefined;
  await callAzure(() =>
    send({
      abortSignal: options?.abortSignal,
      ...clientRequestIdOptions(options?.clientRequestId),
      onResponse: (response) => {
        operationUrl ??= response.headers.get('azure-asyncoperation') ?? response.headers.get('location');
      },
    }),
  );
  return operationUrl;
}
