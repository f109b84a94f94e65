import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type SimulatorState, stateVersion } from './simulator-state.js';

/**
 * Persists the simulator state as one JSON file. Every save writes a temporary file and renames it
 * over the old one, so a crash leaves either the old or the new state, never half of one. Saves are
 * chained so that two requests finishing together cannot interleave their writes. A crash mid-write
 * can leave a temporary file behind (`{stateFile}.{pid}.{n}.tmp`); load() removes those.
 */
export interface StateStore {
  load(): Promise<SimulatorState | undefined>;
  save(state: SimulatorState): Promise<void>;
}

export function createStateStore(stateFile: string | undefined): StateStore {
  if (stateFile === undefined) {
    return { load: async () => undefined, save: async () => undefined };
  }
  let chain: Promise<void> = Promise.resolve();
  let sequence = 0;
  return {
    async load() {
      await removeStaleTempFiles(stateFile);
      return loadStateFile(stateFile);
    },
    save(state) {
      // Serialise now, so the file holds the state as it was when save() was called.
      const text = JSON.stringify(state);
      sequence += 1;
      const tmp = `${stateFile}.${process.pid}.${sequence}.tmp`;
      const write = async () => {
        await mkdir(dirname(stateFile), { recursive: true });
        try {
          await writeFile(tmp, text, 'utf8');
          await rename(tmp, stateFile);
        } catch (error) {
          await rm(tmp, { force: true }).catch(() => undefined);
          throw error;
        }
      };
      chain = chain.then(write, write);
      return chain;
    },
  };
}

/** Temporary files of this state file left by a crash mid-write (never the state file itself). */
async function removeStaleTempFiles(stateFile: string): Promise<void> {
  const prefix = `${basename(stateFile)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(stateFile));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const stale = names.filter(
    (name) => name.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(name.slice(prefix.length)),
  );
  await Promise.all(stale.map((name) => rm(join(dirname(stateFile), name), { force: true })));
}

async function loadStateFile(stateFile: string): Promise<SimulatorState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Simulator state file ${stateFile} is not valid JSON (${(error as Error).message}); delete it to start from the estate.`,
    );
  }
  const candidate = parsed as Partial<SimulatorState> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.version !== stateVersion ||
    !candidate.compute
  ) {
    throw new Error(
      `Simulator state file ${stateFile} has an unknown format (expected version ${stateVersion}); delete it to start from the estate.`,
    );
  }
  return candidate as SimulatorState;
}
