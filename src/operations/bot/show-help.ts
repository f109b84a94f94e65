import { renderHelp } from '../../commands/render-help.js';
import type { Operation } from '../operation.js';

/** `help [command]`: what the asker may run under the policy, marking what needs approval. */
export const showHelp: Operation = async ({ command, event, policy }) => {
  const topic = command.args.topic;
  return renderHelp({
    topicText: typeof topic === 'string' && topic.length > 0 ? topic : undefined,
    canRun: (spec) =>
      spec.openToEveryone === true || policy.holds(event.actor, policy.settingsFor(spec.id).role),
    approvalsFor: (spec) => policy.settingsFor(spec.id).approvals,
  });
};
