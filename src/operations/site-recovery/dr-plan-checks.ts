import { AzureRequestError } from '../../azure/azure-port.js';
import type { RecoveryPointType, ReplicatedVm } from '../../azure/site-recovery-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { OperationContext } from '../operation.js';

/**
 * Azure's refusals of an operation on a recovery plan, in plain words with the next step: the plan
 * is busy with another operation, a drill was not cleaned up, or the state does not allow it.
 */
export function explainPlanRefusal(error: unknown, app: string): unknown {
  // A missing permission is told as such (its message names actions like testFailoverCleanup).
  if (!(error instanceof AzureRequestError) || error.phase !== 'request' || error.statusCode === 403)
    return error;
  const status = error.statusCode ?? 0;
  if (status === 409 || /in progress/i.test(error.message)) {
    return new UserFacingError(`${app} is busy: ${error.message}`, {
      title: `${app} is in another operation`,
      nextStep: `Wait for it to finish (\`dr status ${app}\` shows it; a manual step waits for \`dr done ${app}\`), then try again.`,
    });
  }
  if (/not been cleaned up|cleanup/i.test(error.message)) {
    return new UserFacingError(
      `The last drill of ${app} is not cleaned up yet; Azure allows one at a time.`,
      {
        title: 'Drill not cleaned up',
        nextStep: `Finish it with \`dr cleanup ${app} notes "..."\`, then try again.`,
      },
    );
  }
  if (status === 400) {
    return new UserFacingError(`Azure refused it: ${error.message}`, {
      title: `Not possible for ${app} now`,
      nextStep: `See \`dr status ${app}\` for what is allowed now.`,
    });
  }
  return error;
}

/**
 * The recovery point each VM fails over to, as the bot records it for the report: the newest point
 * of the requested type; for `Latest` (Azure processes the data still pending first) the newest
 * data Azure has, the time of its last RPO measurement minus the RPO.
 */
export async function recoveryPointsUsed(
  context: OperationContext,
  members: ReplicatedVm[],
  type: RecoveryPointType,
): Promise<{ vm: string; time: string; type: string }[]> {
  const now = context.now();
  return Promise.all(
    members.map(async (item) => {
      if (type === 'Latest') {
        const measured = item.lastRpoCalculatedTime ?? now;
        const time = new Date(measured.getTime() - (item.rpoSeconds ?? 0) * 1000);
        return { vm: item.vmName, time: time.toISOString(), type: 'Latest (all data received)' };
      }
      const points = await context.azure.siteRecovery.listRecoveryPoints(item, {
        abortSignal: context.signal,
      });
      const wanted =
        type === 'LatestApplicationConsistent'
          ? points.find((p) => p.type === 'AppConsistent')
          : type === 'LatestCrashConsistent'
            ? points.find((p) => p.type === 'CrashConsistent')
            : points[0];
      if (!wanted) {
        throw new UserFacingError(`${item.vmName} has no ${type} recovery point yet.`, {
          title: 'No recovery point',
          nextStep:
            'Use `point latest`, or wait for the next point (app-consistent ones come every few hours).',
        });
      }
      return { vm: item.vmName, time: wanted.time.toISOString(), type: wanted.type };
    }),
  );
}
