import { consistencyWord, recoveryPointChoiceWords } from '../../chat/domain-words.js';
import type { View } from '../../chat/view.js';
import { MAX_CODE_LENGTH } from '../../chat/view.js';
import { formatTime, formatTimeToSecond } from '../format-values.js';
import { formatSeconds } from './recovery-plan-lookup.js';

/**
 * The record of one DR drill, written by its cleanup: what an auditor or the next on-call engineer
 * asks for. Times are ISO strings as Azure gave them (the report is stored as JSON); durations in
 * whole seconds. Every figure comes from the drill's own Azure job; one that cannot be measured is
 * absent and named in `missing`.
 */
export interface DrillReport {
  id: string;
  app: string;
  vault: string;
  result: 'succeeded' | 'warnings' | 'failed';
  warnings: string[];
  /** What this report could not establish, and why. Absent in reports written before it existed. */
  missing?: string[];
  /** Who asked for the drill, and when. */
  requestedBy?: string;
  requestedAt?: string;
  /** The drill was started outside the bot (portal, script): nobody asked in chat. */
  startedOutsideBot?: boolean;
  decisions: { by: string; decision: string; at: string; afterSeconds: number }[];
  network: string;
  /** Absent when not known (a drill started outside the bot). */
  isolated?: boolean;
  /** The test network's region and why it counts as isolated, as checked before the drill. */
  networkRegion?: string;
  networkEvidence?: string[];
  pointType: string;
  /** The time zone of the app's drill schedule when the report was written: times are shown in it too. */
  timeZone?: string;
  /** When the bot asked Azure to fail over. */
  triggeredAt?: string;
  /** When Azure's test failover job started: both RTOs and the RPOs count from here. */
  startedAt?: string;
  /** RTO "VMs running": to the end of the last boot group's task. */
  vmsRunningAt?: string;
  vmsRunningSeconds?: number;
  /** RTO "service restored": to the end of the plan's last task, once every task ran (manual steps confirmed). */
  serviceRestoredAt?: string;
  serviceRestoredSeconds?: number;
  serviceRestoredStep?: string;
  /** Older reports: trigger to last group running. */
  upAt?: string;
  rtoSeconds?: number;
  /** Per VM: the recovery point used, its consistency, and the data lost (start minus point). */
  points: { vm: string; time: string; type: string; consistency?: string; rpoSeconds?: number }[];
  steps: { name: string; state: string; start?: string; end?: string; seconds?: number }[];
  manualActions: { name: string; doneBy?: string; doneAt?: string }[];
  failure?: { step: string; why: string };
  notes?: string;
  cleanedUpBy: string;
  cleanedUpAt: string;
  leftBehind: string[];
  drillJobId?: string;
  siteRecoveryJob?: string;
}

export function reportTone(report: DrillReport): View['tone'] {
  return report.result === 'succeeded' ? 'good' : report.result === 'warnings' ? 'warning' : 'attention';
}

const resultWords: Record<DrillReport['result'], string> = {
  succeeded: 'succeeded',
  warnings: 'succeeded with warnings',
  failed: 'failed',
};

/** "42 s", "612 s (10 min 12 s)": the exact figure first, then one a person reads at a glance. */
export function formatWholeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${seconds} s (${h > 0 ? `${h} h ` : ''}${min} min ${s} s)`;
}

/** Written before the two RTOs existed: one RTO to the last group running, shown as it was. */
function isOlderReport(report: DrillReport): boolean {
  return report.missing === undefined;
}

function worstRpo(report: DrillReport): string {
  const known = report.points.flatMap((p) => (p.rpoSeconds === undefined ? [] : [p.rpoSeconds]));
  return known.length === 0 ? 'n/a' : formatWholeSeconds(Math.max(...known));
}

function at(report: DrillReport, iso: string | undefined): string {
  return formatTimeToSecond(iso ? new Date(iso) : undefined, report.timeZone);
}

function rtoSummary(report: DrillReport): string {
  if (isOlderReport(report)) {
    return `RTO ${report.rtoSeconds === undefined ? 'n/a' : formatSeconds(report.rtoSeconds)} (older report)`;
  }
  const figure = (seconds: number | undefined) =>
    seconds === undefined ? 'not measured' : `after ${formatWholeSeconds(seconds)}`;
  return `VMs running ${figure(report.vmsRunningSeconds)}, service restored ${figure(report.serviceRestoredSeconds)}`;
}

/** The two RTO facts: the figure, then when it ended (it starts at "Failover started"). */
function rtoFacts(report: DrillReport): { label: string; value: string }[] {
  if (isOlderReport(report)) return [{ label: 'Achieved RTO', value: olderRtoText(report) }];
  const notMeasured = 'not measured: see "Missing" below';
  return [
    { label: 'Failover started', value: `${at(report, report.startedAt)} (Azure's test failover job)` },
    {
      label: 'RTO, VMs running',
      value:
        report.vmsRunningSeconds === undefined
          ? notMeasured
          : `${formatWholeSeconds(report.vmsRunningSeconds)}, until ${at(report, report.vmsRunningAt)}: last boot group running`,
    },
    {
      label: 'RTO, service restored',
      value:
        report.serviceRestoredSeconds === undefined
          ? notMeasured
          : `${formatWholeSeconds(report.serviceRestoredSeconds)}, until ${at(report, report.serviceRestoredAt)}: ${serviceEnd(report)}`,
    },
  ];
}

function serviceEnd(report: DrillReport): string {
  const step = report.serviceRestoredStep ?? 'the last step';
  return report.manualActions.some((m) => m.name === step)
    ? `"${step}" confirmed`
    : `"${step}" ended (no manual step)`;
}

function olderRtoText(report: DrillReport): string {
  if (report.rtoSeconds === undefined) return 'n/a (the VMs did not all come up) (older report)';
  return `${formatSeconds(report.rtoSeconds)} (trigger ${formatTime(new Date(report.triggeredAt ?? ''))} to last group running ${formatTime(new Date(report.upAt ?? ''))}) (older report)`;
}

function askedBy(report: DrillReport): string {
  if (report.requestedBy) {
    return `${report.requestedBy}${report.requestedAt ? `, ${at(report, report.requestedAt)}` : ''}`;
  }
  return report.startedOutsideBot
    ? 'nobody in chat: the drill was started outside the bot (portal or script)'
    : 'unknown (not started from chat)';
}

function networkText(report: DrillReport): string {
  const isolation = report.isolated === undefined ? '' : report.isolated ? ' (isolated)' : ' (NOT isolated)';
  return `${report.network}${isolation}${report.networkRegion ? `, ${report.networkRegion}` : ''}`;
}

function manualText(report: DrillReport, m: DrillReport['manualActions'][number]): string {
  const when = m.doneAt ? ` at ${at(report, m.doneAt)}` : '';
  return `Manual step "${m.name}": ${m.doneBy ?? (m.doneAt ? 'confirmed' : 'not confirmed')}${when}`;
}

export function renderDrillReport(report: DrillReport, options: { markdown?: boolean } = {}): View {
  const markdown = options.markdown ? drillReportMarkdown(report) : undefined;
  const time = (iso: string | undefined) =>
    iso ? formatTimeToSecond(new Date(iso), undefined, { withDate: false }) : '';
  return {
    kind: 'dr-report',
    title: `Drill report ${report.id}: ${report.app} ${resultWords[report.result]}`,
    tone: reportTone(report),
    summary: `${report.failure ? `Failed at ${report.failure.step}: ${report.failure.why} ` : ''}${rtoSummary(report)}; worst RPO ${worstRpo(report)}.`,
    facts: [
      { label: 'App', value: `${report.app} (vault ${report.vault})` },
      { label: 'Asked by', value: askedBy(report) },
      {
        label: 'Decisions',
        value:
          report.decisions.length === 0
            ? 'none needed'
            : report.decisions
                .map((d) => `${d.decision} by ${d.by} after ${formatWholeSeconds(d.afterSeconds)}`)
                .join('; '),
      },
      { label: 'Test network', value: networkText(report) },
      ...(report.networkEvidence?.length
        ? [{ label: 'Isolation', value: report.networkEvidence.join('; ') }]
        : []),
      { label: 'Recovery point', value: pointWords(report.pointType) },
      ...rtoFacts(report),
      { label: 'Cleaned up', value: `${at(report, report.cleanedUpAt)} by ${report.cleanedUpBy}` },
      {
        label: 'Left behind',
        value: report.leftBehind.length === 0 ? 'nothing' : report.leftBehind.join(', '),
      },
    ],
    tables: [
      {
        title: 'Recovery point and achieved RPO per VM',
        columns: ['VM', 'Recovery point', 'Consistency', 'RPO'],
        rows: report.points.map((p) => [
          p.vm,
          formatTimeToSecond(new Date(p.time)),
          p.consistency ?? consistencyWord(p.type),
          p.rpoSeconds === undefined ? 'n/a' : formatWholeSeconds(p.rpoSeconds),
        ]),
      },
      {
        title: 'Timeline (Azure task times)',
        columns: ['Step', 'State', 'Started', 'Ended', 'Took'],
        rows: report.steps.map((s) => [
          s.name,
          s.state,
          time(s.start),
          time(s.end),
          s.seconds === undefined ? '' : formatWholeSeconds(Math.round(s.seconds)),
        ]),
      },
    ],
    notes: [
      ...report.manualActions.map((m) => `${manualText(report, m)}.`),
      ...(report.notes ? [`Notes: ${report.notes}`] : []),
      ...report.warnings.map((w) => `Warning: ${w}`),
      ...(report.missing ?? []).map((m) => `Missing: ${m}`),
      ...(options.markdown ? [] : [`As Markdown for your records: \`dr report ${report.id}\`.`]),
    ],
    ...(markdown && markdown.length <= MAX_CODE_LENGTH
      ? { code: { title: `Markdown of ${report.id}`, text: markdown } }
      : {}),
    footer: `Report ${report.id}${report.siteRecoveryJob ? ` · Site Recovery job ${report.siteRecoveryJob}` : ''}${report.drillJobId ? ` · bot job ${report.drillJobId}` : ''}`,
  };
}

/** The report as Markdown, to paste into a DR log or a ticket. */
export function drillReportMarkdown(report: DrillReport): string {
  const rto = rtoFacts(report).map(
    (f) => `- ${f.label}: ${f.value.replace('see "Missing" below', 'see Missing')}`,
  );
  const lines = [
    `# DR drill ${report.id}: ${report.app}, ${resultWords[report.result]}`,
    '',
    `- Vault: ${report.vault}`,
    `- Asked by: ${askedBy(report)}`,
    ...report.decisions.map(
      (d) =>
        `- ${d.decision} by ${d.by} at ${at(report, d.at)} (after ${formatWholeSeconds(d.afterSeconds)})`,
    ),
    `- Test network: ${networkText(report)}`,
    ...(report.networkEvidence ?? []).map((e) => `  - ${e}`),
    `- Recovery point: ${pointWords(report.pointType)}`,
    ...rto,
    `- Cleaned up: ${at(report, report.cleanedUpAt)} by ${report.cleanedUpBy}`,
    `- Left behind: ${report.leftBehind.length === 0 ? 'nothing' : report.leftBehind.join(', ')}`,
    ...(report.failure ? [`- Failed at: ${report.failure.step}: ${report.failure.why}`] : []),
    ...(report.siteRecoveryJob ? [`- Site Recovery job: ${report.siteRecoveryJob}`] : []),
    '',
    '| VM | Recovery point (UTC) | Consistency | RPO |',
    '|---|---|---|---|',
    ...report.points.map(
      (p) =>
        `| ${p.vm} | ${p.time.slice(0, 19).replace('T', ' ')} | ${p.consistency ?? consistencyWord(p.type)} | ${p.rpoSeconds === undefined ? 'n/a' : `${p.rpoSeconds} s`} |`,
    ),
    '',
    '| Step | State | Started (UTC) | Ended (UTC) | Took |',
    '|---|---|---|---|---|',
    ...report.steps.map(
      (s) =>
        `| ${s.name} | ${s.state} | ${s.start?.slice(11, 19) ?? ''} | ${s.end?.slice(11, 19) ?? ''} | ${s.seconds === undefined ? '' : `${Math.round(s.seconds)} s`} |`,
    ),
    ...(report.manualActions.length > 0
      ? ['', ...report.manualActions.map((m) => `- ${manualText(report, m)}`)]
      : []),
    ...(report.notes ? ['', `Notes: ${report.notes}`] : []),
    ...(report.warnings.length > 0 ? ['', ...report.warnings.map((w) => `- Warning: ${w}`)] : []),
    ...(report.missing?.length ? ['', ...report.missing.map((m) => `- Missing: ${m}`)] : []),
  ];
  return lines.join('\n');
}

export function reportSummaryRow(report: DrillReport): string[] {
  const figure = (seconds: number | undefined) => (seconds === undefined ? 'n/a' : `${seconds} s`);
  const older = isOlderReport(report);
  return [
    report.id,
    report.app,
    formatTime(new Date(report.cleanedUpAt)),
    resultWords[report.result],
    older
      ? `${figure(report.rtoSeconds)} (older report)`
      : `${figure(report.vmsRunningSeconds)} / ${figure(report.serviceRestoredSeconds)}`,
    worstRpo(report),
  ];
}

/** A report stored before the shared words said its point as "app-consistent (LatestApplicationConsistent)". */
function pointWords(pointType: string): string {
  const old = /^(.*) \((Latest\w*)\)$/.exec(pointType);
  return old ? `${old[1]}: ${recoveryPointChoiceWords(old[2] ?? '')}` : pointType;
}
