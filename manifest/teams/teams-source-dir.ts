import { fileURLToPath } from 'node:url';

/** This folder: manifest.json and the icons the package is built from. */
export const TEAMS_SOURCE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The repository root, for the default output path. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
