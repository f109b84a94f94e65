import type { Simulator } from '../../src/simulator/create-simulator.js';
import type { BotIdentityEstate } from './bot-identity-estate.js';
import { demoAzureIds, subscriptionScope } from './bot-identity-estate.js';

/**
 * Azure's state as the auditor (Reader) sees it through ARM, reduced to what a change leaves
 * behind: resources and their names, power states, attachments, protection, mounted recovery
 * points, jobs started and recovery plans' states, without times. Two readings are equal when no
 * change happened in between (a job's progress aside).
 */
export interface AzureStateReader {
  read(): Promise<string[]>;
}

export function createAzureStateReader(simulator: Simulator, estate: BotIdentityEstate): AzureStateReader {
  let token: string | undefined;
  const signIn = async () => {
    const response = await simulator.handle({
      method: 'POST',
      url: `https://login.microsoftonline.com/${estate.tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: estate.auditor.clientId,
        client_secret: estate.auditor.secret,
        scope: 'https://management.azure.com/.default',
      }).toString(),
    });
    return (JSON.parse(response.body ?? '{}') as { access_token: string }).access_token;
  };
  const get = async <T>(path: string, apiVersion: string): Promise<T[]> => {
    token ??= await signIn();
    const items: T[] = [];
    let url: string | undefined =
      `https://management.azure.com${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
    while (url) {
      const response = await simulator.handle({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`Reader GET ${url}: ${response.status} ${response.body}`);
      const body = JSON.parse(response.body ?? '{}') as { value?: T[]; nextLink?: string };
      items.push(...(body.value ?? [body as T]));
      url = body.nextLink;
    }
    return items;
  };
  const backupVault = demoAzureIds.BACKUP_VAULT_IDS;
  const asrVault = demoAzureIds.SITE_RECOVERY_VAULT_IDS;
  const compute = `${subscriptionScope}/providers/Microsoft.Compute`;
  return {
    async read() {
      const lines: string[] = [];
      for (const vm of await get<Vm>(`${compute}/virtualMachines?statusOnly=true`, '2024-11-01')) {
        const power = vm.properties?.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'));
        const os = vm.properties?.storageProfile?.osDisk?.managedDisk?.id?.split('/').pop();
        lines.push(`vm ${vm.name} ${power?.code ?? '?'} os=${os ?? '?'}`);
      }
      for (const disk of await get<Named & { managedBy?: string }>(`${compute}/disks`, '2025-01-02'))
        lines.push(`disk ${disk.name} on=${disk.managedBy?.split('/').pop() ?? '-'}`);
      for (const snapshot of await get<Named>(`${compute}/snapshots`, '2025-01-02'))
        lines.push(`snapshot ${snapshot.name}`);
      for (const collection of await get<Named & { id: string }>(
        `${compute}/restorePointCollections`,
        '2024-11-01',
      )) {
        const [expanded] = await get<{ properties?: { restorePoints?: Named[] } }>(
          `${collection.id}?$expand=restorePoints`,
          '2024-11-01',
        );
        const points = (expanded?.properties?.restorePoints ?? []).map((point) => point.name).join(',');
        lines.push(`restore points ${collection.name}: ${points}`);
      }
      for (const item of await get<Named & { id: string; properties?: { protectionState?: string } }>(
        `${backupVault}/backupProtectedItems`,
        '2023-06-01',
      )) {
        lines.push(`backup item ${decodeURIComponent(item.name)} ${item.properties?.protectionState}`);
        const points = await get<Named & { properties?: { isInstantIlrSessionActive?: boolean } }>(
          `${item.id}/recoveryPoints`,
          '2023-06-01',
        );
        for (const point of points.filter((p) => p.properties?.isInstantIlrSessionActive))
          lines.push(`file restore mounted ${decodeURIComponent(item.name)} ${point.name}`);
      }
      for (const job of await get<{ properties?: Record<string, string> }>(
        `${backupVault}/backupJobs`,
        '2023-06-01',
      )) {
        const p = job.properties ?? {};
        lines.push(
          `backup job ${p.operation} ${p.entityFriendlyName}${p.status === 'Cancelled' ? ' cancelled' : ''}`,
        );
      }
      for (const plan of await get<
        Named & { properties?: { allowedOperations?: string[]; currentScenario?: { scenarioName?: string } } }
      >(`${asrVault}/replicationRecoveryPlans`, '2023-06-01'))
        lines.push(
          `plan ${plan.name} ${(plan.properties?.allowedOperations ?? []).join(',')} ${plan.properties?.currentScenario?.scenarioName ?? ''}`,
        );
      for (const item of await get<{ properties?: Record<string, string> }>(
        `${asrVault}/replicationProtectedItems`,
        '2023-06-01',
      )) {
        const p = item.properties ?? {};
        lines.push(
          `replicated ${p.friendlyName} ${p.activeLocation} ${p.protectionState} test=${p.testFailoverState}`,
        );
      }
      for (const job of await get<{ properties?: Record<string, string> }>(
        `${asrVault}/replicationJobs`,
        '2023-06-01',
      ))
        lines.push(`site recovery job ${job.properties?.scenarioName} ${job.properties?.targetObjectName}`);
      return lines.sort();
    },
  };
}

interface Named {
  name: string;
}

interface Vm extends Named {
  properties?: {
    instanceView?: { statuses?: { code?: string }[] };
    storageProfile?: { osDisk?: { managedDisk?: { id?: string } } };
  };
}
