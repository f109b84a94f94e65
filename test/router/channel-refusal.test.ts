import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { parsePolicy } from '../../src/config/policy.js';
import { authorizeCommand } from '../../src/router/authorize-command.js';

const policy = parsePolicy(
  [
    'members:',
    '  - name: alice',
    '    role: operator',
    '    slack: U0ALICE',
    '    teams: 00000000-0000-0000-0000-0000000a11ce',
    'commands:',
    '  dr.drill:',
    '    channels:',
    '      slack: [C0DRILLS, C0DRILLS2]',
    '      teams: ["19:drills@thread.tacv2"]',
    '',
  ].join('\n'),
  'p.yaml',
);

const onSlack: Actor = { platform: 'slack', id: 'U0ALICE', displayName: 'alice' };
const onConsole: Actor = { platform: 'console', id: 'alice', displayName: 'alice' };

function refusalIn(actor: Actor, conversationId: string): string {
  const parsed = parseCommand('dr drill shop');
  if (!parsed.ok) throw new Error('dr drill shop did not parse');
  const view = authorizeCommand(policy, actor, parsed.command, conversationId);
  return JSON.stringify(view ?? null);
}

/** The channel refusal names the channels the command may run in, and the sentence to copy. */
describe('a command refused in this channel', () => {
  it('names the allowed channels of the platform, and the one it was typed in', () => {
    const text = refusalIn(onSlack, 'C0RANDOM');
    expect(text).toContain('Not in this channel');
    expect(text).toContain('`C0DRILLS`');
    expect(text).toContain('`C0DRILLS2`');
    expect(text).toContain('`C0RANDOM`');
    expect(text).toContain('Type `dr drill` in `C0DRILLS` or `C0DRILLS2`');
    expect(text).toContain('commands.dr.drill.channels');
  });

  it('says where else it may run when this platform allows none', () => {
    const text = refusalIn({ ...onConsole, aadObjectId: '00000000-0000-0000-0000-0000000a11ce' }, 'local');
    expect(text).toContain(
      '`dr drill` may not be run on the local chat page, only on Slack: `C0DRILLS` and `C0DRILLS2`; Teams: `19:drills@thread.tacv2`.',
    );
  });
});
