import { type AzurePermissionError, isUnfollowedJob } from '../azure/azure-permission-error.js';
import { actionInWords, botRoleFile, botRoleName } from '../azure/bot-role.js';
import { readArmScope } from '../azure/describe-arm-scope.js';
import type { View } from '../chat/view.js';

/**
 * A command Azure refused for a missing permission, told so the person in the channel can pass it
 * on as it is: the permission in words and by name, the resource by name and group, whether the
 * bot's shipped role grants it, and the one Azure CLI command an administrator runs.
 */
export function describePermissionFailure(
  error: AzurePermissionError,
  correlationId: string,
  state: string,
): View {
  const where = readArmScope(error.scope);
  const facts = [
    { label: 'Missing permission', value: error.action },
    ...(where.resource ? [{ label: 'Resource', value: where.resource }] : []),
    ...(where.parent ? [{ label: 'In', value: where.parent }] : []),
    ...(where.resourceGroup ? [{ label: 'Resource group', value: where.resourceGroup }] : []),
    ...(where.subscriptionId ? [{ label: 'Subscription', value: where.subscriptionId }] : []),
    {
      label: 'Granted by',
      value: error.grantedByBotRole
        ? `the role ${botRoleName} (${botRoleFile})`
        : `not the role ${botRoleName}: Azure asks for it on the bot's behalf`,
    },
    ...(error.code ? [{ label: 'Azure error', value: error.code }] : []),
    ...(error.requestId ? [{ label: 'ARM request id', value: error.requestId }] : []),
    { label: 'Reference', value: correlationId },
  ];
  const fix = error.grantedByBotRole
    ? [
        `An Azure administrator grants it by assigning the bot's role there: \`${error.fixCommand}\`.`,
        `If the role is assigned there already, the role in Azure is older than the bot's: update it from \`${botRoleFile}\` (its AssignableScopes filled in) with \`az role definition update --role-definition <file>\`.`,
      ]
    : [
        `An Azure administrator adds \`${error.action}\` to the Actions of \`${botRoleFile}\`, runs \`az role definition update --role-definition <file>\`, and tells whoever runs the bot, so the shipped role can include it.`,
      ];
  return {
    kind: 'azure-permission',
    title: 'Azure permission missing',
    tone: 'attention',
    summary: `Azure refused: the bot's Azure identity may not ${actionInWords(error.action)} on ${describeScope(where, error.scope)}. ${
      isUnfollowedJob(error.action)
        ? `Azure accepted what the command asked and runs ${where.resource ?? 'the job'} on its own; follow it in the portal.`
        : state
    }`,
    facts,
    notes: [...fix, 'Then run the command again.'],
  };
}

function describeScope(where: ReturnType<typeof readArmScope>, scope: string): string {
  if (where.resource) {
    const inside = where.parent ? ` in ${where.parent}` : '';
    return `${where.resource}${inside}${where.resourceGroup ? ` (resource group ${where.resourceGroup})` : ''}`;
  }
  if (where.resourceGroup) return `resource group ${where.resourceGroup}`;
  return where.subscriptionId ? `subscription ${where.subscriptionId}` : scope;
}
