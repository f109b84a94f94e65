import type { CommandSpec } from '../command-spec.js';
import { available } from './common-args.js';

export const generalCommands: readonly CommandSpec[] = [
  {
    id: 'help',
    syntax: 'help [cmd]',
    words: ['help'],
    aliases: ['commands', 'what can you do', 'usage', 'man', '?'],
    args: [
      {
        name: 'topic',
        type: 'topic',
        required: false,
        placeholder: '<cmd>',
        description: 'A command (`snapshot delete`) or group (`site recovery`); leave out for the full list.',
      },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    openToEveryone: true,
    featured: true,
    group: 'General',
    summary: 'List the commands, or explain one.',
    help:
      'Without a command, lists every command by group with what it needs (approvals, what is coming). ' +
      'With a command, shows its syntax, arguments, examples, the role it needs and how many approvals. ' +
      'You can also add `--help` to any command.',
    examples: ['help', 'help snapshot', 'help snapshot prune', 'help dr drill'],
    availability: available,
  },
  {
    id: 'whoami',
    syntax: 'whoami',
    words: ['whoami'],
    aliases: ['who am i', 'my roles', 'my role'],
    args: [],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    openToEveryone: true,
    featured: true,
    group: 'General',
    summary: 'Show who the bot thinks you are and what you may do.',
    help:
      'Shows your identity as the bot sees it (platform id, Entra object id where known) and the roles ' +
      'you hold, so a refusal can be put right by the people who keep `config/policy.yaml`.',
    examples: ['whoami', 'who am i'],
    availability: available,
  },
];
