import { fileURLToPath } from 'node:url';
import type { SlackManifestInput } from './check-manifest-options.js';
import { PLACEHOLDER_DOMAIN } from './check-manifest-options.js';

/** This folder. */
export const SLACK_MANIFEST_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The checked-in manifests and the inputs they are built from (a test keeps them in step). */
export const CHECKED_IN_MANIFESTS: ReadonlyArray<{ file: string; input: SlackManifestInput }> = [
  { file: 'manifest.yaml', input: { socketMode: false, domain: PLACEHOLDER_DOMAIN } },
  { file: 'socket-mode.manifest.yaml', input: { socketMode: true } },
];
