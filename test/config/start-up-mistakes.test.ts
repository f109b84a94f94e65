import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Start-up mistakes stop the real bot process (`npm start`'s entry) with exit code 2 and one
 * message that names the variable or the file and line, and the fix; never a stack trace, never a
 * password (issue 21).
 */
const dir = mkdtempSync(join(tmpdir(), 'start-up-mistakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startBotProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...inherited, PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // Started after all: stop it, the test fails on the exit code.
    if (output.includes('"bot ready"')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function policyFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function expectRefused(env: Record<string, string>, message: RegExp): Promise<string> {
  const { code, output } = await startBotProcess(env);
  expect(output).toMatch(message);
  expect(output).toMatch(/Fix: /);
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(code).toBe(2);
  return output;
}

const shipped = readFileSync('config/policy.yaml', 'utf8');

describe('start-up mistakes stop the bot with the variable or file and line, and the fix', () => {
  it('LOG_LEVEL=verbose', async () => {
    await expectRefused(
      { LOG_LEVEL: 'verbose' },
      /LOG_LEVEL.*use one of fatal, error, warn, info, debug, trace, silent/,
    );
  }, 30_000);

  it('an unreachable DATABASE_URL: its host and port, not its password', async () => {
    const output = await expectRefused(
      { DATABASE_URL: 'postgres://postgres:Unreachable-Secr3t@127.0.0.1:1/test' },
      /DATABASE_URL names PostgreSQL at 127\.0\.0\.1:1, which could not be used \(ECONNREFUSED\)/,
    );
    expect(output).not.toContain('Unreachable-Secr3t');
  }, 30_000);

  it('a DATA_DIR below a file', async () => {
    const file = policyFile('not-a-folder', 'x');
    await expectRefused(
      { DATA_DIR: join(file, 'data') },
      /DATA_DIR=.*not-a-folder\/data cannot be made a folder \(ENOTDIR/,
    );
  }, 30_000);

  it('a YAML alias bomb in the policy', async () => {
    const bomb = [
      'members:',
      '  - name: alice',
      '    role: operator',
      '    console: alice',
      'commands:',
      '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '  e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      '',
    ].join('\n');
    await expectRefused(
      { CHATOPS_POLICY: policyFile('bomb.yaml', bomb) },
      /bomb\.yaml line 7 uses a YAML alias \(\*name\); the policy allows none/,
    );
  }, 30_000);

  it('a policy cut in the middle of a line', async () => {
    const cut = shipped.slice(0, shipped.indexOf('slack: U0CAROL') + 'slack: U0CA'.length);
    const line = cut.split('\n').length;
    await expectRefused(
      { CHATOPS_POLICY: policyFile('cut.yaml', cut) },
      new RegExp(`cut\\.yaml line ${line} ends without a line break, so the file looks cut short`),
    );
  }, 30_000);

  it('an empty policy, and one whose members: lists nobody', async () => {
    await expectRefused(
      { CHATOPS_POLICY: policyFile('empty.yaml', '') },
      /empty\.yaml line 1: the file has no members section, so nobody could use the bot/,
    );
    await expectRefused(
      { CHATOPS_POLICY: policyFile('nobody.yaml', '# who may do what\nmembers:\ncommands:\n') },
      /nobody\.yaml line 2 lists no members, so nobody could use the bot/,
    );
  }, 30_000);
});
