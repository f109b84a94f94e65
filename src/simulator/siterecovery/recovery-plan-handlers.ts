import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { renderRecoveryPlan } from './render-recovery-plan.js';
import { recordsOfVault, requireRecoveryPlan, requireVault } from './site-recovery-scope.js';

/** replicationRecoveryPlans list / get. */
export function listRecoveryPlans(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const plans = recordsOfVault(context.state.siteRecovery.recoveryPlans, vault);
  return paginateList(context, plans, (plan) => renderRecoveryPlan(context.state, plan));
}

export function getRecoveryPlan(context: RouteContext): ArmResult {
  const plan = requireRecoveryPlan(context, requireVault(context));
  return { status: 200, body: renderRecoveryPlan(context.state, plan) };
}
