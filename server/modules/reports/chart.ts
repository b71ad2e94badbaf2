// The bulletin's chart as a PNG, drawn here without a dependency: an RGB raster, a 5×7 pixel font
// for digits and "%", and the smallest valid PNG (one IDAT, zlib from Node, CRC-32 below).
// Unit names stay out of the picture (no CJK font in a raster): bars are numbered and the
// document lists the numbers with the names right under the chart.
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

export interface Bar {
  /** 0–100 (a rate in %), or null: no data, drawn as an empty slot with a dash. */
  value: number | null;
  colour: Rgb;
}

export const colours = {
  green: [82, 196, 26] as Rgb,
  amber: [250, 173, 20] as Rgb,
  red: [255, 77, 79] as Rgb,
  none: [191, 191, 191] as Rgb,
  axis: [89, 89, 89] as Rgb,
  grid: [230, 230, 230] as Rgb,
  target: [22, 119, 255] as Rgb,
  text: [38, 38, 38] as Rgb,
};

// 5×7 glyphs, one string of 7 rows of 5 bits each.
const GLYPHS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  '%': ['11001', '11010', '00010', '00100', '01000', '01011', '10011'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
};

class Raster {
  readonly px: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = Buffer.alloc(width * height * 3, 255);
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb) {
    for (let j = Math.max(0, y); j < Math.min(this.height, y + h); j++)
      for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) {
        const o = (j * this.width + i) * 3;
        this.px[o] = c[0];
        this.px[o + 1] = c[1];
        this.px[o + 2] = c[2];
      }
  }
  /** Text of digits, '.', '%', '-' at a scale; (x, y) is the top left corner. */
  text(s: string, x: number, y: number, scale: number, c: Rgb) {
    [...s].forEach((ch, k) => {
      const g = GLYPHS[ch];
      if (!g) return;
      g.forEach((row, j) => [...row].forEach((bit, i) => bit === '1' && this.rect(x + (k * 6 + i) * scale, y + j * scale, scale, scale, c)));
    });
  }
  static textWidth(s: string, scale: number) {
    return s.length * 6 * scale - scale;
  }
}

/** A vertical bar chart of rates (0–100 %), numbered 1…n under the bars, with the target as a line. */
export function barChartPng(bars: Bar[], opts: { target?: number | null; width?: number; height?: number } = {}): { png: Buffer; width: number; height: number } {
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  const r = new Raster(width, height);
  const left = 56;
  const right = 16;
  const top = 28;
  const bottom = 36;
  const plotH = height - top - bottom;
  const plotW = width - left - right;
  const yOf = (v: number) => top + plotH - Math.round((Math.max(0, Math.min(100, v)) / 100) * plotH);
  for (const v of [0, 25, 50, 75, 100]) {
    r.rect(left, yOf(v), plotW, 1, colours.grid);
    const label = `${v}%`;
    r.text(label, left - 8 - Raster.textWidth(label, 2), yOf(v) - 7, 2, colours.axis);
  }
  r.rect(left, top, 2, plotH + 1, colours.axis);
  r.rect(left, top + plotH, plotW, 2, colours.axis);
  const n = Math.max(1, bars.length);
  const slot = plotW / n;
  const barW = Math.max(4, Math.min(60, Math.floor(slot * 0.6)));
  bars.forEach((b, i) => {
    const cx = Math.round(left + slot * i + slot / 2);
    if (b.value !== null) {
      const y = yOf(b.value);
      r.rect(cx - Math.floor(barW / 2), y, barW, top + plotH - y, b.colour);
    }
    const shown = b.value === null ? '-' : String(b.value) + '%';
    const scale = Raster.textWidth(shown, 2) <= slot - 2 ? 2 : 1;
    r.text(shown, cx - Math.floor(Raster.textWidth(shown, scale) / 2), (b.value === null ? top + plotH : yOf(b.value)) - 8 * scale - 4, scale, colours.text);
    const num = String(i + 1);
    r.text(num, cx - Math.floor(Raster.textWidth(num, 2) / 2), top + plotH + 10, 2, colours.text);
  });
  if (opts.target !== undefined && opts.target !== null) {
    const y = yOf(opts.target);
    for (let x = left; x < left + plotW; x += 10) r.rect(x, y, 6, 2, colours.target);
  }
  return { png: encodePng(r.width, r.height, r.px), width, height };
}

/** An 8-bit RGB PNG of the raster (filter 0 on every row). */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
