import { describe, expect, it } from 'vitest';
import type { BackupJobInfo } from '../../../src/azure/backup-port.js';
import { jobFailureText } from '../../../src/operations/backup/follow-backup-job.js';

const vault = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v',
  name: 'v',
};

/** An Azure Backup job that ended without an error says how, in words (not ConfigureBackup ... CompletedWithWarnings). */
describe('jobFailureText', () => {
  it('says the operation and the state in words', () => {
    const job = {
      id: 'j1',
      vault,
      operation: 'ConfigureBackup',
      status: 'CompletedWithWarnings',
      entity: 'vm-web-01',
      tasks: [],
      errors: [],
    } as unknown as BackupJobInfo;
    expect(jobFailureText(job)).toBe('The configure backup job ended completed with warnings.');
  });
});
