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

type Kind = 'fabric' | 'protection container' | 'replication protected item' | 'recovery plan' | 'job';

const detailCodes: Record<Kind, string> = {
  fabric: 'FabricNotFound',
  'protection container': 'ProtectionContainerNotFound',
  'replication protected item': 'ReplicationProtectedItemNotFound',
  'recovery plan': 'RecoveryPlanNotFound',
  job: 'JobNotFound',
};

export const siteRecoveryErrors = {
  /** 404 for a child of the vault (fabric, container, item, plan, job) that does not exist. */
  notFound: (kind: Kind, name: string, vaultName: string, activityId: string) =>
    new AsrError(404, 'NotFound', {
      code: detailCodes[kind],
      message: `The ${kind} '${name}' was not found in the vault '${vaultName}'.`,
      possibleCauses: `The ${kind} does not exist in the vault, or it has been deleted.`,
      recommendedAction: `Check the name, or list the ${kind === 'job' ? 'jobs' : `${kind}s`} of the vault and use one of them.`,
      activityId,
    }),
};
