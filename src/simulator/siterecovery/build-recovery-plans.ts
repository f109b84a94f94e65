import { providerResourceId, resourceKey } from '../core/resource-id.js';
import type { SiteRecoveryVaultInput } from './build-site-recovery-state.js';
import { fabricId, recoveryPlanId } from './site-recovery-names.js';
import type {
  FailoverDirection,
  FailoverType,
  PlanActionRecord,
  PlanGroupRecord,
  RecoveryPlanRecord,
  SiteRecoveryState,
  SiteRecoveryVaultRecord,
} from './site-recovery-state.js';

/**
 * The estate's recovery plans as ASR keeps them: a Shutdown and a Failover group (empty, as Azure
 * shows them), then one Boot group per estate boot group with its VMs' replicated items; pre-actions
 * become the group's start actions, post-actions its end actions, each for every failover type and
 * both directions (the estate does not narrow them). The estate records no drill: plans and items
 * start without a last (test) failover time, until an operation records one (apply-plan-job.ts).
 */
type EstatePlan = SiteRecoveryVaultInput['recoveryPlans'][number];
type EstateAction = EstatePlan['bootGroups'][number]['preActions'][number];

/** What Azure allows on a plan whose items replicate from the primary region (REST spec examples). */
export const primaryPlanOperations = ['PlannedFailover', 'UnplannedFailover', 'TestFailover'];
const allFailoverTypes: FailoverType[] = ['TestFailover', 'PlannedFailover', 'UnplannedFailover'];
const bothDirections: FailoverDirection[] = ['PrimaryToRecovery', 'RecoveryToPrimary'];

export function addRecoveryPlans(
  state: SiteRecoveryState,
  input: {
    vault: SiteRecoveryVaultRecord;
    input: SiteRecoveryVaultInput;
  },
): void {
  const { vault } = input;
  const itemKeys = itemKeysByVm(state, vault);
  for (const plan of input.input.recoveryPlans) {
    const record = planRecord(vault, input.input, plan, (ref) =>
      itemKeys.get(resourceKey(vmIdOf(vault.subscriptionId, ref))),
    );
    state.recoveryPlans[resourceKey(record.id)] = record;
  }
}

function planRecord(
  vault: SiteRecoveryVaultRecord,
  input: SiteRecoveryVaultInput,
  plan: EstatePlan,
  itemKeyOf: (ref: string) => string | undefined,
): RecoveryPlanRecord {
  const bootGroups: PlanGroupRecord[] = plan.bootGroups.map((group) => ({
    groupType: 'Boot',
    itemKeys: group.vms.map(itemKeyOf).filter((key): key is string => key !== undefined),
    startActions: group.preActions.map(actionRecord),
    endActions: group.postActions.map(actionRecord),
  }));
  return {
    id: recoveryPlanId(vault.id, plan.name),
    name: plan.name,
    vaultKey: resourceKey(vault.id),
    primaryFabricKey: resourceKey(fabricId(vault.id, input.sourceLocation)),
    recoveryFabricKey: resourceKey(fabricId(vault.id, vault.location)),
    groups: [emptyGroup('Shutdown'), emptyGroup('Failover'), ...bootGroups],
    allowedOperations: [...primaryPlanOperations],
    currentScenarioStatus: 'Succeeded',
    currentScenarioStatusDescription: 'Completed',
  };
}

function emptyGroup(groupType: 'Shutdown' | 'Failover'): PlanGroupRecord {
  return { groupType, itemKeys: [], startActions: [], endActions: [] };
}

function actionRecord(action: EstateAction): PlanActionRecord {
  const common = {
    name: action.name,
    failoverTypes: [...allFailoverTypes],
    failoverDirections: [...bothDirections],
  };
  switch (action.kind) {
    case 'runbook':
      return {
        ...common,
        details: {
          kind: 'runbook',
          runbookId: action.runbookId,
          timeoutSeconds: action.timeoutSeconds,
          fabricLocation: 'Recovery',
        },
      };
    case 'manual':
      return { ...common, details: { kind: 'manual', description: action.description } };
    case 'script':
      return { ...common, details: { kind: 'script', path: action.scriptPath, fabricLocation: 'Recovery' } };
  }
}

function itemKeysByVm(state: SiteRecoveryState, vault: SiteRecoveryVaultRecord): Map<string, string> {
  const vaultKey = resourceKey(vault.id);
  return new Map(
    Object.entries(state.replicatedItems)
      .filter(([, item]) => item.vaultKey === vaultKey)
      .map(([key, item]) => [resourceKey(item.vmId), key]),
  );
}

function vmIdOf(subscriptionId: string, ref: string): string {
  const [group = '', name = ''] = ref.split('/');
  return providerResourceId(subscriptionId, group, 'Microsoft.Compute', 'virtualMachines', name);
}
