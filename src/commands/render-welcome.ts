import type { View } from '../chat/view.js';
import { commandCatalog } from './catalog.js';

/**
 * The greeting when the bot is added to a chat or team: what it is for, the featured commands
 * (the same ones the Teams command menu lists), and how to learn more.
 */
export function renderWelcome(): View {
  const featured = commandCatalog.filter((spec) => spec.featured && spec.availability.status === 'available');
  return {
    kind: 'welcome',
    title: 'Hello, I am the recovery bot',
    tone: 'accent',
    summary:
      'I take snapshots, run backups and restores, and drive disaster-recovery drills and failovers in Azure, from this chat. Changes that matter wait for an approver, and everything is audited.',
    tables: [
      {
        title: 'To start',
        columns: ['Command', 'What it does'],
        rows: featured.map((spec) => [spec.syntax, spec.summary]),
      },
    ],
    notes: [
      'In a channel or group chat, @mention me first: `@Recovery bot status vm-web-01`.',
      'Type `help` for every command, `whoami` for your role, and add `--dry-run` to see what a change would do.',
    ],
  };
}
