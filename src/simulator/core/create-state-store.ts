import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type SimulatorState, stateVersion } from './simulator-state.js';

/**
 * Persists the simulator state as one JSON file. Every save writes a temporary file and renames it
 * over the old one, so a crash leaves either the old or the new state, never half of one. Writes
 * never overlap, and saves asked for during a write are served by one more write of the latest
 * state (hundreds of jobs polling must not mean hundreds of full writes). A crash mid-write
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
  let sequence = 0;
  let writing: Promise<void> | undefined;
  /** Saves asked for while a write runs: one more write, of the state as it is then, serves them all. */
  let next: { state: SimulatorState; done: Promise<void> } | undefined;
  const write = async (text: string) => {
    sequence += 1;
    const tmp = `${stateFile}.${process.pid}.${sequence}.tmp`;
    await mkdir(dirname(stateFile), { recursive: true });
    try {
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, stateFile);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
  };
  const start = (state: SimulatorState): Promise<void> => {
    // Serialise now, so the file holds the state as it was when this write began.
    const current = write(JSON.stringify(state));
    // The caller gets this write's failure; the chain only needs to know it ended.
    writing = current
      .catch(() => undefined)
      .then(() => {
        writing = undefined;
      });
    return current;
  };
  return {
    async load() {
      await removeStaleTempFiles(stateFile);
      return loadStateFile(stateFile);
    },
    save(state) {
      if (!writing) return start(state);
      if (next) {
        next.state = state;
        return next.done;
      }
      const queued: { state: SimulatorState; done: Promise<void> } = { state, done: Promise.resolve() };
      queued.done = writing.then((): Promise<void> => {
        next = undefined;
        return start(queued.state);
      });
      next = queued;
      return queued.done;
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
  // An older simulator's state (a bot updated in place) cannot be read, but must not stop
  // `npm start` either: it is kept beside, and the simulator starts again from the estate.
  if (typeof candidate?.version === 'number' && candidate.version < stateVersion) {
    const kept = `${stateFile}.v${candidate.version}.bak`;
    await rename(stateFile, kept);
    process.emitWarning(
      `Simulator state file ${stateFile} was written by an older version (${candidate.version}); kept as ${kept}, starting from the estate.`,
    );
    return undefined;
  }
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.version !== stateVersion ||
    !candidate.compute ||
    !candidate.backup ||
    !candidate.siteRecovery ||
    !candidate.network
  ) {
    const found = typeof candidate?.version === 'number' ? `version ${candidate.version}` : 'no version';
    throw new Error(
      `Simulator state file ${stateFile} has an unknown format (${found}, expected version ${stateVersion}); delete it to start from the estate.`,
    );
  }
  return candidate as SimulatorState;
}
