import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { renderSiteRecoveryJob } from './render-site-recovery-job.js';
import { requireJob, requireVault } from './site-recovery-scope.js';

/** replicationJobs list (newest first; `$filter` is not simulated) / get. */
export function listSiteRecoveryJobs(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const jobs = Object.values(context.state.siteRecovery.jobs)
    .filter((job) => job.vaultKey === vault.key)
    .sort((a, b) => b.startMs - a.startMs || a.name.localeCompare(b.name));
  return paginateList(context, jobs, (job) => renderSiteRecoveryJob(context.state, job, context.nowMs));
}

export function getSiteRecoveryJob(context: RouteContext): ArmResult {
  return {
    status: 200,
    body: renderSiteRecoveryJob(context.state, requireJob(context, requireVault(context)), context.nowMs),
  };
}
