import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { databaseFileOf, exportAudit } from '../../src/audit/export-audit.js';
import { createLogger, type Logger } from '../../src/observability/create-logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { alice, bob, tempDirs, textBuffer } from './audit-fixtures.js';

/**
 * Secrets never reach logs or audit (issue 3, item 5): a file-restore-like flow handles a script and
 * its password, logs objects that carry them under the keys the logger redacts, and records audit
 * entries with ids and outcomes only. Then the whole log output and the whole JSON Lines export are
 * searched for the secret values.
 */
const PASSWORD = 'Secr3t-Passw0rd!';
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-Zx9SECRETtok3n';
const SCRIPT = [
  '#!/usr/bin/env python3',
  '# ILR mount script for vm-web-01, recovery point 2025-06-01',
  `TARGET_PASSWORD = '${PASSWORD}'`,
  "TARGET = 'iqn.2016-01.microsoft.azure.backup:vm-web-01-rp-42'",
].join('\n');
/** Also a tell-tale piece of the script that is not the password. */
const SCRIPT_MARKER = 'TARGET_PASSWORD';
const SECRETS = [PASSWORD, SLACK_TOKEN, SCRIPT_MARKER];

const temp = tempDirs('audit-secrets-');
afterAll(() => temp.cleanup());
const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function setUp(): Promise<{ store: SqliteStore; log: Logger; logText: () => string; audit: AuditLog }> {
  const store = await SqliteStore.open({ file: databaseFileOf(temp.make()) });
  opened.push(store);
  const logBuffer = textBuffer();
  const log = createLogger('debug', logBuffer.stream);
  return { store, log, logText: logBuffer.text, audit: new AuditLog(store, log) };
}

/** What a file restore hands out: a mount script and its password (the Azure Backup ILR shape). */
interface FileRestoreAccess {
  scriptContent: string;
  password: string;
}

/**
 * A file-restore-like flow: command, approval, job, the changing Azure call that provisions access,
 * the script sent privately to the requester, then revoke. It logs the secrets under the redacted keys
 * (as a careless caller might) and audits ids and outcomes.
 */
async function runFileRestoreFlow(audit: AuditLog, log: Logger, privateMessages: string[]): Promise<void> {
  const where = { platform: 'slack', channel: 'C0OPS', correlationId: 'corr-fr-1' } as const;
  const ids = { commandId: 'restore-files', approvalId: 'apr-fr-1' };
  const commandText = 'restore files vm-web-01 from 2025-06-01';

  await audit.record({
    ...where,
    ...ids,
    kind: 'command',
    actor: alice,
    origin: 'typed',
    commandText,
    outcome: 'accepted',
  });
  await audit.record({
    ...where,
    ...ids,
    kind: 'approval-state',
    actor: alice,
    origin: 'typed',
    outcome: 'requested',
  });
  await audit.record({
    ...where,
    ...ids,
    kind: 'decision',
    actor: bob,
    origin: 'button',
    outcome: 'approve',
  });
  await audit.record({
    ...where,
    ...ids,
    kind: 'approval-state',
    actor: bob,
    origin: 'button',
    outcome: 'executing',
  });
  await audit.record({
    ...where,
    ...ids,
    kind: 'job-state',
    actor: bob,
    origin: 'button',
    jobId: 'job-fr-1',
    outcome: 'running',
  });

  // The Azure call returns the secret; the Slack client holds a bot token.
  const access: FileRestoreAccess = { scriptContent: SCRIPT, password: PASSWORD };
  const slack = { channel: 'D0ALICE', token: SLACK_TOKEN };
  log.info(
    { fileRestore: { vm: 'vm-web-01', recoveryPointId: 'rp-42', ...access } },
    'file restore provisioned',
  );
  log.debug(
    { slack, delivery: { to: alice.id, scriptContent: access.scriptContent } },
    'sending script privately',
  );
  log.info({ request: { token: SLACK_TOKEN }, response: { password: PASSWORD } }, 'slack call');
  privateMessages.push(`Your script:\n${access.scriptContent}\nPassword: ${access.password}`);

  await audit.record({
    ...where,
    ...ids,
    kind: 'azure-change',
    actor: bob,
    origin: 'button',
    jobId: 'job-fr-1',
    armRequestId: 'arm-req-fr-1',
    outcome: 'file restore provisioned',
    detail: {
      vm: 'vm-web-01',
      recoveryPointId: 'rp-42',
      scriptDelivered: 'private message',
      expiresInHours: 12,
    },
  });
  await audit.record({
    ...where,
    ...ids,
    kind: 'job-state',
    actor: bob,
    origin: 'button',
    jobId: 'job-fr-1',
    outcome: 'succeeded',
  });
}

describe('secrets never reach logs or audit (file restore)', () => {
  it('keeps the script, password and token out of the log output and the audit export', async () => {
    const { store, log, logText, audit } = await setUp();
    const privateMessages: string[] = [];

    await runFileRestoreFlow(audit, log, privateMessages);
    const exported = textBuffer();
    const count = await exportAudit(store, exported.stream, {
      since: { text: '1h', milliseconds: 3_600_000 },
    });
    const logOutput = logText();
    const auditOutput = exported.text();

    // The search would find them: the flow did handle the secrets, and the log did get the objects.
    expect(privateMessages.join('\n')).toContain(PASSWORD);
    expect(privateMessages.join('\n')).toContain(SCRIPT_MARKER);
    expect(logOutput).toContain('file restore provisioned');
    expect(logOutput.match(/\[redacted\]/g)?.length).toBe(6);
    expect(count).toBe(7);
    for (const line of auditOutput.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(auditOutput).toContain('arm-req-fr-1');

    for (const secret of SECRETS) {
      expect(logOutput, `log output contains ${secret}`).not.toContain(secret);
      expect(auditOutput, `audit export contains ${secret}`).not.toContain(secret);
    }
    // Pieces of the secrets too (a partial leak, an escaped copy).
    expect(logOutput).not.toMatch(/Secr3t|xoxb-|Passw0rd/);
    expect(auditOutput).not.toMatch(/Secr3t|xoxb-|Passw0rd/);
  });

  it('would catch a leak: the same search finds a secret logged under an unredacted key', async () => {
    const { log, logText } = await setUp();
    log.info({ fileRestore: { note: PASSWORD } }, 'careless');
    expect(logText()).toContain(PASSWORD);
  });

  // KNOWN GAP (src/observability/create-logger.ts): the redact paths are `*.password`, `*.token`,
  // `*.scriptContent`..., which match one level down only. A secret at the top level of the logged
  // object is written in clear. Add the top-level paths 'password', 'token', 'secret', 'clientSecret',
  // 'scriptContent' there, then drop `.fails` here.
  it('redacts password, token and scriptContent at the top level of a logged object', async () => {
    const { log, logText } = await setUp();
    log.info({ password: PASSWORD, token: SLACK_TOKEN, scriptContent: SCRIPT }, 'top level');
    for (const secret of SECRETS) expect(logText()).not.toContain(secret);
  });
});
