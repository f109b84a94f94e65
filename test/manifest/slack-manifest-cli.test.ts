import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSlackManifest } from '../../manifest/slack/build-slack-manifest.js';
import { runPrintSlackManifest } from '../../manifest/slack/print-slack-manifest.js';

function captureIo() {
  const out = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') => ({
    write: (text: string) => {
      out[key] += text;
      return true;
    },
  });
  return { out, io: { stdout: stream('stdout'), stderr: stream('stderr') } };
}

describe('npm run manifest:slack', () => {
  it('prints the HTTP-mode manifest for BOT_DOMAIN and SLACK_COMMAND', () => {
    const { out, io } = captureIo();
    const env = { BOT_DOMAIN: 'recovery-bot.contoso.com', SLACK_COMMAND: '/dr' };
    expect(runPrintSlackManifest([], env, io)).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(
      /^# Slack app manifest of Recovery bot: HTTP mode, every request to https:\/\/recovery-bot\.contoso\.com\/slack\/events\.\n/,
    );
    expect(parse(out.stdout)).toEqual(
      buildSlackManifest({ socketMode: false, domain: 'recovery-bot.contoso.com', command: '/dr' }),
    );
  });

  it.each(['1', 'true', 'YES'])('prints the Socket Mode manifest for SLACK_SOCKET_MODE=%s', (flag) => {
    const { out, io } = captureIo();
    expect(runPrintSlackManifest([], { SLACK_SOCKET_MODE: flag, BOT_DOMAIN: 'x.contoso.com' }, io)).toBe(0);
    expect(parse(out.stdout)).toEqual(buildSlackManifest({ socketMode: true }));
  });

  it('exits with 2 and the fix on bad input, and on any argument', () => {
    const bad = captureIo();
    expect(runPrintSlackManifest([], { BOT_DOMAIN: 'https://x.contoso.com/slack/events' }, bad.io)).toBe(2);
    expect(bad.out).toEqual({
      stdout: '',
      stderr: expect.stringMatching(/Use BOT_DOMAIN=x\.contoso\.com\n$/),
    });
    const flag = captureIo();
    expect(runPrintSlackManifest([], { SLACK_SOCKET_MODE: 'maybe' }, flag.io)).toBe(2);
    expect(flag.out.stderr).toMatch(/^SLACK_SOCKET_MODE must be 1 \(Socket Mode\) or 0/);
    const usage = captureIo();
    expect(runPrintSlackManifest(['--socket'], {}, usage.io)).toBe(2);
    expect(usage.out.stderr).toMatch(/^Usage: BOT_DOMAIN=<host>/);
  });

  it('as a process, with no environment: exit code 2, one clear line, no stack trace', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'manifest/slack/print-slack-manifest.ts'],
      { env: {} },
    );
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string; stdout?: string } | undefined;
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(
      /^BOT_DOMAIN is not set\. [^\n]*SLACK_SOCKET_MODE=1 npm run -s manifest:slack\n$/,
    );
    expect(failure?.stdout).toBe('');
  });
});
