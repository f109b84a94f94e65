import { describe, expect, it } from 'vitest';
import { AzurePermissionError } from '../../src/azure/azure-permission-error.js';
import { AzureRequestError, mayHaveCreated } from '../../src/azure/azure-port.js';
import { botRoleFile } from '../../src/azure/bot-role.js';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import { SdkAzure } from '../../src/azure/sdk-azure.js';
import { translateAzureError } from '../../src/azure/translate-azure-error.js';
import { describeFailure } from '../../src/router/describe-failure.js';
import type { SimulatorHandler } from '../../src/simulator/simulator-types.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const botObjectId = '5b3f0c2e-1111-4222-8333-944455556666';
const group = `/subscriptions/${subscription}/resourceGroups/rg-shop-prod`;
const snapshotScope = `${group}/providers/Microsoft.Compute/snapshots/vm-sql-01-20261208-101500-ab12-os`;

/** ARM's 403 for an action the caller lacks, word for word. */
function authorizationFailed(action: string, scope: string): SimulatorHandler {
  return async () => ({
    status: 403,
    headers: {
      'content-type': 'application/json',
      'x-ms-request-id': 'req-403',
      'x-ms-failure-cause': 'gateway',
    },
    body: JSON.stringify({
      error: {
        code: 'AuthorizationFailed',
        message: `The client '${botObjectId}' with object id '${botObjectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    }),
  });
}

/** The real SDK clients, answered by `handler` at the HTTP boundary. */
function azureAnsweredBy(handler: SimulatorHandler): SdkAzure {
  return new SdkAzure([subscription], {
    target: { kind: 'in-process', httpClient: createInProcessHttpClient(handler) },
    pollIntervalInMs: 10,
  });
}

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('a missing Azure permission, in plain words', () => {
  it('reads the action, the resource and the identity from the 403 the SDK throws', async () => {
    const azure = azureAnsweredBy(authorizationFailed('Microsoft.Compute/snapshots/write', snapshotScope));
    const error = await failureOf(() =>
      azure.createSnapshot({
        subscriptionId: subscription,
        resourceGroup: 'rg-shop-prod',
        name: 'vm-sql-01-20261208-101500-ab12-os',
        location: 'westeurope',
        sourceDiskId: `${group}/providers/Microsoft.Compute/disks/vm-sql-01-os`,
        incremental: true,
        tags: {},
      }),
    );
    expect(error).toBeInstanceOf(AzurePermissionError);
    const refused = error as AzurePermissionError;
    expect(refused).toMatchObject({
      action: 'Microsoft.Compute/snapshots/write',
      scope: snapshotScope,
      principalId: botObjectId,
      statusCode: 403,
      code: 'AuthorizationFailed',
      requestId: 'req-403',
      phase: 'request',
      grantedByBotRole: true,
      assignmentScope: group,
    });
    expect(refused.message).toBe(
      `The bot's Azure identity may not create snapshots (Microsoft.Compute/snapshots/write) on snapshot vm-sql-01-20261208-101500-ab12-os in resource group rg-shop-prod. The bot's role, Recovery Chat-ops Bot (${botRoleFile}), grants it: an Azure administrator runs \`az role assignment create --assignee ${botObjectId} --role "Recovery Chat-ops Bot" --scope ${group}\` (or, if the role is assigned there already, updates it from the shipped file with \`az role definition update\`).`,
    );
    // Nothing was created: Azure refused the create itself.
    expect(mayHaveCreated(refused)).toBe(false);
    expect(refused.azureMessage).toContain('does not have authorization');
  });

  it("keeps Azure's words for a refused list, which arm-compute's paging drops", async () => {
    const azure = azureAnsweredBy(
      authorizationFailed('Microsoft.Compute/virtualMachines/read', `/subscriptions/${subscription}`),
    );
    const error = await failureOf(() => azure.listVms());
    expect(error).toBeInstanceOf(AzurePermissionError);
    expect((error as Error).message).toContain(
      `may not read virtual machines (Microsoft.Compute/virtualMachines/read) on subscription ${subscription}.`,
    );
    expect((error as AzurePermissionError).fixCommand).toContain(`--scope /subscriptions/${subscription}`);
    // A refused read may follow a create Azure accepted (a poller's last GET): callers look for leftovers.
    expect(mayHaveCreated(error)).toBe(true);
  });

  it('names a backup item by its VM, its vault and group, and assigns on the vault’s group', async () => {
    const item = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01/protectedItems/vm;iaasvmcontainerv2;rg-shop-prod;vm-web-01`;
    const action =
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action';
    const vault = {
      id: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`,
      subscriptionId: subscription,
      resourceGroup: 'rg-bcdr-weu',
      name: 'rsv-prod-weu',
    };
    const azure = azureAnsweredBy(authorizationFailed(action, item));
    const error = (await failureOf(() =>
      azure.backup.triggerBackup(
        {
          vault,
          containerName: 'iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01',
          itemName: 'vm;iaasvmcontainerv2;rg-shop-prod;vm-web-01',
          vmId: `${group}/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
          vmName: 'vm-web-01',
        },
        new Date(Date.now() + 86_400_000),
      ),
    )) as AzurePermissionError;
    expect(error).toBeInstanceOf(AzurePermissionError);
    expect(error.message).toContain(
      'may not take on-demand backups (Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action) on backup item of VM vm-web-01 in vault rsv-prod-weu, resource group rg-bcdr-weu.',
    );
    expect(error.fixCommand).toBe(
      `az role assignment create --assignee ${botObjectId} --role "Recovery Chat-ops Bot" --scope /subscriptions/${subscription}/resourceGroups/rg-bcdr-weu`,
    );
  });

  it('reads a permission Azure checks on the bot’s behalf, and says when the bot’s role lacks it', () => {
    const linked = new Error(
      `The long-running operation has failed. LinkedAuthorizationFailed. The client '${botObjectId}' with object id '${botObjectId}' has permission to perform action 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/restore/action' on scope '/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu'; however, it does not have permission to perform action(s) 'Microsoft.DomainRegistration/domains/write' on the linked scope(s) '${group}' (respectively) or the linked scope(s) are invalid.`,
    );
    const error = translateAzureError(linked) as AzurePermissionError;
    expect(error).toBeInstanceOf(AzurePermissionError);
    expect(error).toMatchObject({
      action: 'Microsoft.DomainRegistration/domains/write',
      scope: group,
      phase: 'operation',
      grantedByBotRole: false,
    });
    expect(error.message).toContain(
      'may not write domains (Microsoft.DomainRegistration) (Microsoft.DomainRegistration/domains/write) on resource group rg-shop-prod.',
    );
    expect(error.message).toContain('does not include it');
  });

  it('leaves other refusals, 403s among them, as Azure worded them', () => {
    const policy = new Error(
      "The long-running operation has failed. RequestDisallowedByPolicy. Resource 'x' was disallowed by policy.",
    );
    const error = translateAzureError(policy);
    expect(error).toBeInstanceOf(AzureRequestError);
    expect(error).not.toBeInstanceOf(AzurePermissionError);
    expect((error as Error).message).toBe("Resource 'x' was disallowed by policy.");
  });

  it('shows the refusal as a card: permission, resource, group, the role that grants it and the fix', async () => {
    const azure = azureAnsweredBy(
      authorizationFailed(
        'Microsoft.Compute/virtualMachines/start/action',
        `${group}/providers/Microsoft.Compute/virtualMachines/vm-web-02`,
      ),
    );
    const error = await failureOf(() =>
      azure.startVm({
        id: '',
        subscriptionId: subscription,
        resourceGroup: 'rg-shop-prod',
        name: 'vm-web-02',
      }),
    );
    const { view, unexpected } = describeFailure(error, 'ref-9', true);
    expect(unexpected).toBe(false);
    expect(view.title).toBe('Azure permission missing');
    expect(view.summary).toBe(
      "Azure refused: the bot's Azure identity may not start virtual machines on VM vm-web-02 (resource group rg-shop-prod). The command stopped at this error; nothing further was started.",
    );
    expect(view.facts).toEqual(
      expect.arrayContaining([
        { label: 'Missing permission', value: 'Microsoft.Compute/virtualMachines/start/action' },
        { label: 'Resource', value: 'VM vm-web-02' },
        { label: 'Resource group', value: 'rg-shop-prod' },
        { label: 'Granted by', value: `the role Recovery Chat-ops Bot (${botRoleFile})` },
        { label: 'ARM request id', value: 'req-403' },
      ]),
    );
    expect(view.notes?.[0]).toContain(
      `\`az role assignment create --assignee ${botObjectId} --role "Recovery Chat-ops Bot" --scope ${group}\``,
    );
  });
});
