import { ArmError } from './arm-error.js';
import type { GenericResource } from './generic-resource.js';

/**
 * The `$filter` of Microsoft.Resources' resource lists, as ARM takes it (and as `az resource list`
 * builds it): clauses joined by `and` (or all by `or`), each `resourceType eq '...'`,
 * `name eq '...'`, `location eq '...'`, `resourceGroup eq '...'`, `tagName eq '...'` (with
 * `tagValue eq '...'` for its value), `substringof('...', name)` or `startswith(tagName, '...')`;
 * names and values compare case-insensitively. Anything else: ARM's 400 InvalidFilterInQueryString
 * "Invalid $filter '...' specified in the query string.".
 */
type Clause =
  | { field: 'resourceType' | 'name' | 'location' | 'resourceGroup' | 'tagName' | 'tagValue'; value: string }
  | { field: 'nameContains' | 'tagNamePrefix'; value: string };

const fields = ['resourceType', 'name', 'location', 'resourceGroup', 'tagName', 'tagValue'] as const;

export function readResourceFilter(filter: string | null): (resource: GenericResource) => boolean {
  if (filter === null || filter.trim() === '') return () => true;
  const invalid = () =>
    ArmError.gateway(
      400,
      'InvalidFilterInQueryString',
      `Invalid $filter '${filter}' specified in the query string.`,
    );
  const ors = filter.trim().split(/\s+or\s+/i);
  const ands = filter.trim().split(/\s+and\s+/i);
  if (ors.length > 1 && ands.length > 1) throw invalid();
  const parsed = (ors.length > 1 ? ors : ands).map((text) => {
    const clause = readClause(text);
    if (!clause) throw invalid();
    return clause;
  });
  if (ors.length > 1) return (resource) => parsed.some((clause) => matches(resource, [clause]));
  return (resource) => matches(resource, parsed);
}

function readClause(text: string): Clause | undefined {
  const equality = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(text);
  if (equality) {
    const field = fields.find((name) => name.toLowerCase() === equality[1]?.toLowerCase());
    return field ? { field, value: unquote(equality[2]) } : undefined;
  }
  const contains = /^\s*substringof\(\s*'((?:[^']|'')*)'\s*,\s*name\s*\)\s*$/i.exec(text);
  if (contains) return { field: 'nameContains', value: unquote(contains[1]) };
  const prefix = /^\s*startswith\(\s*tagName\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(text);
  if (prefix) return { field: 'tagNamePrefix', value: unquote(prefix[1]) };
  return undefined;
}

function unquote(value: string | undefined): string {
  return (value ?? '').replace(/''/g, "'");
}

function matches(resource: GenericResource, clauses: readonly Clause[]): boolean {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const tagNames = Object.keys(resource.tags);
  const tagName = clauses.find((clause) => clause.field === 'tagName')?.value;
  return clauses.every((clause) => {
    switch (clause.field) {
      case 'resourceType':
        return same(resource.type, clause.value);
      case 'name':
        return same(resource.name, clause.value);
      case 'location':
        return same(resource.location, clause.value.replace(/\s+/g, ''));
      case 'resourceGroup':
        return same(resource.resourceGroup, clause.value);
      case 'tagName':
        return tagNames.some((name) => same(name, clause.value));
      case 'tagValue':
        return tagNames.some(
          (name) =>
            (tagName === undefined || same(name, tagName)) && same(resource.tags[name] ?? '', clause.value),
        );
      case 'nameContains':
        return resource.name.toLowerCase().includes(clause.value.toLowerCase());
      default:
        // tagNamePrefix
        return tagNames.some((name) => name.toLowerCase().startsWith(clause.value.toLowerCase()));
    }
  });
}
