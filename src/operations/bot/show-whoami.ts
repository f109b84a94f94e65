import type { Operation } from '../operation.js';

/** `whoami`: who the bot thinks you are and what role the policy gives you. */
export const showWhoami: Operation = async ({ event, member, policy }) => ({
  kind: 'whoami',
  title: member ? `You are ${member.name}` : 'You are not in the policy',
  tone: member ? 'neutral' : 'warning',
  summary: member
    ? `Roles: ${policy.rolesOf(event.actor).join(', ')}. \`help\` shows the commands you may run.`
    : 'You can read `help`, but every other command needs a role. Ask an admin to add your id to config/policy.yaml.',
  facts: [
    { label: 'Name', value: event.actor.displayName },
    { label: 'Platform', value: event.platform },
    { label: 'Platform id', value: event.actor.id },
    ...(event.actor.aadObjectId ? [{ label: 'Entra object id', value: event.actor.aadObjectId }] : []),
    { label: 'Roles', value: member ? policy.rolesOf(event.actor).join(', ') : 'none' },
  ],
});
