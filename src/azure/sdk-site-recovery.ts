import type {
  A2AReplicationDetails,
  RecoveryPlan,
  ReplicationProtectedItem,
  RecoveryPlanAction as SdkAction,
  SiteRecoveryManagementClient,
} from '@azure/arm-recoveryservices-siterecovery';
import type { OperationOptions } from './azure-port.js';
import type { VaultRef } from './backup-port.js';
import { type AzureClientOptions, createSiteRecoveryClient } from './create-compute-clients.js';
import type {
  RecoveryPlanAction,
  RecoveryPlanInfo,
  ReplicatedVm,
  SiteRecoveryPort,
} from './site-recovery-port.js';
import { callAzure } from './translate-azure-error.js';

/** Site Recovery through @azure/arm-recoveryservices-siterecovery: vault-wide lists, never one call per VM. */
export class SdkSiteRecovery implements SiteRecoveryPort {
  private readonly clients = new Map<string, SiteRecoveryManagementClient>();

  constructor(
    readonly vaults: readonly VaultRef[],
    private readonly clientOptions: AzureClientOptions,
  ) {}

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
    testFailoverState: p.testFailoverState ?? 'None',
    allowedOperations: p.allowedOperations ?? [],
    lastSuccessfulTestFailoverTime: p.lastSuccessfulTestFailoverTime,
    rpoSeconds: a2a.rpoInSeconds,
    lastRpoCalculatedTime: a2a.lastRpoCalculatedTime,
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
