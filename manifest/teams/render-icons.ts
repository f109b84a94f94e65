import type { RasterImage } from './encode-png.js';

/**
 * The app icon: a "restore" arrow (an open ring turning anticlockwise) around a disk. Drawn from
 * geometry, so both sizes stay in step and the PNGs can be rebuilt byte for byte (draw-icons.ts).
 */

/** The color icon's background; the manifest's `accentColor` is the same (a test checks). */
export const ICON_ACCENT = '#0B6A77';

/** Symbol geometry, in units where the symbol's radius is about 1; y grows downwards. */
const RING_RADIUS = 0.7;
const HALF_STROKE = 0.13;
const ARC_FROM = -Math.PI / 2; // 9 o'clock, where the arrowhead sits
const ARC_TO = (7 * Math.PI) / 6; // clockwise round to 7 o'clock, a rounded end
const HEAD_HALF_WIDTH = 0.32;
const HEAD_LENGTH = 0.36;
const DISK_RADIUS = 0.22;
/** The symbol reaches further left (the arrowhead) than right: shift it to look centred. */
const CENTRE_SHIFT = (RING_RADIUS + HEAD_HALF_WIDTH - (RING_RADIUS + HALF_STROKE)) / 2;
const SAMPLES = 8;

/** 192x192, opaque: the white symbol on the accent colour. */
export function renderColorIcon(): RasterImage {
  const size = 192;
  const coverage = rasterizeSymbol(size, 56);
  const background = parseHexColor(ICON_ACCENT);
  const pixels = new Uint8Array(size * size * 3);
  coverage.forEach((alpha, i) => {
    for (let c = 0; c < 3; c++) {
      const base = background[c] ?? 0;
      pixels[i * 3 + c] = Math.round(base + ((255 - base) * alpha) / 255);
    }
  });
  return { width: size, height: size, channels: 3, pixels };
}

/** 32x32: white on transparent, nothing else (Teams tints it), edges anti-aliased through alpha. */
export function renderOutlineIcon(): RasterImage {
  const size = 32;
  const coverage = rasterizeSymbol(size, 15.5);
  const pixels = new Uint8Array(size * size * 4).fill(255);
  coverage.forEach((alpha, i) => {
    pixels[i * 4 + 3] = alpha;
  });
  return { width: size, height: size, channels: 4, pixels };
}

export function parseHexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [
    Number.parseInt(match[1] ?? '', 16),
    Number.parseInt(match[2] ?? '', 16),
    Number.parseInt(match[3] ?? '', 16),
  ];
}

/** Coverage (0..255) of every pixel of a square canvas, by SAMPLES x SAMPLES supersampling. */
function rasterizeSymbol(size: number, pixelsPerUnit: number): Uint8Array {
  const coverage = new Uint8Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES - size / 2) / pixelsPerUnit - CENTRE_SHIFT;
          const y = (py + (sy + 0.5) / SAMPLES - size / 2) / pixelsPerUnit;
          if (insideSymbol(x, y)) hits++;
        }
      }
      coverage[py * size + px] = Math.round((hits * 255) / (SAMPLES * SAMPLES));
    }
  }
  return coverage;
}

function insideSymbol(x: number, y: number): boolean {
  return Math.hypot(x, y) <= DISK_RADIUS || insideArc(x, y) || insideArrowhead(x, y) || insideRoundEnd(x, y);
}

/** Angles run clockwise from 12 o'clock, in (-pi, pi]; the arc spans ARC_FROM..ARC_TO. */
function insideArc(x: number, y: number): boolean {
  if (Math.abs(Math.hypot(x, y) - RING_RADIUS) > HALF_STROKE) return false;
  let angle = Math.atan2(x, -y);
  if (angle < ARC_FROM) angle += 2 * Math.PI;
  return angle <= ARC_TO;
}

function insideRoundEnd(x: number, y: number): boolean {
  const [ex, ey] = pointOnRing(ARC_TO);
  return Math.hypot(x - ex, y - ey) <= HALF_STROKE;
}

/** A triangle whose base straddles the ring at ARC_FROM, pointing anticlockwise (down, at 9 o'clock). */
function insideArrowhead(x: number, y: number): boolean {
  const [bx, by] = pointOnRing(ARC_FROM);
  const radial: [number, number] = [Math.sin(ARC_FROM), -Math.cos(ARC_FROM)];
  const forward: [number, number] = [-Math.cos(ARC_FROM), -Math.sin(ARC_FROM)];
  const a: [number, number] = [bx + radial[0] * HEAD_HALF_WIDTH, by + radial[1] * HEAD_HALF_WIDTH];
  const b: [number, number] = [bx - radial[0] * HEAD_HALF_WIDTH, by - radial[1] * HEAD_HALF_WIDTH];
  const tip: [number, number] = [bx + forward[0] * HEAD_LENGTH, by + forward[1] * HEAD_LENGTH];
  const d1 = side([x, y], a, b);
  const d2 = side([x, y], b, tip);
  const d3 = side([x, y], tip, a);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

function pointOnRing(angle: number): [number, number] {
  return [RING_RADIUS * Math.sin(angle), -RING_RADIUS * Math.cos(angle)];
}

function side(p: [number, number], a: [number, number], b: [number, number]): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}
