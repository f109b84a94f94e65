/**
 * ASR's names for the jobs of recovery plan operations: a job's `scenarioName` and the plan's and
 * items' `currentScenario.scenarioName` are its workflow names (the REST spec examples show
 * `DeleteRecoveryPlan`, `AddProtectionProfile`, `RegisterDra`...): TestFailover, TestFailoverCleanup,
 * PlannedFailover, UnplannedFailover, CommitFailover, CancelFailover and ReverseReplication (a
 * reprotect), whereas the plan's `allowedOperations` name the operations themselves (Commit,
 * ReverseReplicate: ReplicationProtectedItemOperation). The simulator's own operation kinds
 * (`PlanJobWork.scenario`) say Commit and Reprotect; state files written before this file kept
 * those as scenario names too, so rendering maps them as well.
 */
const azureNames: Readonly<Record<string, string>> = {
  Commit: 'CommitFailover',
  Reprotect: 'ReverseReplication',
};

export function scenarioNameOf(scenario: string): string {
  return Object.hasOwn(azureNames, scenario) ? (azureNames[scenario] ?? scenario) : scenario;
}
