import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './encode-png.js';
import { renderColorIcon, renderOutlineIcon } from './render-icons.js';
import { TEAMS_SOURCE_DIR } from './teams-source-dir.js';

/** `npx tsx manifest/teams/draw-icons.ts`: rewrites color.png and outline.png from render-icons.ts. */
for (const [file, image] of [
  ['color.png', renderColorIcon()],
  ['outline.png', renderOutlineIcon()],
] as const) {
  const path = join(TEAMS_SOURCE_DIR, file);
  writeFileSync(path, encodePng(image));
  console.log(`Wrote ${path} (${image.width}x${image.height})`);
}
