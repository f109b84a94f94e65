import { crc32, deflateSync } from 'node:zlib';

/** An 8-bit image, row by row: RGB (3 channels, opaque) or RGBA (4 channels). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Uint8Array;
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A minimal PNG: IHDR, one IDAT (every row with filter 0) and IEND; colour type 2 (RGB) or 6 (RGBA). */
export function encodePng(image: RasterImage): Uint8Array {
  const { width, height, channels, pixels } = image;
  const stride = width * channels;
  if (pixels.length !== stride * height) {
    throw new Error(`encodePng: ${pixels.length} bytes for a ${width}x${height}x${channels} image`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++)
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
