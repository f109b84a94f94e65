import { ownValue } from '../core/own-property.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { noScenario, optionalTime } from './render-replicated-item.js';
import { scenarioNameOf } from './scenario-names.js';
import type { PlanActionRecord, PlanGroupRecord, RecoveryPlanRecord } from './site-recovery-state.js';

/**
 * A recovery plan as `RecoveryPlan` (REST spec's ReplicationRecoveryPlans_Get example) for A2A:
 * replication provider A2A, no deployment model choice (`NotApplicable`), groups with their items
 * (`{id, virtualMachineId}`: the replicated item and its source VM) and actions
 * (AutomationRunbookActionDetails, ManualActionDetails, ScriptActionDetails).
 */
export function renderRecoveryPlan(state: SimulatorState, plan: RecoveryPlanRecord): unknown {
  const slice = state.siteRecovery;
  const primary = ownValue(slice.fabrics, plan.primaryFabricKey);
  const recovery = ownValue(slice.fabrics, plan.recoveryFabricKey);
  const vault = ownValue(slice.vaults, plan.vaultKey);
  const job = plan.currentScenario ? ownValue(slice.jobs, plan.currentScenario.jobKey) : undefined;
  return {
    id: plan.id,
    name: plan.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans',
    properties: {
      friendlyName: plan.name,
      primaryFabricId: primary?.id ?? '',
      primaryFabricFriendlyName: primary?.friendlyName ?? '',
      recoveryFabricId: recovery?.id ?? '',
      recoveryFabricFriendlyName: recovery?.friendlyName ?? '',
      failoverDeploymentModel: 'NotApplicable',
      replicationProviders: ['A2A'],
      allowedOperations: plan.allowedOperations,
      ...optionalTime('lastPlannedFailoverTime', plan.lastPlannedFailoverMs),
      ...optionalTime('lastUnplannedFailoverTime', plan.lastUnplannedFailoverMs),
      ...optionalTime('lastTestFailoverTime', plan.lastTestFailoverMs),
      currentScenario:
        plan.currentScenario && job
          ? {
              scenarioName: scenarioNameOf(plan.currentScenario.scenarioName),
              jobId: job.id,
              startTime: new Date(plan.currentScenario.startMs).toISOString(),
            }
          : noScenario(vault?.id ?? ''),
      currentScenarioStatus: plan.currentScenarioStatus,
      currentScenarioStatusDescription: plan.currentScenarioStatusDescription,
      groups: plan.groups.map((group) => renderGroup(state, group)),
      providerSpecificDetails: [{ instanceType: 'A2A' }],
    },
  };
}

function renderGroup(state: SimulatorState, group: PlanGroupRecord): unknown {
  return {
    groupType: group.groupType,
    replicationProtectedItems: group.itemKeys.flatMap((key) => {
      const item = ownValue(state.siteRecovery.replicatedItems, key);
      return item ? [{ id: item.id, virtualMachineId: item.vmId }] : [];
    }),
    startGroupActions: group.startActions.map(renderAction),
    endGroupActions: group.endActions.map(renderAction),
  };
}

function renderAction(action: PlanActionRecord): unknown {
  return {
    actionName: action.name,
    failoverTypes: action.failoverTypes,
    failoverDirections: action.failoverDirections,
    customDetails: actionDetails(action.details),
  };
}

function actionDetails(details: PlanActionRecord['details']): unknown {
  switch (details.kind) {
    case 'runbook':
      return {
        instanceType: 'AutomationRunbookActionDetails',
        runbookId: details.runbookId,
        timeout: isoDuration(details.timeoutSeconds),
        fabricLocation: details.fabricLocation,
      };
    case 'manual':
      return { instanceType: 'ManualActionDetails', description: details.description };
    case 'script':
      return {
        instanceType: 'ScriptActionDetails',
        path: details.path,
        fabricLocation: details.fabricLocation,
      };
  }
}

/** 3600 -> PT1H, 5400 -> PT1H30M, 45 -> PT45S. */
export function isoDuration(seconds: number): string {
  const parts = [
    [Math.floor(seconds / 3600), 'H'],
    [Math.floor((seconds % 3600) / 60), 'M'],
    [seconds % 60, 'S'],
  ] as const;
  const text = parts.map(([value, unit]) => (value > 0 ? `${value}${unit}` : '')).join('');
  return `PT${text || '0S'}`;
}
