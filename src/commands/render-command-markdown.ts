import { commandCatalog } from './catalog.js';
import { COMMAND_GROUPS } from './command-spec.js';
import { markers } from './render-help.js';

/**
 * The command list for the README, grouped as in help. A test compares the README with this, so
 * the documentation cannot drift from the catalog. Bullets, not a table: syntax holds `|`.
 */
export function renderCommandMarkdown(): string {
  const sections = COMMAND_GROUPS.map((group) => {
    const lines = commandCatalog
      .filter((spec) => spec.group === group)
      .map((spec) => {
        const marks = markers(spec, spec.approvals);
        const suffix = marks.length > 0 ? ` _${marks.join('; ')}_` : '';
        return `- \`${spec.syntax}\`: ${spec.summary}${suffix}`;
      });
    return [`### ${group}`, '', ...lines].join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}
