// The npm registry this project's machines reach serves Biome's native binaries for Linux only, so
// `npm install` leaves the other platforms' optional packages out of package-lock.json, and then
// `npm ci` refuses the lock as "out of sync". This adds the missing entries (platform-guarded and
// optional, so npm skips them here and resolves them from the registry where they exist).
// Run it after any `npm install` that rewrites the lock: `node .ci/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (packages[target] || packages[`${path}/${target}`]) continue;
    const platform = /cli-(android|darwin|linux|win32)-(arm64|x64)(-musl)?$/.exec(name);
    if (!platform)
      throw new Error(`${name} (optional dependency of ${path}) is missing and is not a platform binary`);
    packages[target] = {
      version,
      cpu: [platform[2]],
      dev: entry.dev,
      ...(platform[3] ? { libc: ['musl'] } : platform[1] === 'linux' ? { libc: ['glibc'] } : {}),
      license: entry.license,
      optional: true,
      os: [platform[1]],
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
