import { renderHelp } from '../commands/render-help.js';
import { roles } from '../config/policy.js';
import type { Operation } from './operation.js';

/** `help [command]`: what the asker may run, marking what is planned and what needs approval. */
export const showHelp: Operation = async ({ command, member }) => {
  const topic = command.args.topic;
  const mine = member ? roles.indexOf(member.role) : -1;
  return renderHelp({
    topicText: typeof topic === 'string' && topic.length > 0 ? topic : undefined,
    canRun: (spec) => spec.openToEveryone === true || mine >= roles.indexOf(spec.role),
    // Nothing waits for an approver until the approvals capability (issue 3) lands; until then help
    // must not promise a gate that is not there. The catalog keeps the design's defaults for it.
    approvalsFor: () => 0,
  });
};
