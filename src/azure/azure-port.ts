import type { BackupPort } from './backup-port.js';
import type { NetworkPort } from './network-port.js';
import type { SiteRecoveryPort } from './site-recovery-port.js';
/**
 * What the bot needs from Azure, in SDK verbs and in our own types (no SDK type crosses this line).
 * ONE implementation, SdkAzure, over the official SDK clients; the built-in simulator sits below
 * the SDKs, never behind this port.
 */
export interface VmRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface VmSummary extends VmRef {
  location: string;
  size: string;
  osType: 'Linux' | 'Windows' | 'unknown';
  /** From the instance view: running, stopped, deallocated, starting, ... or unknown. */
  powerState: string;
  tags: Record<string, string>;
}

export interface DiskInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  role: 'os' | 'data';
  lun?: number;
  sku?: string;
  /** Provisioned size. */
  sizeGB: number;
  /** Bytes actually written, when the backend reports it (the simulator does; Azure's disk API does not). */
  usedGB?: number;
  provisioningState?: string;
  /** What it was made from (a snapshot, a recovery point), and when. */
  sourceResourceId?: string;
  timeCreated?: Date;
  /** The VM it is attached to. */
  managedBy?: string;
}

export interface VmDetails extends VmSummary {
  disks: DiskInfo[];
}

export interface SnapshotInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  sourceDiskId?: string;
  incremental: boolean;
  timeCreated?: Date;
  provisioningState: string;
  sizeGB?: number;
  /** The size Azure bills for this snapshot, when known (full: used size; incremental: changed blocks). */
  billedGB?: number;
  tags: Record<string, string>;
}

export interface CreateSnapshotRequest {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sourceDiskId: string;
  incremental: boolean;
  tags: Record<string, string>;
}

export interface CreateDiskRequest {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sourceSnapshotId: string;
  tags: Record<string, string>;
}

export interface RestorePointInfo {
  id: string;
  name: string;
  collectionId: string;
  consistencyMode?: string;
  timeCreated?: Date;
  provisioningState: string;
  disks: { sourceDiskId: string; diskRestorePointId?: string; sizeGB?: number }[];
}

export interface CreateRestorePointRequest {
  vm: VmRef;
  location: string;
  collectionName: string;
  restorePointName: string;
  tags: Record<string, string>;
}

export interface OperationOptions {
  abortSignal?: AbortSignal;
  /** Called whenever a poll of a long-running operation returns. */
  onPoll?: (status: string) => void;
}

/** Options of a request that starts an Azure job: the bot's own id for it (see clientRequestIdOptions). */
export interface StartJobOptions extends OperationOptions {
  clientRequestId?: string;
}

/**
 * The SDK request options that send the bot's own id for a request that starts an Azure job:
 * Azure Backup and Site Recovery keep it as the job's activityId, which is how a restarted bot
 * finds the job it asked for, and only that one.
 */
export function clientRequestIdOptions(clientRequestId: string | undefined): {
  requestOptions?: { customHeaders: Record<string, string> };
} {
  return clientRequestId
    ? { requestOptions: { customHeaders: { 'x-ms-client-request-id': clientRequestId } } }
    : {};
}

export interface AzurePort {
  /** The subscriptions this bot manages. */
  readonly subscriptionIds: readonly string[];
  /** Azure Backup, in the vaults this bot manages. */
  readonly backup: BackupPort;
  /** Azure Site Recovery, in the vaults this bot manages. */
  readonly siteRecovery: SiteRecoveryPort;
  /** Virtual networks and network interfaces of the managed subscriptions (reads only). */
  readonly network: NetworkPort;
  /** Every VM, with power state, one list call per subscription. */
  listVms(options?: OperationOptions): Promise<VmSummary[]>;
  getVm(vm: VmRef, options?: OperationOptions): Promise<VmDetails>;
  /** Stops a VM and releases its compute (its disks stay); resolves when it is deallocated. */
  deallocateVm(vm: VmRef, options?: OperationOptions): Promise<void>;
  startVm(vm: VmRef, options?: OperationOptions): Promise<void>;
  /** The managed disks of one resource group, one list call. */
  listDisks(subscriptionId: string, resourceGroup: string, options?: OperationOptions): Promise<DiskInfo[]>;
  listSnapshots(subscriptionId: string, options?: OperationOptions): Promise<SnapshotInfo[]>;
  getSnapshot(id: string, options?: OperationOptions): Promise<SnapshotInfo>;
  createSnapshot(request: CreateSnapshotRequest, options?: OperationOptions): Promise<SnapshotInfo>;
  deleteSnapshot(id: string, options?: OperationOptions): Promise<void>;
  createDiskFromSnapshot(request: CreateDiskRequest, options?: OperationOptions): Promise<DiskInfo>;
  getDisk(id: string, options?: OperationOptions): Promise<DiskInfo>;
  deleteDisk(id: string, options?: OperationOptions): Promise<void>;
  createRestorePoint(
    request: CreateRestorePointRequest,
    options?: OperationOptions,
  ): Promise<RestorePointInfo>;
  getRestorePoint(
    vm: VmRef,
    collectionName: string,
    name: string,
    options?: OperationOptions,
  ): Promise<RestorePointInfo>;
  deleteRestorePoint(
    vm: VmRef,
    collectionName: string,
    name: string,
    options?: OperationOptions,
  ): Promise<void>;
}

/**
 * Azure's answer to a request, reduced to what users and logs need. `phase` tells whether Azure
 * refused the request (nothing was created) or accepted it and the long-running operation then
 * failed (Azure leaves the resource behind, in provisioning state Failed).
 */
export class AzureRequestError extends Error {
  override readonly name = 'AzureRequestError';
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly phase: 'request' | 'operation' = 'request',
  ) {
    super(message);
  }
}

/**
 * Socket errors of a request that never got an HTTP answer (ARM unreachable: DNS, refused, reset,
 * timed out). The SDK's retry policy has already retried them; they pass like a 503.
 */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

/** The ones that say the request never left this machine, so Azure cannot have acted on it. */
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a socket error code means Azure could not be reached (no HTTP answer at all). */
export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && unreachableCodes.has(code);
}

/** Whether a socket error code means the request never reached Azure. */
export function isNeverSentCode(code: string | undefined): boolean {
  return code !== undefined && neverSentCodes.has(code);
}

/** Whether Azure gave no HTTP answer (unreachable), as opposed to refusing or failing. */
export function isAzureUnreachable(error: unknown): boolean {
  return (
    error instanceof AzureRequestError && error.statusCode === undefined && isUnreachableCode(error.code)
  );
}

/**
 * Whether waiting and asking again may help: throttling, server errors and an unreachable ARM (the
 * work goes on in Azure meanwhile). A refusal (400, 404, 409) does not pass.
 */
export function isPassingAzureError(error: unknown): boolean {
  if (!(error instanceof AzureRequestError)) return false;
  const status = error.statusCode ?? 0;
  return status === 429 || status === 408 || status >= 500 || isAzureUnreachable(error);
}

/** Whether a failed create may have left a resource behind that the caller must remove. */
export function mayHaveCreated(error: unknown): boolean {
  return !(error instanceof AzureRequestError && error.phase === 'request');
}

export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  type: string;
  name: string;
}

/** The ARM id of a Compute resource: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/{type}/{name}`. */
export function computeResourceId(
  where: { subscriptionId: string; resourceGroup: string },
  type: 'snapshots' | 'disks',
  name: string,
): string {
  return `/subscriptions/${where.subscriptionId}/resourceGroups/${where.resourceGroup}/providers/Microsoft.Compute/${type}/${name}`;
}

/** Splits an ARM id like /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d. */
export function parseResourceId(id: string): ResourceIdParts {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)/i.exec(id);
  if (!match) throw new Error(`Not an Azure resource id: ${id.slice(0, 200)}`);
  const [, subscriptionId = '', resourceGroup = '', provider = '', type = '', name = ''] = match;
  return { subscriptionId, resourceGroup, provider, type, name };
}
