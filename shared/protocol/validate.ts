import type { z } from 'zod';
import { dutyError, type DutyError } from '../errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: DutyError };

/** Parses with a schema and turns the first issue into a DutyError naming its path. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, root = ''): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const segments = [...(root ? [root] : []), ...(issue?.path ?? []).map(String)];
  const path = segments.join('.');
  const where = path ? `${path}: ` : '';
  return { ok: false, error: dutyError('invalid', `${where}${issue?.message ?? 'invalid input'}`, path || undefined) };
}
