import { AdminInputError } from './admin-input-error.js';
import type { FaultRule, SimulatorState } from './simulator-state.js';

/**
 * A fault rule that names a VM must name one the rule can act on: a VM protected by Azure Backup for
 * the scheduled-backup rules, a VM replicated by Site Recovery for `replication-lag`. Names match
 * case-insensitively; the rule keeps the VM's own spelling. Otherwise 400 with what is wrong.
 */
export function checkFaultTarget(state: SimulatorState, rule: FaultRule): void {
  if (!('vm' in rule)) return;
  const wanted = rule.vm.toLowerCase();
  const targets =
    rule.kind === 'replication-lag'
      ? Object.values(state.siteRecovery.replicatedItems).map((item) => item.vmName)
      : Object.values(state.backup.protectedItems).map((item) => item.vmName);
  const found = targets.find((name) => name.toLowerCase() === wanted);
  if (found) {
    rule.vm = found;
    return;
  }
  const vm = Object.values(state.compute.virtualMachines).find((v) => v.name.toLowerCase() === wanted);
  if (!vm) throw new AdminInputError(`vm: no virtual machine named '${rule.vm}' in the simulator.`);
  throw new AdminInputError(
    rule.kind === 'replication-lag'
      ? `vm: '${vm.name}' is not replicated by Site Recovery, so it has no replication to lag.`
      : `vm: '${vm.name}' is not protected by Azure Backup, so it has no scheduled backups.`,
  );
}
