// Draws the app's icons (the favicon's sun and cloud on the accent colour) as PNG files in
// public/icons/, without any image library: shapes are sampled 4x4 per pixel for smooth
// edges and written with node:zlib. Run `node scripts/gen-icons.mjs` after changing a shape
// or a colour; the PNG files are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BACKGROUND = [0x1a, 0x5b, 0xb8];
const SUN = [0xf5, 0xb3, 0x01];
const CLOUD = [0xf3, 0xf5, 0xf9];
const SAMPLES = 4;

// The favicon's 64-unit drawing: a sun behind a cloud made of circles and a box.
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inSun = (x, y) => inCircle(x, y, 26, 26, 14);
const inCloud = (x, y) =>
  inCircle(x, y, 48, 42, 10) ||
  inCircle(x, y, 34, 37, 13) ||
  inCircle(x, y, 21, 44, 8) ||
  (x >= 21 && x <= 48 && y >= 40 && y <= 52);

/** Colour (RGBA) of one point of the icon in 0..1 coordinates. */
function shade(u, v, { content, rounded }) {
  if (rounded) {
    // A rounded square (radius 18 % of the side) with transparent corners.
    const r = 0.18;
    const cx = Math.min(Math.max(u, r), 1 - r);
    const cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
  }
  // The drawing (64 units, its shapes between x 12..58 and y 12..52) fills `content` of the side.
  const x = 35 + (u - 0.5) * (64 / content) * 0.72;
  const y = 32 + (v - 0.5) * (64 / content) * 0.72;
  if (inCloud(x, y)) return [...CLOUD, 255];
  if (inSun(x, y)) return [...SUN, 255];
  return [...BACKGROUND, 255];
}

function render(size, options) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = (px + (sx + 0.5) / SAMPLES) / size;
          const v = (py + (sy + 0.5) / SAMPLES) / size;
          const [r, g, b, a] = shade(u, v, options);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / SAMPLES ** 2;
      const offset = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[offset + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      row[offset + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  { file: 'icon-192.png', size: 192, content: 0.8, rounded: true },
  { file: 'icon-512.png', size: 512, content: 0.8, rounded: true },
  // Maskable: full bleed, the drawing inside the central safe zone (a circle of 80 %).
  { file: 'icon-maskable-512.png', size: 512, content: 0.56, rounded: false },
  { file: 'apple-touch-icon-180.png', size: 180, content: 0.7, rounded: false },
];

mkdirSync(OUT, { recursive: true });
for (const { file, size, ...options } of ICONS) {
  writeFileSync(join(OUT, file), render(size, options));
  console.log(`${file} (${size}x${size})`);
}
