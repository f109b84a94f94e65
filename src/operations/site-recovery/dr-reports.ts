import { UserFacingError } from '../../chat/user-facing-error.js';
import type { Operation } from '../operation.js';
import { type DrillReport, renderDrillReport, reportSummaryRow } from './drill-report.js';

/** `dr reports [app]`: the stored drill reports, newest first. */
export const listDrillReports: Operation = async (context) => {
  const app = context.command.args.app === undefined ? undefined : String(context.command.args.app);
  const reports = await context.store.listDrillReports({ ...(app ? { app } : {}), limit: 20 });
  if (reports.length === 0) {
    return {
      kind: 'dr-reports',
      title: app ? `Drill reports of ${app}` : 'Drill reports',
      summary: `No drill report yet${app ? ` for ${app}` : ''}. ${app ? `\`dr drill ${app}\` runs one` : 'A drill runs one (`dr status` lists the apps)'}; its cleanup writes the report.`,
    };
  }
  return {
    kind: 'dr-reports',
    title: app ? `Drill reports of ${app}` : 'Drill reports',
    summary: `${reports.length} report(s), newest first.`,
    tables: [
      {
        columns: [
          'Report',
          'App',
          'Cleaned up',
          'Result',
          'RTO: VMs running / service restored',
          'Worst RPO',
        ],
        rows: reports.map((r) => reportSummaryRow(r.body as DrillReport)),
      },
    ],
    notes: [`Open one with \`dr report ${reports[0]?.id}\` (with a Markdown copy).`],
  };
};

/** `dr report <id>`: one report, with its Markdown to copy. */
export const showDrillReport: Operation = async (context) => {
  const id = String(context.command.args.id);
  const record = await context.store.getDrillReport(id);
  if (!record) {
    throw new UserFacingError(`There is no drill report \`${id}\`.`, {
      title: 'Unknown report',
      nextStep: '`dr reports` lists them.',
    });
  }
  return renderDrillReport(record.body as DrillReport, { markdown: true });
};
