/**
 * Draws the app icons from geometry and writes them as PNG (and one SVG) under web/public/icons.
 * No image tool is needed (ImageMagick is not available everywhere): a tiny PNG encoder over
 * node:zlib, 4×4 supersampling for smooth edges. The output is deterministic, so the committed
 * files only change when this drawing does.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

/** The brand blue (also theme_color in web/vite.config.ts); white on it is 8.9:1. */
const BRAND = [0x0f, 0x4c, 0x81] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

type Point = readonly [number, number];

/** The shield outline in a unit box (0..1), centred at (0.5, 0.5). */
function shieldOutline(): Point[] {
  const points: Point[] = [
    [0.5, 0.15],
    [0.75, 0.24],
    [0.75, 0.5],
  ];
  // Right flank: a quadratic curve from the side down to the point at the bottom.
  const [x0, y0, cx, cy, x1, y1] = [0.75, 0.5, 0.74, 0.73, 0.5, 0.86];
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    const u = 1 - t;
    points.push([
      u * u * x0 + 2 * u * t * cx + t * t * x1,
      u * u * y0 + 2 * u * t * cy + t * t * y1,
    ]);
  }
  // The left half mirrors the right, walked back up.
  const right = points.slice(1, -1).reverse();
  return [...points, ...right.map(([x, y]): Point => [1 - x, y])];
}

const SHIELD = shieldOutline();
const CHECK: readonly Point[] = [
  [0.38, 0.5],
  [0.465, 0.59],
  [0.635, 0.41],
];
const CHECK_HALF_WIDTH = 0.04;

function insidePolygon(x: number, y: number, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as Point;
    const [xj, yj] = poly[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nearPolyline(x: number, y: number, line: readonly Point[], halfWidth: number): boolean {
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1] as Point;
    const [bx, by] = line[i] as Point;
    const t = Math.max(
      0,
      Math.min(
        1,
        ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
      ),
    );
    if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= halfWidth) return true;
  }
  return false;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

interface IconSpec {
  readonly file: string;
  readonly size: number;
  /** Corner radius as a fraction of the size; 0 = full bleed (maskable, Apple touch icon). */
  readonly cornerRadius: number;
  /** Glyph scale around the centre: smaller keeps a maskable icon's glyph in its safe zone. */
  readonly glyphScale: number;
}

/** RGBA pixels, straight (not premultiplied) alpha. */
function draw(spec: IconSpec): Uint8Array {
  const { size, cornerRadius, glyphScale } = spec;
  const samples = 4;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (cornerRadius > 0 && !insideRoundedSquare(x, y, cornerRadius)) continue;
          const gx = 0.5 + (x - 0.5) / glyphScale;
          const gy = 0.5 + (y - 0.5) / glyphScale;
          const isCheck = nearPolyline(gx, gy, CHECK, CHECK_HALF_WIDTH);
          const colour = !isCheck && insidePolygon(gx, gy, SHIELD) ? WHITE : BRAND;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A truecolour-with-alpha PNG: signature, IHDR, one IDAT (filter 0 per row), IEND. */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The same drawing as a scalable favicon for browsers that take SVG. */
function svgIcon(): string {
  const pt = ([x, y]: Point) => `${(x * 100).toFixed(2)} ${(y * 100).toFixed(2)}`;
  const hex = `#${BRAND.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
    `<rect width="100" height="100" rx="22" fill="${hex}"/>`,
    `<path d="M${SHIELD.map(pt).join('L')}Z" fill="#fff"/>`,
    `<path d="M${CHECK.map(pt).join('L')}" fill="none" stroke="${hex}" stroke-width="${CHECK_HALF_WIDTH * 200}" stroke-linecap="round" stroke-linejoin="round"/>`,
    '</svg>',
    '',
  ].join('');
}

const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, cornerRadius: 0.22, glyphScale: 1 },
  { file: 'icon-512.png', size: 512, cornerRadius: 0.22, glyphScale: 1 },
  // Maskable: the platform crops to its own shape; keep the glyph inside the central 80 % circle.
  { file: 'icon-maskable-512.png', size: 512, cornerRadius: 0, glyphScale: 0.8 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon-180.png', size: 180, cornerRadius: 0, glyphScale: 0.9 },
  { file: 'favicon-32.png', size: 32, cornerRadius: 0.22, glyphScale: 1.08 },
];

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'public', 'icons');
mkdirSync(outDir, { recursive: true });
for (const spec of ICONS) {
  writeFileSync(join(outDir, spec.file), encodePng(spec.size, spec.size, draw(spec)));
}
writeFileSync(join(outDir, 'favicon.svg'), svgIcon());
console.log(`wrote ${ICONS.length + 1} icons to ${outDir}`);
