// The town: time to build the demo town, time to import it (parse, check, write), and the
// region lookup rate (point → grid → the regions above it). Target ≥ 200,000 lookups/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { polygonBBox } from '../shared/geo/polygon';
import { RegionIndex } from '../shared/geo/region-index';
import { Store } from '../electron/hub/store/store';
import { readTownFiles } from '../electron/hub/town/folder';
import { generateTown } from '../electron/hub/town/generate';
import { Random } from '../electron/hub/town/random';
import { serializeTown } from '../electron/hub/town/serialize';
import type { BenchResult } from './support/result';

const TARGET_LOOKUPS = 200_000;

export async function townBench(lookups = 2_000_000): Promise<BenchResult> {
  let t = performance.now();
  const town = generateTown(1);
  const buildMs = performance.now() - t;

  const files = serializeTown(town);
  const dir = mkdtempSync(join(tmpdir(), 'dutydeck-bench-town-'));
  const store = new Store(join(dir, 'dutydeck.sqlite'));
  let parseMs = 0;
  let writeMs = 0;
  try {
    t = performance.now();
    const read = readTownFiles(files, 'wgs84');
    parseMs = performance.now() - t;
    if (!read.ok) throw new Error(`the demo town does not import: ${JSON.stringify(read.issues.slice(0, 3))}`);
    t = performance.now();
    store.write.importTown(read.town, 'bench', 'wgs84', { userId: 'bench', role: 'system' });
    writeMs = performance.now() - t;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const index = new RegionIndex(town.regions);
  const box = polygonBBox(town.regions.find((r) => r.level === 'command')!.polygon);
  const rng = new Random(7);
  const points = new Float64Array(2 * 65_536);
  for (let i = 0; i < points.length; i += 2) {
    points[i] = rng.range(box.minLon, box.maxLon);
    points[i + 1] = rng.range(box.minLat, box.maxLat);
  }
  let found = 0;
  for (let i = 0; i < 200_000; i++) if (index.locate(points[(2 * i) & 0x1fffe]!, points[((2 * i) & 0x1fffe) + 1]!)) found++; // warm-up
  found = 0;
  t = performance.now();
  for (let i = 0; i < lookups; i++) {
    const k = (2 * i) & 0x1fffe;
    if (index.locate(points[k]!, points[k + 1]!)) found++;
  }
  const lookupS = (performance.now() - t) / 1000;
  const rate = lookups / lookupS;

  return {
    name: 'Demo town: build, import, region lookups',
    figures: {
      'build the demo town (ms)': Math.round(buildMs),
      'import: parse + check files (ms)': Math.round(parseMs),
      'import: write rows + journal (ms)': Math.round(writeMs),
      'import total (ms)': Math.round(parseMs + writeMs),
      'regions / addresses / places': `${town.regions.length} / ${town.addresses.length} / ${town.places.length}`,
      'region lookups per second': Math.round(rate),
      'lookups inside the town (%)': Math.round((100 * found) / lookups),
    },
    target: `≥ ${TARGET_LOOKUPS.toLocaleString('en')} region lookups/s (point → grid → the regions above it)`,
    pass: rate >= TARGET_LOOKUPS,
  };
}
