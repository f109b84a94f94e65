import { ARG_TYPE_RULES } from './arg-type-rules.js';
import type { ArgSpec } from './command-spec.js';

/** How an argument is written in messages and help: `older-than <duration>`, `disks`, `<vm>`. */
export function argLabel(arg: ArgSpec): string {
  const placeholder = placeholderOf(arg);
  if (arg.type === 'flag') return arg.keywords?.[0] ?? arg.name;
  return arg.keywords?.[0] ? `${arg.keywords[0]} ${placeholder}` : placeholder;
}

export function placeholderOf(arg: ArgSpec): string {
  if (arg.placeholder) return arg.placeholder;
  if (arg.type === 'enum' && arg.values) return arg.values.join('|');
  return ARG_TYPE_RULES[arg.type].placeholder;
}
