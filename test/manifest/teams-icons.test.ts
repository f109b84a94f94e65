import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../manifest/teams/encode-png.js';
import { parseHexColor, renderColorIcon, renderOutlineIcon } from '../../manifest/teams/render-icons.js';
import { TEAMS_SOURCE_DIR } from '../../manifest/teams/teams-source-dir.js';
import { nonWhitePixels, readPng } from './read-png.js';

const readIcon = (file: string) => readPng(readFileSync(join(TEAMS_SOURCE_DIR, file)));

describe('Teams app icons', () => {
  it('color.png is a 192x192 full-colour, opaque PNG', () => {
    const icon = readIcon('color.png');
    expect([icon.width, icon.height, icon.bitDepth]).toEqual([192, 192, 8]);
    expect([2, 6]).toContain(icon.colorType);
    const colours = new Set<string>();
    for (let i = 0; i < icon.width * icon.height; i++) {
      const pixel = icon.pixels.subarray(i * icon.channels, (i + 1) * icon.channels);
      if (icon.channels === 4) expect(pixel[3], `pixel ${i} is not opaque`).toBe(255);
      colours.add(Array.from(pixel.subarray(0, 3)).join(','));
    }
    expect(colours.size, 'a one-colour square is not an icon').toBeGreaterThan(2);
  });

  it("color.png's background is the manifest's accent colour", () => {
    const icon = readIcon('color.png');
    const manifest = JSON.parse(readFileSync(join(TEAMS_SOURCE_DIR, 'manifest.json'), 'utf8'));
    expect(Array.from(icon.pixels.subarray(0, 3))).toEqual(parseHexColor(manifest.accentColor));
  });

  it('outline.png is a 32x32 RGBA PNG of white on transparent only', () => {
    const icon = readIcon('outline.png');
    expect([icon.width, icon.height, icon.bitDepth, icon.colorType]).toEqual([32, 32, 8, 6]);
    expect(nonWhitePixels(icon)).toEqual([]);
    const alphas = Array.from({ length: 32 * 32 }, (_, i) => icon.pixels[i * 4 + 3]);
    expect(alphas.filter((a) => a === 255).length, 'a visible white symbol').toBeGreaterThan(100);
    expect(alphas.filter((a) => a === 0).length, 'a transparent background').toBeGreaterThan(300);
  });

  it('the outline check catches a coloured pixel', () => {
    const image = renderOutlineIcon();
    image.pixels.set([255, 0, 0, 255], 5 * 4);
    image.pixels.set([250, 250, 250, 10], 7 * 4);
    expect(nonWhitePixels(readPng(encodePng(image)))).toEqual([5, 7]);
  });

  it('draw-icons.ts gives the checked-in pixels (npx tsx manifest/teams/draw-icons.ts rewrites them)', () => {
    expect(readPng(encodePng(renderColorIcon())).pixels).toEqual(readIcon('color.png').pixels);
    expect(readPng(encodePng(renderOutlineIcon())).pixels).toEqual(readIcon('outline.png').pixels);
  });
});
