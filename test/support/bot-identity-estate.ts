import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { botRoleFile, botRoleName } from '../../src/azure/bot-role.js';

/**
 * The demo estate with an `identity` section, as an administrator would set the bot up in Azure: a
 * tenant, the bot's app registration (a client secret made now, never stored in the repo), the
 * shipped role created from deploy/azure/recovery-chatops-bot-role.json with its AssignableScopes
 * filled in (docs/real-azure.md), and that role assigned to the bot on the subscription, nothing else
 * (an auditor with Reader lets tests read Azure's state beside the bot).
 */
export const subscriptionId = '00000000-0000-0000-0000-000000000001';
export const subscriptionScope = `/subscriptions/${subscriptionId}`;

export interface BotIdentityEstate {
  estatePath: string;
  tenantId: string;
  bot: { name: string; clientId: string; objectId: string; secret: string };
  /** Another principal, with the built-in Reader on the subscription: how a test looks at Azure's state. */
  auditor: { name: string; clientId: string; objectId: string; secret: string };
  /** The role as created in Azure: the shipped file with the subscription as its assignable scope. */
  role: Record<string, unknown> & { Name: string; Actions: string[] };
}

/** The shipped role file, its placeholder scope replaced as docs/real-azure.md says (`sed`). */
export async function shippedRoleFor(scope: string): Promise<BotIdentityEstate['role']> {
  const text = await readFile(botRoleFile, 'utf8');
  return JSON.parse(text.replaceAll('/subscriptions/<subscription-id>', scope)) as BotIdentityEstate['role'];
}

export async function writeBotIdentityEstate(dir: string): Promise<BotIdentityEstate> {
  const demo = JSON.parse(await readFile('config/demo-estate.json', 'utf8')) as Record<string, unknown>;
  const tenantId = randomUUID();
  const bot = {
    name: 'recovery-chatops-bot',
    clientId: randomUUID(),
    objectId: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
  };
  const auditor = {
    name: 'auditor',
    clientId: randomUUID(),
    objectId: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
  };
  const role = await shippedRoleFor(subscriptionScope);
  const identity = {
    tenantId,
    principals: [bot, auditor].map((principal) => ({
      name: principal.name,
      clientId: principal.clientId,
      objectId: principal.objectId,
      clientSecret: principal.secret,
    })),
    roleDefinitions: [role],
    roleAssignments: [
      { principal: bot.objectId, role: botRoleName, scope: subscriptionScope },
      { principal: auditor.objectId, role: 'Reader', scope: subscriptionScope },
    ],
  };
  const estatePath = join(dir, 'bot-identity-estate.json');
  await writeFile(estatePath, JSON.stringify({ ...demo, identity }), 'utf8');
  return { estatePath, tenantId, bot, auditor, role };
}

/** The demo estate's vaults and subnets, as an administrator names them to the bot for real Azure. */
export const demoAzureIds = {
  AZURE_SUBSCRIPTION_IDS: subscriptionId,
  BACKUP_VAULT_IDS: `${subscriptionScope}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`,
  SITE_RECOVERY_VAULT_IDS: `${subscriptionScope}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`,
  RESTORE_SUBNET_IDS: [
    `${subscriptionScope}/resourceGroups/rg-shop-prod/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-web`,
    `${subscriptionScope}/resourceGroups/rg-crm-prod/providers/Microsoft.Network/virtualNetworks/vnet-crm-prod/subnets/snet-app`,
  ].join(','),
};
