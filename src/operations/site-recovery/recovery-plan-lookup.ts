import type { AzurePort } from '../../azure/azure-port.js';
import type { RecoveryPlanInfo, ReplicatedVm } from '../../azure/site-recovery-port.js';
import { formatDuration, planOperationWords, stateWord } from '../../chat/domain-words.js';
import { joinSentences } from '../../chat/join-sentences.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import { suggestClosest } from '../../commands/suggest-closest.js';

/**
 * Finding an app (recovery plan) and its VMs, and saying in words what stands in the way of an
 * operation on it: shared by `dr status` and every drill and failover command.
 */

/** Replication is late past this (the RPO target of an app, until policy sets one per app). */
export const rpoTargetSeconds = 15 * 60;

export function requireSiteRecovery(azure: AzurePort): void {
  if (azure.siteRecovery.vaults.length === 0) {
    throw new UserFacingError('No Site Recovery vault is configured for the bot.', {
      title: 'Site Recovery is not set up',
      nextStep: 'Set SITE_RECOVERY_VAULT_IDS to the vaults that replicate your VMs, and restart the bot.',
    });
  }
}

export function findPlan(plans: RecoveryPlanInfo[], app: string): RecoveryPlanInfo {
  const plan = plans.find((p) => p.name.toLowerCase() === app.toLowerCase());
  if (plan) return plan;
  const closest = suggestClosest(
    app,
    plans.map((p) => p.name),
    3,
  );
  throw new UserFacingError(`There is no app (recovery plan) named \`${app}\`.`, {
    title: 'Unknown app',
    nextStep:
      closest.length > 0
        ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
        : 'Type `dr status` to list the apps.',
  });
}

export function itemsOf(
  plan: RecoveryPlanInfo,
  items: ReplicatedVm[],
): { item: ReplicatedVm; group: number }[] {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const bootGroups = plan.groups.filter((g) => g.type === 'Boot');
  return bootGroups.flatMap((group, index) =>
    group.itemIds.flatMap((id) => {
      const item = byId.get(id.toLowerCase());
      return item ? [{ item, group: index + 1 }] : [];
    }),
  );
}

/** What stands in the way of failing the plan over, in words with the next step. */
export function blockers(plan: RecoveryPlanInfo, members: ReplicatedVm[], app: string): string[] {
  const found: string[] = [];
  if (plan.currentScenarioStatus && /progress|wait/i.test(plan.currentScenarioStatus))
    found.push(
      `${app} is busy: ${plan.currentScenario ? `a ${planOperationWords(plan.currentScenario)}` : 'another operation'} is ${stateWord(plan.currentScenarioStatus)}.`,
    );
  for (const item of members) {
    if (item.testFailoverState !== 'None')
      found.push(
        `${item.vmName}: a drill is not cleaned up (${stateWord(item.testFailoverState)}); run \`dr cleanup ${app}\`.`,
      );
    if (item.replicationHealth !== 'Normal') {
      const error = item.healthErrors[0];
      found.push(
        joinSentences(
          `${item.vmName}: replication ${item.replicationHealth}${error ? `: ${error.message}` : ''}`,
          error?.recommendation,
        ),
      );
    }
  }
  if (found.length === 0 && !plan.allowedOperations.some((op) => /Failover/i.test(op)))
    found.push(
      `Azure allows no failover of ${app} now (allowed: ${plan.allowedOperations.map(planOperationWords).join(', ') || 'none'}).`,
    );
  return found;
}

/** 45 s, 12 min, 2 h 5 min: the shared duration wording (src/chat/domain-words.ts). */
export const formatSeconds = formatDuration;
