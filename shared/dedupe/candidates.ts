// What a seat sends while a report is being typed, and what comes back: likely duplicates
// with the numbers that explain them.
import { z } from 'zod';
import { CHANNELS } from '../domain';
import { LonLatSchema } from '../protocol/commands';
import type { DedupeScore } from './score';

export const DedupeDraftSchema = z.strictObject({
  category: z.string().max(64),
  title: z.string().max(120).default(''),
  description: z.string().max(4000).default(''),
  location: LonLatSchema.optional(),
  address: z.string().max(200).optional(),
  phone: z.string().max(32).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Leave out the incident the draft already is (after it was reported). */
  excludeId: z.string().max(64).optional(),
});
export type DedupeDraft = z.output<typeof DedupeDraftSchema>;

export interface DedupeCandidate {
  incidentId: string;
  title: string;
  state: string;
  category: string;
  createdAt: string;
  channels: string[];
  likely: boolean;
  score: DedupeScore;
}

/** The dedupe question a report asks: what it says, where, and who called. */
export function draftOfReport(report: {
  category: string;
  title: string;
  description?: string | undefined;
  location?: { lon: number; lat: number } | undefined;
  address?: string | undefined;
  channel?: (typeof CHANNELS)[number] | undefined;
  reporter?: { phone?: string | undefined } | undefined;
}): DedupeDraft {
  return {
    category: report.category,
    title: report.title,
    description: report.description ?? '',
    ...(report.location ? { location: report.location } : {}),
    ...(report.address ? { address: report.address } : {}),
    ...(report.channel ? { channel: report.channel } : {}),
    ...(report.reporter?.phone ? { phone: report.reporter.phone } : {}),
  };
}
