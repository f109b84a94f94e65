import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { refuseAliases, refuseCutShort, refuseNoMembers } from './check-policy-whole.js';
import { createPolicy } from './create-policy.js';
import { createPolicyLocator, errorFromIssue, PolicyError } from './policy-error.js';
import type { Policy } from './policy-model.js';
import { policyFileSchema } from './policy-schema.js';
import { readCommandSettings } from './read-command-settings.js';
import { readPolicyMembers } from './read-policy-members.js';

export { PolicyError } from './policy-error.js';
export type {
  ChannelAllowList,
  CommandSettings,
  Policy,
  PolicyActor,
  PolicyMember,
} from './policy-model.js';
export { type Role, roles } from './policy-schema.js';
export { DEFAULT_EXPIRY_MS } from './read-command-settings.js';

/**
 * Reads and validates config/policy.yaml (or CHATOPS_POLICY) at start. Every mistake (bad YAML, an
 * unknown role or command, a malformed id, a duplicate member) throws a PolicyError naming the file,
 * the line and the fix, so the bot never runs with a policy other than the one written: nor with
 * one cut short, emptied or without members (parsePolicy alone accepts those, for tests of settings).
 */
export function loadPolicy(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(
      `The bot cannot start: cannot read the policy file ${path} (${(error as Error).message}). Fix: create it (see config/policy.yaml in the repository) or point CHATOPS_POLICY at it.`,
    );
  }
  refuseCutShort(text, path);
  const policy = parsePolicy(text, path);
  refuseNoMembers(policy, path, text);
  return policy;
}

export function parsePolicy(text: string, path: string): Policy {
  const document = parseDocument(text);
  const yamlError = document.errors[0];
  if (yamlError) {
    const start = yamlError.linePos?.[0];
    // The parser's message ends with a drawing of the spot; the line and column say it in one line.
    const problem = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new PolicyError(
      `The bot cannot start: ${path} line ${start?.line ?? '?'} is not valid YAML (column ${start?.col ?? '?'}): ${problem}. Fix: correct the indentation, quotes or brackets there, then start again.`,
    );
  }
  refuseAliases(document, text, path);
  const locator = createPolicyLocator(path, text, document);
  const parsed = policyFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue
      ? errorFromIssue(locator, issue)
      : new PolicyError(`The bot cannot start: ${path} is not valid.`);
  }
  const members = readPolicyMembers(parsed.data.members, locator);
  return createPolicy(members, readCommandSettings(parsed.data.commands, locator));
}
