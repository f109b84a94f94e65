import type { View } from '../chat/view.js';
import { MAX_CODE_LENGTH } from '../chat/view.js';
import { formatElapsed, formatTime } from './format-values.js';
import { formatSeconds } from './recovery-plan-lookup.js';

/**
 * The record of one DR drill, written by its cleanup: what an auditor or the next on-call engineer
 * asks for. Times are ISO strings (the report is stored as JSON); durations in seconds.
 */
export interface DrillReport {
  id: string;
  app: string;
  vault: string;
  result: 'succeeded' | 'warnings' | 'failed';
  warnings: string[];
  /** Who asked for the drill, and when. */
  requestedBy?: string;
  requestedAt?: string;
  decisions: { by: string; decision: string; at: string; afterSeconds: number }[];
  network: string;
  isolated: boolean;
  pointType: string;
  /** When the bot asked Azure to fail over (the failover time of the RPO figures). */
  triggeredAt?: string;
  /** When the last boot group's VMs were running. */
  upAt?: string;
  /** Trigger to last group running. */
  rtoSeconds?: number;
  points: { vm: string; time: string; type: string; rpoSeconds: number }[];
  steps: { name: string; state: string; start?: string; end?: string; seconds?: number }[];
  manualActions: { name: string; doneBy?: string }[];
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

export function renderDrillReport(report: DrillReport, options: { markdown?: boolean } = {}): View {
  const worstRpo = Math.max(0, ...report.points.map((p) => p.rpoSeconds));
  const markdown = options.markdown ? drillReportMarkdown(report) : undefined;
  return {
    kind: 'dr-report',
    title: `Drill report ${report.id}: ${report.app} ${resultWords[report.result]}`,
    tone: reportTone(report),
    summary: `${report.failure ? `Failed at ${report.failure.step}: ${report.failure.why} ` : ''}RTO ${report.rtoSeconds === undefined ? 'n/a' : formatSeconds(report.rtoSeconds)}, worst RPO ${report.points.length === 0 ? 'n/a' : formatSeconds(worstRpo)}.`,
    facts: [
      { label: 'App', value: `${report.app} (vault ${report.vault})` },
      {
        label: 'Asked by',
        value: report.requestedBy
          ? `${report.requestedBy}${report.requestedAt ? `, ${formatTime(new Date(report.requestedAt))}` : ''}`
          : 'unknown (not started from chat)',
      },
      {
        label: 'Decisions',
        value:
          report.decisions.length === 0
            ? 'none needed'
            : report.decisions
                .map((d) => `${d.decision} by ${d.by} after ${formatSeconds(d.afterSeconds)}`)
                .join('; '),
      },
      {
        label: 'Test network',
        value: `${report.network}${report.isolated ? ' (isolated)' : ' (NOT isolated)'}`,
      },
      { label: 'Recovery point', value: report.pointType },
      { label: 'Achieved RTO', value: rtoText(report) },
      { label: 'Cleaned up', value: `${formatTime(new Date(report.cleanedUpAt))} by ${report.cleanedUpBy}` },
      {
        label: 'Left behind',
        value: report.leftBehind.length === 0 ? 'nothing' : report.leftBehind.join(', '),
      },
    ],
    tables: [
      {
        title: 'Recovery point and achieved RPO per VM',
        columns: ['VM', 'Recovery point', 'Type', 'RPO'],
        rows: report.points.map((p) => [
          p.vm,
          formatTime(new Date(p.time)),
          p.type,
          formatSeconds(p.rpoSeconds),
        ]),
      },
      {
        title: 'Timeline',
        columns: ['Step', 'State', 'Started', 'Took'],
        rows: report.steps.map((s) => [
          s.name,
          s.state,
          s.start ? formatTime(new Date(s.start)) : '',
          s.seconds === undefined ? '' : formatElapsed(s.seconds * 1000),
        ]),
      },
    ],
    notes: [
      ...report.manualActions.map((m) => `Manual step "${m.name}": ${m.doneBy ?? 'not confirmed'}.`),
      ...(report.notes ? [`Notes: ${report.notes}`] : []),
      ...report.warnings.map((w) => `Warning: ${w}`),
      ...(options.markdown ? [] : [`As Markdown for your records: \`dr report ${report.id}\`.`]),
    ],
    ...(markdown && markdown.length <= MAX_CODE_LENGTH
      ? { code: { title: `Markdown of ${report.id}`, text: markdown } }
      : {}),
    footer: `Report ${report.id}${report.siteRecoveryJob ? ` · Site Recovery job ${report.siteRecoveryJob}` : ''}`,
  };
}

function rtoText(report: DrillReport): string {
  if (report.rtoSeconds === undefined) return 'n/a (the VMs did not all come up)';
  return `${formatSeconds(report.rtoSeconds)} (trigger ${formatTime(new Date(report.triggeredAt ?? ''))} to last group running ${formatTime(new Date(report.upAt ?? ''))})`;
}

/** The report as Markdown, to paste into a DR log or a ticket. */
export function drillReportMarkdown(report: DrillReport): string {
  const lines = [
    `# DR drill ${report.id}: ${report.app}, ${resultWords[report.result]}`,
    '',
    `- Vault: ${report.vault}`,
    `- Asked by: ${report.requestedBy ?? 'unknown'}${report.requestedAt ? ` at ${report.requestedAt}` : ''}`,
    ...report.decisions.map(
      (d) => `- ${d.decision} by ${d.by} at ${d.at} (after ${formatSeconds(d.afterSeconds)})`,
    ),
    `- Test network: ${report.network}${report.isolated ? ' (isolated)' : ' (NOT isolated)'}`,
    `- Recovery point: ${report.pointType}`,
    `- Achieved RTO: ${report.rtoSeconds === undefined ? 'n/a' : formatSeconds(report.rtoSeconds)}`,
    `- Cleaned up: ${report.cleanedUpAt} by ${report.cleanedUpBy}`,
    `- Left behind: ${report.leftBehind.length === 0 ? 'nothing' : report.leftBehind.join(', ')}`,
    ...(report.failure ? [`- Failed at: ${report.failure.step}: ${report.failure.why}`] : []),
    '',
    '| VM | Recovery point | Type | RPO |',
    '|---|---|---|---|',
    ...report.points.map((p) => `| ${p.vm} | ${p.time} | ${p.type} | ${formatSeconds(p.rpoSeconds)} |`),
    '',
    '| Step | State | Took |',
    '|---|---|---|',
    ...report.steps.map(
      (s) => `| ${s.name} | ${s.state} | ${s.seconds === undefined ? '' : formatElapsed(s.seconds * 1000)} |`,
    ),
    ...(report.manualActions.length > 0
      ? ['', ...report.manualActions.map((m) => `- Manual step "${m.name}": ${m.doneBy ?? 'not confirmed'}`)]
      : []),
    ...(report.notes ? ['', `Notes: ${report.notes}`] : []),
    ...(report.warnings.length > 0 ? ['', ...report.warnings.map((w) => `- Warning: ${w}`)] : []),
  ];
  return lines.join('\n');
}

export function reportSummaryRow(report: DrillReport): string[] {
  const worstRpo = Math.max(0, ...report.points.map((p) => p.rpoSeconds));
  return [
    report.id,
    report.app,
    formatTime(new Date(report.cleanedUpAt)),
    resultWords[report.result],
    report.rtoSeconds === undefined ? 'n/a' : formatSeconds(report.rtoSeconds),
    report.points.length === 0 ? 'n/a' : formatSeconds(worstRpo),
  ];
}
