import type { AzureChange } from '../azure/create-azure-observer.js';
import { commandContext } from '../observability/command-context.js';
import { type AuditLog, auditContextOf } from './audit-log.js';

const botActor = { platform: 'console' as const, id: 'recovery-bot', displayName: 'the bot' };

/** Every ARM request of a command carries the command's correlation id, so Azure's logs match ours. */
export function correlationHeaders(): Record<string, string> {
  const scope = commandContext.getStore();
  return scope ? { 'x-ms-correlation-request-id': scope.event.correlationId } : {};
}

/** Audits a change Azure accepted, under the command that caused it, with Azure's request id. */
export async function auditAzureChange(audit: AuditLog, change: AzureChange): Promise<void> {
  const scope = commandContext.getStore();
  // The command changed something in Azure: it is a job even if it fails now (run-as-job.ts).
  if (scope) scope.azureChanged = true;
  const who = scope
    ? auditContextOf(scope.event)
    : { actor: botActor, platform: botActor.platform, origin: 'automation' as const, correlationId: 'none' };
  await audit.record({
    ...who,
    kind: 'azure-change',
    commandId: scope?.commandId,
    commandText: scope?.commandText,
    approvalId: scope?.approvalId,
    jobId: scope?.jobId,
    armRequestId: change.requestId,
    outcome: `${change.method} ${change.status}`,
    detail: { path: change.path },
  });
}
