import type {
  A2AReplicationDetails,
  ASRTask,
  Job,
  RecoveryPlan,
  ReplicationProtectedItem,
  RecoveryPlanAction as SdkAction,
  SiteRecoveryManagementClient,
} from '@azure/arm-recoveryservices-siterecovery';
import type { FullOperationResponse } from '@azure/core-client';
import { clientRequestIdOptions, type OperationOptions, type StartJobOptions } from './azure-port.js';
import type { VaultRef } from './backup-port.js';
import { type AzureClientOptions, createSiteRecoveryClient } from './create-compute-clients.js';
import type {
  PlanOperation,
  PlanRef,
  RecoveryPlanAction,
  RecoveryPlanInfo,
  ReplicatedVm,
  SiteRecoveryJob,
  SiteRecoveryPoint,
  SiteRecoveryPort,
} from './site-recovery-port.js';
import { callAzure } from './translate-azure-error.js';

/** Site Recovery through @azure/arm-recoveryservices-siterecovery: vault-wide lists, never one call per VM. */
export class SdkSiteRecovery implements SiteRecoveryPort {
  private readonly clients = new Map<string, SiteRecoveryManagementClient>();
  readonly pollIntervalMs: number;

  constructor(
    readonly vaults: readonly VaultRef[],
    private readonly clientOptions: AzureClientOptions,
    readonly drillCleanupAfterMs = 4 * 3_600_000,
  ) {
    this.pollIntervalMs = clientOptions.pollIntervalInMs ?? 15_000;
  }

  private client(subscriptionId: string): SiteRecoveryManagementClient {
    let client = this.clients.get(subscriptionId);
    if (!client) {
      client = createSiteRecoveryClient(subscriptionId, this.clientOptions);
      this.clients.set(subscriptionId, client);
    }
    return client;
  }

  async listReplicatedVms(options?: OperationOptions): Promise<ReplicatedVm[]> {
    const perVault = await Promise.all(
      this.vaults.map((vault) =>
        callAzure(async () => {
          const items: ReplicatedVm[] = [];
          const pages = this.client(vault.subscriptionId).replicationProtectedItems.list(
            vault.name,
            vault.resourceGroup,
            { abortSignal: options?.abortSignal },
          );
          for await (const item of pages) items.push(toReplicatedVm(vault, item));
          return items;
        }),
      ),
    );
    return perVault.flat();
  }

  async listRecoveryPlans(options?: OperationOptions): Promise<RecoveryPlanInfo[]> {
    const perVault = await Promise.all(
      this.vaults.map((vault) =>
        callAzure(async () => {
          const plans: RecoveryPlanInfo[] = [];
          const pages = this.client(vault.subscriptionId).replicationRecoveryPlans.list(
            vault.name,
            vault.resourceGroup,
            { abortSignal: options?.abortSignal },
          );
          for await (const plan of pages) plans.push(toRecoveryPlan(vault, plan));
          return plans;
        }),
      ),
    );
    return perVault.flat();
  }

  async listRecoveryPoints(item: ReplicatedVm, options?: OperationOptions): Promise<SiteRecoveryPoint[]> {
    const { fabric, container, name } = itemPath(item.id);
    return callAzure(async () => {
      const points: SiteRecoveryPoint[] = [];
      const pages = this.client(item.vault.subscriptionId).recoveryPoints.listByReplicationProtectedItems(
        item.vault.name,
        item.vault.resourceGroup,
        fabric,
        container,
        name,
        { abortSignal: options?.abortSignal },
      );
      for await (const point of pages) {
        const time = point.properties?.recoveryPointTime;
        if (time) points.push({ time, type: point.properties?.recoveryPointType ?? 'Unknown' });
      }
      return points.sort((a, b) => b.time.getTime() - a.time.getTime());
    });
  }

  async startPlanOperation(
    plan: PlanRef,
    operation: PlanOperation,
    options?: StartJobOptions,
  ): Promise<{ jobName: string }> {
    const client = this.client(plan.vault.subscriptionId);
    const plans = client.replicationRecoveryPlans;
    const { name: vault, resourceGroup: group } = plan.vault;
    let location: string | undefined;
    const request = {
      abortSignal: options?.abortSignal,
      updateIntervalInMs: this.pollIntervalMs,
      ...clientRequestIdOptions(options?.clientRequestId),
      onResponse: (response: FullOperationResponse) => {
        location ??= response.headers.get('location') ?? undefined;
      },
    };
    await callAzure(async () => {
      switch (operation.kind) {
        case 'TestFailover':
          return plans.beginTestFailover(
            vault,
            group,
            plan.name,
            {
              properties: {
                failoverDirection: operation.direction,
                networkType: 'VmNetworkAsInput',
                networkId: operation.networkId,
                providerSpecificDetails: [
                  { instanceType: 'A2A', recoveryPointType: operation.recoveryPointType },
                ],
              },
            },
            request,
          );
        case 'TestFailoverCleanup':
          return plans.beginTestFailoverCleanup(
            vault,
            group,
            plan.name,
            { properties: { comments: operation.comments } },
            request,
          );
        case 'PlannedFailover':
          return plans.beginPlannedFailover(
            vault,
            group,
            plan.name,
            { properties: { failoverDirection: operation.direction } },
            request,
          );
        case 'UnplannedFailover':
          return plans.beginUnplannedFailover(
            vault,
            group,
            plan.name,
            {
              properties: {
                failoverDirection: operation.direction,
                sourceSiteOperations: 'NotRequired',
                providerSpecificDetails: [
                  { instanceType: 'A2A', recoveryPointType: operation.recoveryPointType },
                ],
              },
            },
            request,
          );
        case 'Commit':
          return plans.beginFailoverCommit(vault, group, plan.name, request);
        case 'CancelFailover':
          return plans.beginFailoverCancel(vault, group, plan.name, request);
        case 'Reprotect':
          return plans.beginReprotect(vault, group, plan.name, request);
      }
    });
    const fromLocation = location ? lastSegment(location) : undefined;
    if (fromLocation) return { jobName: fromLocation };
    // Not every answer names the job: the plan's current scenario does.
    const current = await callAzure(() =>
      plans.get(vault, group, plan.name, { abortSignal: options?.abortSignal }),
    );
    const jobName = lastSegment(current.properties?.currentScenario?.jobId ?? '');
    if (!jobName || jobName === 'None')
      throw new Error(`Azure did not name the job of ${operation.kind} on ${plan.name}.`);
    return { jobName };
  }

  async findJobOfRequest(
    vault: VaultRef,
    requestId: string,
    options?: OperationOptions,
  ): Promise<SiteRecoveryJob | undefined> {
    const wanted = requestId.toLowerCase();
    return callAzure(async () => {
      const jobs = this.client(vault.subscriptionId).replicationJobs.list(vault.name, vault.resourceGroup, {
        abortSignal: options?.abortSignal,
      });
      for await (const job of jobs)
        if (job.properties?.activityId?.toLowerCase().startsWith(wanted)) return toJob(vault, job);
      return undefined;
    });
  }

  async getJob(vault: VaultRef, jobName: string, options?: OperationOptions): Promise<SiteRecoveryJob> {
    const job = await callAzure(() =>
      this.client(vault.subscriptionId).replicationJobs.get(vault.name, vault.resourceGroup, jobName, {
        abortSignal: options?.abortSignal,
      }),
    );
    return toJob(vault, job);
  }

  async resumeJob(
    vault: VaultRef,
    jobName: string,
    comments: string,
    options?: OperationOptions,
  ): Promise<void> {
    await callAzure(() =>
      this.client(vault.subscriptionId).replicationJobs.beginResume(
        vault.name,
        vault.resourceGroup,
        jobName,
        { properties: { comments } },
        { abortSignal: options?.abortSignal, updateIntervalInMs: this.pollIntervalMs },
      ),
    );
  }
}

function lastSegment(url: string): string {
  const path = url.split('?')[0] ?? '';
  return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '');
}

function itemPath(id: string): { fabric: string; container: string; name: string } {
  const parts = id.split('/');
  const after = (segment: string) =>
    parts[parts.findIndex((part) => part.toLowerCase() === segment.toLowerCase()) + 1] ?? '';
  return {
    fabric: after('replicationFabrics'),
    container: after('replicationProtectionContainers'),
    name: after('replicationProtectedItems'),
  };
}

function toJob(vault: VaultRef, job: Job): SiteRecoveryJob {
  const p = job.properties ?? {};
  return {
    vault,
    name: job.name ?? '',
    ...(p.activityId ? { activityId: p.activityId } : {}),
    scenario: p.scenarioName ?? '',
    state: p.state ?? 'Unknown',
    stateDescription: p.stateDescription ?? '',
    allowedActions: p.allowedActions ?? [],
    startTime: p.startTime,
    endTime: p.endTime,
    tasks: (p.tasks ?? []).map((task) => {
      const custom = (task.customDetails ?? {}) as {
        instanceType?: string;
        instructions?: string;
        observation?: string;
      };
      return {
        name: task.name ?? '',
        friendlyName: task.friendlyName ?? task.name ?? '',
        state: task.state ?? 'Unknown',
        startTime: task.startTime,
        endTime: task.endTime,
        group: isBootGroup(task),
        ...(custom.instanceType === 'ManualActionTaskDetails'
          ? {
              manual: {
                instructions: custom.instructions ?? '',
                ...(custom.observation ? { observation: custom.observation } : {}),
              },
            }
          : {}),
        errors: (task.errors ?? []).map((error) => ({
          code: error.serviceErrorDetails?.code ?? '',
          message: error.serviceErrorDetails?.message ?? '',
          recommendedAction: error.serviceErrorDetails?.recommendedAction,
        })),
      };
    }),
    errors: (p.errors ?? []).map((error) => ({
      code: error.serviceErrorDetails?.code ?? '',
      message: error.serviceErrorDetails?.message ?? '',
      possibleCauses: error.serviceErrorDetails?.possibleCauses,
      recommendedAction: error.serviceErrorDetails?.recommendedAction,
    })),
  };
}

/**
 * The failover of a boot group's VMs: ASR's `groupTaskCustomDetails` `RecoveryPlanGroupTaskDetails`
 * of a Boot group (not the planned failover's shutdown, `RecoveryPlanShutdownGroupTaskDetails`).
 */
function isBootGroup(task: ASRTask): boolean {
  const details = task.groupTaskCustomDetails as { instanceType?: string; rpGroupType?: string } | undefined;
  return (
    details?.instanceType === 'RecoveryPlanGroupTaskDetails' && (details.rpGroupType ?? 'Boot') === 'Boot'
  );
}

function toReplicatedVm(vault: VaultRef, item: ReplicationProtectedItem): ReplicatedVm {
  const p = item.properties ?? {};
  const a2a = (p.providerSpecificDetails ?? {}) as Partial<A2AReplicationDetails>;
  return {
    vault,
    id: item.id ?? '',
    vmName: p.friendlyName ?? item.name ?? '',
    vmId: a2a.fabricObjectId ?? '',
    protectionState: p.protectionState ?? 'Unknown',
    replicationHealth: p.replicationHealth ?? 'Unknown',
    failoverHealth: p.failoverHealth,
    healthErrors: (p.healthErrors ?? []).map((error) => ({
      code: error.errorCode ?? '',
      message: error.errorMessage ?? error.summaryMessage ?? '',
      recommendation: error.recommendedAction ?? undefined,
    })),
    activeLocation: p.activeLocation ?? 'Unknown',
    ...(a2a.primaryFabricLocation ? { primaryRegion: a2a.primaryFabricLocation } : {}),
    ...(a2a.recoveryFabricLocation ? { recoveryRegion: a2a.recoveryFabricLocation } : {}),
    testFailoverState: p.testFailoverState ?? 'None',
    allowedOperations: p.allowedOperations ?? [],
    lastSuccessfulTestFailoverTime: p.lastSuccessfulTestFailoverTime,
    rpoSeconds: a2a.rpoInSeconds,
    lastRpoCalculatedTime: a2a.lastRpoCalculatedTime,
    ...(a2a.selectedRecoveryAzureNetworkId ? { recoveryNetworkId: a2a.selectedRecoveryAzureNetworkId } : {}),
    ...(a2a.selectedTfoAzureNetworkId ? { testNetworkId: a2a.selectedTfoAzureNetworkId } : {}),
    ...(a2a.recoveryAzureVMName ? { recoveryVmName: a2a.recoveryAzureVMName } : {}),
    ...(a2a.recoveryAzureResourceGroupId
      ? { recoveryResourceGroupId: a2a.recoveryAzureResourceGroupId }
      : {}),
  };
}

function toRecoveryPlan(vault: VaultRef, plan: RecoveryPlan): RecoveryPlanInfo {
  const p = plan.properties ?? {};
  return {
    vault,
    name: plan.name ?? p.friendlyName ?? '',
    allowedOperations: p.allowedOperations ?? [],
    currentScenario: p.currentScenario?.scenarioName,
    currentScenarioStatus: p.currentScenarioStatus,
    ...(p.currentScenario?.jobId && p.currentScenario.scenarioName !== 'None'
      ? {
          currentJobName: lastSegment(p.currentScenario.jobId),
          currentScenarioStartTime: p.currentScenario.startTime,
        }
      : {}),
    lastTestFailoverTime: p.lastTestFailoverTime,
    lastPlannedFailoverTime: p.lastPlannedFailoverTime,
    lastUnplannedFailoverTime: p.lastUnplannedFailoverTime,
    groups: (p.groups ?? []).map((group) => ({
      type: group.groupType,
      itemIds: (group.replicationProtectedItems ?? []).map((item) => item.id ?? '').filter(Boolean),
      startActions: (group.startGroupActions ?? []).map(toAction),
      endActions: (group.endGroupActions ?? []).map(toAction),
    })),
  };
}

function toAction(action: SdkAction): RecoveryPlanAction {
  const details = action.customDetails as { instanceType?: string; description?: string };
  const kind =
    details.instanceType === 'AutomationRunbookActionDetails'
      ? 'runbook'
      : details.instanceType === 'ScriptActionDetails'
        ? 'script'
        : details.instanceType === 'ManualActionDetails'
          ? 'manual'
          : 'other';
  return {
    name: action.actionName,
    kind,
    ...(details.description ? { description: details.description } : {}),
  };
}
