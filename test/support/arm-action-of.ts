/**
 * The Azure RBAC action ARM checks for a request, derived from it as ARM derives it: the provider
 * namespace, then every resource type of the path (names left out), then `read` (GET), `write`
 * (PUT, PATCH), `delete` (DELETE), or for a POST to `.../{name}/{verb}`, `{verb}/action`.
 * `POST .../virtualMachines/vm-1/start` -> `Microsoft.Compute/virtualMachines/start/action`.
 * Paths without a provider are Microsoft.Resources' (`/subscriptions/{s}/resourceGroups/{rg}`).
 * Works on real paths and on the bot's span templates (`{name}` in place of each name) alike.
 */
export function armActionOf(method: string, path: string): string {
  const segments = path
    .split('?')[0]
    ?.split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => decodeURIComponent(segment)) ?? [''];
  const at = segments.findLastIndex((segment) => segment.toLowerCase() === 'providers');
  const [namespace, rest] =
    at >= 0 ? [segments[at + 1] ?? '', segments.slice(at + 2)] : ['Microsoft.Resources', segments];
  const types = rest.filter((_, index) => index % 2 === 0);
  const verb = method.toUpperCase();
  if (verb === 'POST' && rest.length % 2 === 1) {
    const action = types.pop();
    return [namespace, ...types, action, 'action'].join('/');
  }
  const operation = verb === 'GET' || verb === 'HEAD' ? 'read' : verb === 'DELETE' ? 'delete' : 'write';
  return [namespace, ...types, operation].join('/');
}
