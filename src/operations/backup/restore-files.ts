import type { VmRef } from '../../azure/azure-port.js';
import { type BackupItemRef, backupItemRefOf, type FileRecoveryAccess } from '../../azure/backup-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import { MAX_CODE_LENGTH, type View } from '../../chat/view.js';
import { formatTime } from '../format-values.js';
import type { OperationContext, PlannedOperation, ResumeOperation } from '../operation.js';
import { resolveVm } from '../resolve-vm.js';
import { chooseRecoveryPoint } from './choose-recovery-point.js';
import { findProtectedVm } from './find-protected-vm.js';
import { sleep } from './follow-backup-job.js';
import { choiceOptions, pointFacts } from './plan-restore.js';

/** Azure Backup keeps a file-restore session open for 12 hours; the requester hears 30 minutes before. */
export const fileRestoreHours = 12;
const reminderBeforeMs = 30 * 60_000;
/** How far apart Azure's end of a session and the bot's may be. */
const expiryMarginMs = 5 * 60_000;

export interface FileRestorePlan {
  vm: VmRef;
  item: BackupItemRef;
  point: { name: string; time: string; type: string; chosenBy?: string };
}

/**
 * The job's handle. The script and its password are never in it: they go to the requester once,
 * privately, and live nowhere else (a restart cannot send them again; it closes the session).
 */
interface FileRestoreHandle {
  kind: 'file-restore';
  plan: FileRestorePlan;
  requestedAt: string;
  openedAt?: string;
  expiresAt?: string;
  reminded?: boolean;
}

/**
 * `restore files <vm> [from ...]`: mounts a recovery point for item-level recovery. The script and
 * its password go to the requester privately; the job then stays open, showing until when, and
 * ends when `restore files <vm> done` revokes the session or when the 12 hours are up (revoked by
 * the bot, with a private reminder 30 minutes before).
 */
export const restoreFiles: PlannedOperation<FileRestorePlan> = {
  async plan(context) {
    const { command, azure, signal } = context;
    const vm = await resolveVm(azure, String(command.args.vm), signal);
    const item = await findProtectedVm(context, vm);
    const points = await azure.backup.listRecoveryPoints(item, { abortSignal: signal });
    assertNoOpenSession(points, vm.name);
    const { point, chosenBy } = chooseRecoveryPoint(
      points,
      String(command.args.from ?? 'latest'),
      vm.name,
      choiceOptions(context),
    );
    const plan: FileRestorePlan = {
      vm: { id: vm.id, subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, name: vm.name },
      item: backupItemRefOf(item),
      point: {
        name: point.name,
        time: point.time.toISOString(),
        type: point.type,
        ...(chosenBy ? { chosenBy } : {}),
      },
    };
    const requester = context.event.actor.displayName;
    return {
      plan,
      view: {
        kind: 'file-restore-plan',
        title: `File restore from ${vm.name}`,
        tone: 'accent',
        summary: `Mounts the recovery point of ${formatTime(point.time)} so that single files can be copied from it. The script and its password go to ${requester} privately, never to this channel.`,
        facts: pointFacts(plan, context.now()),
        notes: [
          `Access ends with \`restore files ${vm.name} done\`, or after ${fileRestoreHours} h with a reminder 30 min before.`,
        ],
      },
    };
  },
  execute: executeFileRestore,
};

async function executeFileRestore(context: OperationContext, plan: FileRestorePlan): Promise<View> {
  const { azure, signal } = context;
  const handle: FileRestoreHandle = { kind: 'file-restore', plan, requestedAt: context.now().toISOString() };
  await context.job?.saveHandle(handle);
  const points = await azure.backup.listRecoveryPoints(plan.item, { abortSignal: signal });
  assertNoOpenSession(points, plan.vm.name);
  if (!points.some((p) => p.name === plan.point.name)) {
    return {
      kind: 'file-restore-result',
      title: `File restore from ${plan.vm.name}: plan no longer holds`,
      tone: 'warning',
      summary: `Recovery point ${plan.point.name} no longer exists (it expired), so nothing was mounted.`,
      notes: [`Run \`restore files ${plan.vm.name}\` again to pick a current point.`],
    };
  }
  await context.progress.show({
    kind: 'file-restore-progress',
    title: `File restore from ${plan.vm.name}`,
    tone: 'accent',
    summary: `Azure Backup is mounting the recovery point of ${formatTime(new Date(plan.point.time))}; this takes a minute or two.`,
    progress: { steps: [{ label: 'Mount the recovery point', state: 'running' }] },
  });
  const access = await azure.backup.provisionFileRecovery(plan.item, plan.point.name, {
    abortSignal: signal,
  });
  const opened = context.now();
  const expiresAt = new Date(opened.getTime() + fileRestoreHours * 3_600_000);
  try {
    await context.postPrivately(renderFileRestoreScript(plan, access, expiresAt, context.now()));
  } catch (error) {
    // Never the error object: a failed delivery may carry the message, and with it the secret.
    context.log.warn(
      { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
      'the file-restore script could not be delivered privately; revoking the session',
    );
    await azure.backup.revokeFileRecovery(plan.item, plan.point.name, { abortSignal: signal });
    return {
      kind: 'file-restore-result',
      title: `File restore from ${plan.vm.name}: closed again`,
      tone: 'attention',
      summary: `The script could not be sent to ${context.event.actor.displayName} privately, so the session was revoked at once; nothing secret was shown here.`,
      notes: [
        'Open a chat with the bot (Teams) or allow it to message you (Slack), then run the command again.',
      ],
    };
  }
  handle.openedAt = opened.toISOString();
  handle.expiresAt = expiresAt.toISOString();
  await context.job?.saveHandle(handle);
  return waitForClose(context, handle);
}

/**
 * After a restart: an open session is watched again (the requester has the script already); one
 * that was being mounted when the bot died is revoked, since its script reached nobody.
 */
export const resumeFileRestore: ResumeOperation = async (context, saved) => {
  const handle = saved as FileRestoreHandle;
  if (handle.expiresAt) return waitForClose(context, handle);
  const { plan } = handle;
  const points = await context.azure.backup.listRecoveryPoints(plan.item, { abortSignal: context.signal });
  const mounted = points.find((p) => p.name === plan.point.name)?.fileRecoveryActive === true;
  if (mounted)
    await context.azure.backup.revokeFileRecovery(plan.item, plan.point.name, {
      abortSignal: context.signal,
    });
  return {
    kind: 'file-restore-result',
    title: `File restore from ${plan.vm.name}: interrupted`,
    tone: 'attention',
    summary: `The bot was restarted before the script reached ${context.event.actor.displayName}${mounted ? ', so the mounted recovery point was revoked again' : '; nothing was mounted'}.`,
    notes: [`Run \`restore files ${plan.vm.name}\` again.`],
  };
};

/** Watches an open session until it is revoked (by `done`, or by Azure) or its time is up. */
async function waitForClose(context: OperationContext, handle: FileRestoreHandle): Promise<View> {
  const { azure, signal } = context;
  const { plan } = handle;
  const expiresAt = new Date(handle.expiresAt ?? context.now().toISOString());
  for (;;) {
    const now = context.now();
    if (now >= expiresAt) {
      await azure.backup.revokeFileRecovery(plan.item, plan.point.name, { abortSignal: signal });
      return closedView(plan, `Access ended after ${fileRestoreHours} h and was revoked.`);
    }
    if (!handle.reminded && now.getTime() >= expiresAt.getTime() - reminderBeforeMs) {
      await context.postPrivately(renderFileRestoreReminder(plan, expiresAt, now)).catch((error: unknown) => {
        context.log.warn(
          { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
          'the file-restore reminder could not be delivered',
        );
      });
      handle.reminded = true;
      await context.job?.saveHandle(handle);
    }
    const points = await azure.backup.listRecoveryPoints(plan.item, { abortSignal: signal });
    if (points.find((p) => p.name === plan.point.name)?.fileRecoveryActive !== true) {
      // Azure ends a session after 12 h by itself, a little before the bot's own count does.
      const ended = context.now().getTime() >= expiresAt.getTime() - expiryMarginMs;
      return closedView(
        plan,
        ended
          ? `Access ended after ${fileRestoreHours} h.`
          : 'Access was revoked; the recovery point is no longer mounted.',
      );
    }
    await context.progress.show(renderFileRestoreOpen(plan, expiresAt, now));
    await sleep(azure.backup.pollIntervalMs, signal);
  }
}

function assertNoOpenSession(
  points: { name: string; time: Date; fileRecoveryActive: boolean }[],
  vmName: string,
) {
  const open = points.find((p) => p.fileRecoveryActive);
  if (open) {
    throw new UserFacingError(
      `A file restore of ${vmName} is already open (recovery point of ${formatTime(open.time)}).`,
      {
        title: 'File restore already open',
        nextStep: `Use the script you were sent, or close it first with \`restore files ${vmName} done\`.`,
      },
    );
  }
}

/** The private message: the password, the script (or where to get it), and how long it works. */
export function renderFileRestoreScript(
  plan: FileRestorePlan,
  access: FileRecoveryAccess,
  expiresAt: Date,
  now: Date,
): View {
  const script = access.scripts.find((s) => s.content);
  const paste = script?.content ? saveAndRun(script.fileName, script.content, script.osType) : undefined;
  const fits = paste !== undefined && paste.length <= MAX_CODE_LENGTH;
  const downloads = access.scripts.filter((s) => s.downloadUrl);
  const run =
    script?.osType === 'Windows'
      ? 'Paste the lines below into an elevated PowerShell on a Windows machine that can reach Azure on TCP 3260: they save the script and run it.'
      : 'Paste the lines below into a shell on a Linux machine that can reach Azure on TCP 3260: they save the script and run it as root.';
  return {
    kind: 'file-restore-script',
    title: `File restore from ${plan.vm.name}: your script (private)`,
    tone: 'accent',
    summary: `The recovery point of ${formatTime(new Date(plan.point.time))} is mounted until ${formatTime(expiresAt)}. Only you can see this message; do not paste it into a channel.`,
    facts: [
      { label: 'Password', value: access.password },
      ...pointFacts(plan, now),
      { label: 'Access until', value: formatTime(expiresAt) },
    ],
    notes: [
      ...(fits ? [run] : []),
      ...downloads.map((s) => `Also download ${s.fileName}: ${s.downloadUrl}`),
      ...(fits
        ? []
        : [
            'The script is too long for a chat message: download it from the Azure portal (the VM > Backup > File Recovery > Download script); the password above works with it.',
          ]),
      `When you have your files: \`restore files ${plan.vm.name} done\`.`,
    ],
    ...(fits && script ? { code: { title: `Save and run ${script.fileName}`, text: paste } } : {}),
  };
}

/**
 * The script as lines to paste: base64 in a here-document, decoded to the file and run. Chat
 * clients collapse runs of spaces and retype quotes; base64 survives them, and a Python script's
 * indentation with it.
 */
function saveAndRun(fileName: string, content: string, osType: string): string {
  const lines = (
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\n');
  const name = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  if (osType === 'Windows') {
    return [
      "$b64 = @'",
      lines,
      "'@",
      `[IO.File]::WriteAllBytes("$PWD\\${name}", [Convert]::FromBase64String(($b64 -replace '\\s', '')))`,
      `.\\${name}`,
    ].join('\n');
  }
  return [`base64 -d > ${name} <<'END'`, lines, 'END', `sudo python3 ${name}`].join('\n');
}

export function renderFileRestoreReminder(plan: FileRestorePlan, expiresAt: Date, now: Date): View {
  const minutes = Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  return {
    kind: 'file-restore-reminder',
    title: `File restore from ${plan.vm.name} ends in ${minutes} min`,
    tone: 'warning',
    summary: `Copy what you still need before ${formatTime(expiresAt)}; then the recovery point is unmounted.`,
    notes: [`Finished already? \`restore files ${plan.vm.name} done\` closes it now.`],
  };
}

export function renderFileRestoreOpen(plan: FileRestorePlan, expiresAt: Date, now: Date): View {
  return {
    kind: 'file-restore-open',
    title: `File restore from ${plan.vm.name}: open`,
    tone: 'accent',
    summary: `The recovery point of ${formatTime(new Date(plan.point.time))} is mounted until ${formatTime(expiresAt)} (${formatRemaining(expiresAt, now)} left). The script went to the requester privately.`,
    notes: [`\`restore files ${plan.vm.name} done\` closes it.`],
  };
}

function closedView(plan: FileRestorePlan, how: string): View {
  return {
    kind: 'file-restore-result',
    title: `File restore from ${plan.vm.name}: closed`,
    tone: 'good',
    summary: `${how} The script no longer works.`,
    facts: [{ label: 'Recovery point', value: formatTime(new Date(plan.point.time)) }],
  };
}

function formatRemaining(until: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((until.getTime() - now.getTime()) / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}
