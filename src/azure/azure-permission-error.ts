import { AzureRequestError } from './azure-port.js';
import { actionInWords, botRoleActionOf, botRoleFile, botRoleName } from './bot-role.js';
import { describeArmScope, readArmScope } from './describe-arm-scope.js';

/**
 * Azure's 403 for a permission the bot's identity lacks, read into what a person needs: which
 * permission, on which resource (by name and group), whether the bot's shipped role grants it, and
 * the Azure CLI command an administrator runs to fix it. Azure words it two ways:
 *
 * - `AuthorizationFailed`: "The client '<id>' with object id '<oid>' does not have authorization to
 *   perform action '<action>' over scope '<scope>' or the scope is invalid. ..."
 * - `LinkedAuthorizationFailed` (a permission Azure checks on the bot's behalf, e.g. joining a
 *   subnet): "... has permission to perform action '<a>' on scope '<s>'; however, it does not have
 *   permission to perform action(s) '<action>' on the linked scope(s) '<scope>' ..."
 *
 * Its message is the whole explanation in plain words, so every place that shows an Azure error's
 * message (a failed step of a snapshot set, a refused command) tells the same.
 */
export class AzurePermissionError extends AzureRequestError {
  constructor(
    /** The RBAC action Azure refused, as Azure names it. */
    readonly action: string,
    /** The ARM scope it was refused on. */
    readonly scope: string,
    /** The object id of the identity Azure refused (the bot's), when Azure named it. */
    readonly principalId: string | undefined,
    /** Azure's own message, for logs. */
    readonly azureMessage: string,
    statusCode: number | undefined,
    code: string | undefined,
    requestId: string | undefined,
    phase: 'request' | 'operation' = 'request',
  ) {
    super(explain(action, scope, principalId), statusCode, code, requestId, phase);
  }

  /** Whether the bot's shipped role grants the action (else Azure asks for one the bot does not know it needs). */
  get grantedByBotRole(): boolean {
    return botRoleActionOf(this.action) !== undefined;
  }

  /** The scope an administrator assigns the role on: the resource group of the resource, else the scope itself. */
  get assignmentScope(): string {
    return assignmentScopeOf(this.scope);
  }

  /** The Azure CLI command that grants the bot's role where it was missing. */
  get fixCommand(): string {
    return fixCommandOf(this.principalId, this.scope);
  }
}

const refused =
  /with object id '([^']*)' does not have authorization to perform action '([^']+)' over scope '([^']+)'/i;
const linkedRefused =
  /with object id '([^']*)' has permission to perform action '[^']*' on scope '[^']*'; however, it does not have permission to perform action(?:\(s\))? '([^']+)' on the linked scope(?:\(s\))? '([^']+)'/i;

/** The permission failure in an Azure error's code and message, or undefined when it is none. */
export function readPermissionFailure(
  code: string | undefined,
  message: string,
): { action: string; scope: string; principalId: string | undefined } | undefined {
  if (code !== 'AuthorizationFailed' && code !== 'LinkedAuthorizationFailed') return undefined;
  const match = (code === 'AuthorizationFailed' ? refused : linkedRefused).exec(message);
  if (!match?.[2] || !match[3]) return undefined;
  // Linked failures can list several, comma-separated, "respectively": the first one is enough to act on.
  const first = (list: string) => list.split(',')[0]?.trim() ?? list;
  return { action: first(match[2]), scope: first(match[3]), principalId: match[1] || undefined };
}

function assignmentScopeOf(scope: string): string {
  const parts = readArmScope(scope);
  if (parts.subscriptionId && parts.resourceGroup)
    return `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}`;
  if (parts.subscriptionId) return `/subscriptions/${parts.subscriptionId}`;
  return scope;
}

function fixCommandOf(principalId: string | undefined, scope: string): string {
  return `az role assignment create --assignee ${principalId ?? '<the bot identity object id>'} --role "${botRoleName}" --scope ${assignmentScopeOf(scope)}`;
}

/** A job the bot started and may not read: Azure runs it on regardless (`.../backupJobs/{id}`, `.../replicationJobs/{id}`). */
export function isUnfollowedJob(action: string): boolean {
  return /\/(backupJobs|replicationJobs)\/read$/i.test(action);
}

function explain(action: string, scope: string, principalId: string | undefined): string {
  const job = isUnfollowedJob(action)
    ? ' Azure runs that job on without the bot: follow it in the portal.'
    : '';
  const missing = `The bot's Azure identity may not ${actionInWords(action)} (${action}) on ${describeArmScope(scope)}.${job}`;
  if (!botRoleActionOf(action)) {
    return `${missing} Azure asks for this permission on the bot's behalf and the bot's role, ${botRoleName} (${botRoleFile}), does not include it: an Azure administrator adds it to the role's Actions and runs \`az role definition update --role-definition <the role file>\`.`;
  }
  return `${missing} The bot's role, ${botRoleName} (${botRoleFile}), grants it: an Azure administrator runs \`${fixCommandOf(principalId, scope)}\` (or, if the role is assigned there already, updates it from the shipped file with \`az role definition update\`).`;
}
