import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  /** 2 RGB, 6 RGBA (the only ones decoded: what Teams icons use). */
  colorType: number;
  interlaced: boolean;
  channels: number;
  /** Unfiltered samples, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = '89504e470d0a1a0a';
const CHANNELS: Record<number, number> = { 2: 3, 6: 4 };

/** Decodes a non-interlaced 8-bit RGB or RGBA PNG, checking every chunk's CRC; throws on anything else. */
export function readPng(bytes: Uint8Array): DecodedPng {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG (bad signature)');
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.subarray(at + 4, at + 8).toString('latin1');
    const body = data.subarray(at + 8, at + 8 + length);
    if (crc32(data.subarray(at + 4, at + 8 + length)) !== data.readUInt32BE(at + 8 + length)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') break;
    at += length + 12;
  }
  if (!header) throw new Error('PNG without IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header.readUInt8(8);
  const colorType = header.readUInt8(9);
  const interlaced = header.readUInt8(12) !== 0;
  const channels = CHANNELS[colorType];
  if (channels === undefined || bitDepth !== 8 || interlaced) {
    throw new Error(
      `PNG not decoded here: colour type ${colorType}, depth ${bitDepth}, interlaced ${interlaced}`,
    );
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error('PNG image data has the wrong length');
  const pixels = new Uint8Array(stride * height);
  const at = (i: number) => (i < 0 ? 0 : (pixels[i] ?? 0));
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const left = x >= channels ? at(i - channels) : 0;
      const up = y > 0 ? at(i - stride) : 0;
      const upLeft = x >= channels && y > 0 ? at(i - stride - channels) : 0;
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      pixels[i] = (value + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, interlaced, channels, pixels };
}

function predict(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`PNG row filter ${filter} is not a PNG filter`);
  }
}

/** Indexes of the pixels that are neither fully transparent nor white (an outline icon has none). */
export function nonWhitePixels(image: DecodedPng): number[] {
  if (image.channels !== 4) throw new Error('an outline icon needs an alpha channel');
  const found: number[] = [];
  for (let i = 0; i < image.width * image.height; i++) {
    const [r, g, b, a] = image.pixels.subarray(i * 4, i * 4 + 4);
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) found.push(i);
  }
  return found;
}
