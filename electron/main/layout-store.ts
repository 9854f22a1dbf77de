// The window layout the user chose (which display, which bounds), kept in a JSON file in
// the user data dir. A file we cannot read or trust is ignored with a warning: a bad
// layout must never stop the duty room's windows from opening.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { WINDOW_KINDS } from '../../shared/windows';
import { EMPTY_LAYOUT, type SavedLayout } from './window-plan';

export const LAYOUT_FILE = 'window-layout.json';

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const SavedPlacementSchema = z.object({
  displayId: z.number(),
  bounds: RectSchema.optional(),
});

/** Version 1 of the file; a later version the code does not know is ignored, not guessed. */
export const SavedLayoutFileSchema = z.object({
  version: z.literal(1),
  windows: z.partialRecord(z.enum(WINDOW_KINDS), SavedPlacementSchema),
});

export async function readLayout(file: string, warn: (line: string) => void = console.warn): Promise<SavedLayout> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warn(`Window layout ${file} unreadable, using the default layout: ${String(err)}`);
    return EMPTY_LAYOUT;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    warn(`Window layout ${file} is not valid JSON; using the default layout.`);
    return EMPTY_LAYOUT;
  }
  const parsed = SavedLayoutFileSchema.safeParse(json);
  if (!parsed.success) {
    warn(`Window layout ${file} has an unexpected shape; using the default layout. (${parsed.error.issues[0]?.message ?? ''})`);
    return EMPTY_LAYOUT;
  }
  return { windows: parsed.data.windows };
}

/** Writes through a temporary file and a rename, so a crash mid-write leaves the old file. */
export async function writeLayout(file: string, layout: SavedLayout): Promise<void> {
  const data = SavedLayoutFileSchema.parse({ version: 1, windows: layout.windows });
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}
