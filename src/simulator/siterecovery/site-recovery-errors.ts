import { ArmError } from '../core/arm-error.js';

/**
 * Azure Site Recovery's error body: ARM's `{"error": {"code", "message"}}` plus `details[]` carrying
 * ASR's own code, `possibleCauses`, `recommendedAction` and `activityId` (the shape of Azure
 * PowerShell's ARMError/ARMExceptionDetails contracts and of the errors ASR returned in
 * Azure/azure-rest-api-specs#12759). Which codes and wording ASR uses for a missing child resource is
 * not documented: those below are the simulator's choice.
 */
export interface AsrErrorDetail {
  code: string;
  message: string;
  possibleCauses: string;
  recommendedAction: string;
  activityId: string;
}

export class AsrError extends ArmError {
  readonly detail: AsrErrorDetail;

  constructor(status: number, code: string, detail: AsrErrorDetail) {
    super(status, code, detail.message);
    this.detail = detail;
  }

  override toBody(): { error: { code: string; message: string; details: AsrErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: [this.detail] } };
  }
}

type Kind =
  | 'fabric'
  | 'protection container'
  | 'replication protected item'
  | 'recovery plan'
  | 'replication policy'
  | 'job';

const detailCodes: Record<Kind, string> = {
  fabric: 'FabricNotFound',
  'protection container': 'ProtectionContainerNotFound',
  'replication protected item': 'ReplicationProtectedItemNotFound',
  'recovery plan': 'RecoveryPlanNotFound',
  'replication policy': 'PolicyNotFound',
  job: 'JobNotFound',
};

function pluralOf(kind: Kind): string {
  if (kind === 'job') return 'jobs';
  if (kind === 'replication policy') return 'replication policies';
  return `${kind}s`;
}

export const siteRecoveryErrors = {
  /** 404 for a child of the vault (fabric, container, item, plan, job) that does not exist. */
  notFound: (kind: Kind, name: string, vaultName: string, activityId: string) =>
    new AsrError(404, 'NotFound', {
      code: detailCodes[kind],
      message: `The ${kind} '${name}' was not found in the vault '${vaultName}'.`,
      possibleCauses: `The ${kind} does not exist in the vault, or it has been deleted.`,
      recommendedAction: `Check the name, or list the ${pluralOf(kind)} of the vault and use one of them.`,
      activityId,
    }),
  /** 409: the plan (or one of its items) is in another operation. */
  operationInProgress: (plan: string, operation: string, jobName: string, activityId: string) =>
    new AsrError(409, 'Conflict', {
      code: 'RecoveryPlanOperationInProgress',
      message: `The operation can't be performed because another operation ('${operation}', job ${jobName}) is in progress on the recovery plan '${plan}'.`,
      possibleCauses: 'Only one operation can run on a recovery plan and its protected items at a time.',
      recommendedAction: 'Wait for the job to finish (or complete its manual actions), then try again.',
      activityId,
    }),
  /** 400: a test failover was not cleaned up (Azure refuses a second one). */
  testFailoverCleanupPending: (plan: string, activityId: string) =>
    new AsrError(400, 'BadRequest', {
      code: 'TestFailoverCleanupPending',
      message: `A test failover of the recovery plan '${plan}' has not been cleaned up.`,
      possibleCauses: 'The previous test failover is still waiting for its cleanup.',
      recommendedAction: 'Clean up the test failover of the recovery plan, then try again.',
      activityId,
    }),
  /** 400: the operation is not in the plan's (or the job's) allowed operations. */
  notAllowed: (operation: string, target: string, allowed: string[], activityId: string) =>
    new AsrError(400, 'BadRequest', {
      code: 'OperationNotAllowed',
      message: `The operation '${operation}' isn't allowed on '${target}' in its current state.`,
      possibleCauses: `The operations allowed now are: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
      recommendedAction: 'Check the state of the recovery plan and its protected items, then retry.',
      activityId,
    }),
  /**
   * 400: the test failover's network does not exist or is not in the recovery region. ASR documents
   * no code for this; `InvalidTestFailoverNetwork` is the simulator's choice.
   */
  invalidTestNetwork: (message: string, activityId: string) =>
    new AsrError(400, 'BadRequest', {
      code: 'InvalidTestFailoverNetwork',
      message,
      possibleCauses:
        'The virtual network was deleted, is misspelled, or is in another region than the recovery region.',
      recommendedAction:
        'Select an existing virtual network of the recovery region (ideally an isolated one) and retry the test failover.',
      activityId,
    }),
  /** 400: a request body Azure would refuse. */
  invalidInput: (message: string, activityId: string) =>
    new AsrError(400, 'BadRequest', {
      code: 'InvalidInput',
      message,
      possibleCauses: 'The request is missing a required value or names one that is not valid.',
      recommendedAction: 'Correct the request and try again.',
      activityId,
    }),
};
