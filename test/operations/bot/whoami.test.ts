import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/**
 * `whoami` answers the first question of a new user: not only the roles, but what they let one
 * run, where, and what a higher role would add, by the policy as it is loaded.
 */
describe('whoami lists the commands one may run, and where', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'chatops-whoami-'));
  const policyFile = join(policyDir, 'policy.yaml');
  let bot: TestBot;
  beforeAll(async () => {
    writeFileSync(
      policyFile,
      `${readFileSync('config/policy.yaml', 'utf8')}
commands:
  "dr drill":
    channels:
      teams: ["19:dr-drills@thread.tacv2"]
`,
    );
    bot = await startTestBot({ CHATOPS_POLICY: policyFile });
  });
  afterAll(async () => {
    await bot?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('shows an operator the commands of each group, marks approvals, names the drill channel and the role that adds more', async () => {
    const answer = await bot.ask('whoami', (t) => t.includes('You are alice'), 'alice');
    expect(answer).toContain('What you may run here');
    expect(answer).toMatch(/Snapshots and VMs\n[^\n]*snapshot[^\n]*snapshot prune \(approval\)/);
    expect(answer).toMatch(/Azure Backup\n[^\n]*backup/);
    // The policy keeps drills to one Teams channel: not offered here, and the channel is named.
    expect(answer).not.toMatch(/Site Recovery\n[^\n]*\bdr drill\b/);
    expect(answer).toContain('dr drill');
    expect(answer).toContain('19:dr-drills@thread.tacv2');
    // audit needs the admin role, which an operator lacks.
    expect(answer).toMatch(/admin role would add[^\n]*audit/);
  });

  it('tells a viewer that changes need the operator role', async () => {
    const answer = await bot.ask('whoami', (t) => t.includes('You are dave'), 'dave');
    expect(answer).toMatch(/Snapshots and VMs\n[^\n]*snapshots/);
    expect(answer).toMatch(/operator role would add[^\n]*snapshot/);
  });

  it('tells a stranger what they may run without a role', async () => {
    const answer = await bot.ask('whoami', (t) => t.includes('not in the policy'), 'stranger');
    expect(answer).toContain('help');
    expect(answer).toContain('every other command needs a role');
  });
});
