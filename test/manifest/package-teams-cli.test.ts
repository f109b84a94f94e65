import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runPackageTeams } from '../../manifest/teams/package-teams.js';

const scratch = mkdtempSync(join(tmpdir(), 'package-teams-'));
const env = {
  MicrosoftAppId: '8f0c2a51-3b6e-4c1d-9a7f-2e5b0c9d4a13',
  BOT_DOMAIN: 'recovery-bot.contoso.com',
};

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function captureIo() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: {
        write: (text: string) => {
          out.stdout += text;
          return true;
        },
      },
      stderr: {
        write: (text: string) => {
          out.stderr += text;
          return true;
        },
      },
    },
  };
}

describe('npm run package:teams', () => {
  it('writes the zip where asked and says how to upload it', async () => {
    const { out, io } = captureIo();
    const file = join(scratch, 'nested', 'app.zip');
    expect(await runPackageTeams([file], env, io)).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(out.stdout).toContain(file);
    expect(out.stdout).toContain('Upload it in Teams: Apps > Manage your apps > Upload an app');
    expect(out.stderr).toBe('');
  });

  it('exits with 2 and the fix on bad input, and on a stray option', async () => {
    const bad = captureIo();
    expect(
      await runPackageTeams(
        [join(scratch, 'x.zip')],
        { ...env, BOT_DOMAIN: 'https://x.contoso.com' },
        bad.io,
      ),
    ).toBe(2);
    expect(bad.out.stderr).toMatch(/Use BOT_DOMAIN=x\.contoso\.com/);
    expect(existsSync(join(scratch, 'x.zip'))).toBe(false);
    const usage = captureIo();
    expect(await runPackageTeams(['--out'], env, usage.io)).toBe(2);
    expect(usage.out.stderr).toMatch(/^Usage: npm run package:teams/);
  });

  it('as a process, with no environment: exit code 2, one clear line, no stack trace', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'manifest/teams/package-teams.ts'],
      {
        env: {},
      },
    );
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string; stdout?: string } | undefined;
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^MicrosoftAppId is not set\. .*npm run package:teams\n$/);
    expect(failure?.stdout).toBe('');
  });
});
