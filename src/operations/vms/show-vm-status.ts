import type { ProtectedVm } from '../../azure/backup-port.js';
import { activeLocationWords, formatDuration, protectionWord, stateWord } from '../../chat/domain-words.js';
import type { Fact } from '../../chat/view.js';
import type { JobRecord } from '../../store/store-port.js';
import { backupProtectionByVm } from '../backup/backup-protection.js';
import { formatAge, formatGB, formatTime } from '../format-values.js';
import type { Operation, OperationContext } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { listSetsOfVm } from '../snapshots/snapshot-sets.js';
import {
  type ReplicatedCopy,
  recoverySideOf,
  replicationOfVm,
  type VmReplication,
} from '../vm-replication.js';

/**
 * `status <vm>`: power state, size, disks, the latest snapshot set, its Azure Backup protection and
 * its replication as Site Recovery (and `dr status`) knows it. A drill's copy of a VM says so, and
 * how it goes away, instead of asking for a backup.
 */
export const showVmStatus: Operation = async (context) => {
  const { command, azure, signal, now } = context;
  const summary = await resolveVm(azure, String(command.args.vm), signal);
  const [vm, sets, protection, replication] = await Promise.all([
    azure.getVm(summary, { abortSignal: signal }),
    listSetsOfVm(azure, summary, signal),
    backupProtectionByVm(context),
    replicationOfVm(azure, summary, signal),
  ]);
  const backup = protection.byVm.get(summary.id.toLowerCase());
  const latest = sets[0];
  const running = vm.powerState === 'running';
  const drill = replication.kind === 'drill-copy' ? await drillCopyFacts(context, replication) : undefined;
  return withActiveCopy(summary, {
    kind: 'vm-status',
    title: drill ? `${vm.name}: drill copy of ${drill.of}` : `${vm.name}`,
    tone: drill ? 'accent' : running ? 'good' : 'warning',
    summary: `${vm.powerState} · ${vm.size} · ${vm.osType} · ${vm.location}${drill ? `. ${drill.sentence}` : ''}`,
    facts: [
      { label: 'Resource group', value: vm.resourceGroup },
      { label: 'Subscription', value: vm.subscriptionId },
      {
        label: 'Latest snapshot set',
        value: latest
          ? `${latest.id} (${formatAge(latest.createdAt, now())}, ${latest.incremental ? 'incremental' : 'full'})`
          : 'none',
      },
      ...(drill
        ? [{ label: 'Backup', value: `none: a drill copy is not backed up; ${drill.cleanup}` }]
        : backupFacts(vm.name, protection.known, protection.problem, backup, now())),
      ...replicationFacts(replication, now()),
    ],
    tables: [
      {
        title: 'Disks',
        columns: ['Disk', 'Role', 'Provisioned', 'Used', 'SKU'],
        rows: vm.disks.map((d) => [
          d.name,
          d.role === 'os' ? 'OS' : `data (LUN ${d.lun ?? 0})`,
          formatGB(d.sizeGB),
          formatGB(d.usedGB),
          d.sku ?? 'n/a',
        ]),
      },
    ],
    actions: [
      { label: 'Snapshot now', verb: 'run', data: { command: `snapshot ${vm.name}` } },
      { label: 'Snapshot sets', verb: 'run', data: { command: `snapshots ${vm.name}` } },
      ...(backup && !drill
        ? [
            { label: 'Back up now', verb: 'run', data: { command: `backup ${vm.name}` } },
            { label: 'Recovery points', verb: 'run', data: { command: `recovery points ${vm.name}` } },
          ]
        : []),
    ],
    notes: drill ? [drill.next] : undefined,
  });
};

/** The replication facts `dr status` shows for this VM, in the shared words. */
function replicationFacts(replication: VmReplication, now: Date): Fact[] {
  switch (replication.kind) {
    case 'not-configured':
      return [{ label: 'Replication', value: 'unknown: no Site Recovery vault is configured for the bot' }];
    case 'unknown':
      return [{ label: 'Replication', value: `unknown: ${replication.problem}` }];
    case 'not-replicated':
      return [{ label: 'Replication', value: 'none: Site Recovery does not replicate this VM' }];
    case 'drill-copy':
      return [];
  }
  const { item, apps } = replication;
  const regions = { primary: item.primaryRegion, recovery: item.recoveryRegion };
  const copy = replication.kind === 'failover-copy' ? 'failover copy made by Site Recovery; ' : '';
  const rpo =
    item.rpoSeconds === undefined
      ? 'n/a'
      : `${formatDuration(item.rpoSeconds)}${item.lastRpoCalculatedTime ? ` (measured ${formatAge(item.lastRpoCalculatedTime, now)})` : ''}`;
  const app = apps.map((plan) => plan.name).join(', ');
  return [
    {
      label: 'Replication',
      value: `${copy}${protectionWord(item.protectionState)}, health ${item.replicationHealth}, in vault ${item.vault.name}`,
    },
    { label: 'RPO', value: rpo },
    { label: 'Active in', value: activeLocationWords(item.activeLocation, regions) },
    { label: 'Copies made in', value: recoverySideOf(item) },
    ...(item.testFailoverState !== 'None'
      ? [{ label: 'Drill', value: `not cleaned up (${stateWord(item.testFailoverState)})` }]
      : []),
    ...(app ? [{ label: 'App (recovery plan)', value: `${app}: \`dr status ${apps[0]?.name}\`` }] : []),
  ];
}

/** Which VM a drill copy stands in for, which drill made it, and how it goes away. */
async function drillCopyFacts(
  context: OperationContext,
  replication: ReplicatedCopy<'drill-copy'>,
): Promise<{ of: string; sentence: string; cleanup: string; next: string }> {
  const { item, apps } = replication;
  const app = apps[0]?.name;
  const job = app ? await drillJobOf(context, app) : undefined;
  const started = apps[0]?.currentScenario === 'TestFailover' ? apps[0].currentScenarioStartTime : undefined;
  const drill = app
    ? `the drill of ${app}${job ? ` (${job.id}, started ${formatTime(job.createdAt)})` : started ? ` (started ${formatTime(started)})` : ''}`
    : 'a Site Recovery test failover';
  const cleanup = app ? `\`dr cleanup ${app}\` deletes it` : 'cleaning up the test failover deletes it';
  return {
    of: item.vmName,
    sentence: `A drill copy of ${item.vmName}, made in ${recoverySideOf(item)} by ${drill}.`,
    cleanup,
    next: app
      ? `When the drill is checked, type \`dr cleanup ${app}\` to delete this copy and write the drill report.`
      : 'Clean up the test failover in the Azure portal to delete this copy.',
  };
}

/** The bot's newest `dr drill <app>` job, if the bot ran the drill. */
async function drillJobOf(context: OperationContext, app: string): Promise<JobRecord | undefined> {
  const jobs = await context.store.listJobs({ limit: 200 });
  return jobs
    .filter(
      (job) =>
        job.commandId === 'dr.drill' && job.commandText.split(/\s+/)[2]?.toLowerCase() === app.toLowerCase(),
    )
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

function backupFacts(
  vmName: string,
  known: boolean,
  problem: string | undefined,
  item: ProtectedVm | undefined,
  now: Date,
): { label: string; value: string }[] {
  if (!known) return [{ label: 'Backup', value: `unknown: ${problem ?? 'Azure Backup did not answer'}` }];
  if (!item) return [{ label: 'Backup', value: `none: type \`enable backup ${vmName}\`` }];
  return [
    {
      label: 'Backup',
      value: `${protectionWord(item.protectionState)} in ${item.vault.name} (${item.policyName ?? 'policy unknown'})`,
    },
    {
      label: 'Last backup',
      value: item.lastBackupTime
        ? `${formatTime(item.lastBackupTime)} (${formatAge(item.lastBackupTime, now)}), ${item.lastBackupStatus ? stateWord(item.lastBackupStatus) : 'status unknown'}`
        : 'none yet',
    },
    {
      label: 'Latest recovery point',
      value: item.lastRecoveryPoint
        ? `${formatTime(item.lastRecoveryPoint)} (${formatAge(item.lastRecoveryPoint, now)})`
        : 'none yet',
    },
  ];
}
