/**
 * Draws the Teams app icons (a shield) with pngjs, so they can be regenerated
 * without an image editor: `npx tsx scripts/make-icons.ts`.
 * Teams wants a 192x192 full-colour icon and a 32x32 outline icon that is white
 * on a transparent background.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ACCENT = { r: 0x1f, g: 0x4e, b: 0x79 };
const WHITE = { r: 0xff, g: 0xff, b: 0xff };
const SUPERSAMPLE = 4;

/** Half the shield's width at height v (both in 0..1 of the icon), 0 outside the shield. */
function shieldHalfWidth(v: number, top: number, bottom: number, half: number): number {
  if (v < top || v > bottom) return 0;
  const shoulder = top + (bottom - top) * 0.45;
  if (v <= shoulder) return half;
  // cos gives curved flanks that meet in a point, the classic heater shield
  const t = (v - shoulder) / (bottom - shoulder);
  return half * Math.cos((t * Math.PI) / 2);
}

function insideShield(u: number, v: number, inset: number): boolean {
  return Math.abs(u - 0.5) < shieldHalfWidth(v, 0.12 + inset, 0.9 - inset * 1.6, 0.36 - inset);
}

/** Fraction (0..1) of a pixel covered by the shape, by supersampling. */
function coverage(x: number, y: number, size: number, inShape: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const u = (x + (sx + 0.5) / SUPERSAMPLE) / size;
      const v = (y + (sy + 0.5) / SUPERSAMPLE) / size;
      if (inShape(u, v)) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

export function drawColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, (u, v) => insideShield(u, v, 0));
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(ACCENT.r + (WHITE.r - ACCENT.r) * c);
      png.data[i + 1] = Math.round(ACCENT.g + (WHITE.g - ACCENT.g) * c);
      png.data[i + 2] = Math.round(ACCENT.b + (WHITE.b - ACCENT.b) * c);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

export function drawOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  const stroke = 2.2 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, (u, v) => insideShield(u, v, 0) && !insideShield(u, v, stroke));
      const i = (y * size + x) * 4;
      png.data[i] = WHITE.r;
      png.data[i + 1] = WHITE.g;
      png.data[i + 2] = WHITE.b;
      png.data[i + 3] = Math.round(255 * c);
    }
  }
  return png;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  console.info('appPackage/color.png en appPackage/outline.png geschreven');
}
