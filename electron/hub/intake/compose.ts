// A report from another system, turned into the engine's incident.report payload: located
// (coordinates as sent, else the address geocoded), titled, and with everything the source
// said that the payload has no field for kept in the description.
import type { Channel, LonLat, Reporter } from '../../../shared/domain';
import type { ReportFacts } from '../../../shared/intake/facts';
import type { CommandInput } from '../../../shared/protocol/commands';
import type { GeocodeCandidate, GeocodeResult } from '../geocode/address-index';

export interface IntakeDraft {
  channel: Channel;
  category: string;
  text: string;
  title?: string | undefined;
  /** WGS-84 already (converted by the caller). */
  location?: LonLat | undefined;
  address?: string | undefined;
  reporter?: Reporter | undefined;
  /** Lines appended to the description: source ids and times, unknown codes. */
  notes: string[];
  /** Media links, service attributes, a CAP alert's facts: kept on the report as data. */
  facts?: ReportFacts | undefined;
}

export interface Locating {
  status: 'located' | 'matched' | 'ambiguous' | 'unresolved';
  candidates: GeocodeCandidate[];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** "振华路 88 号（0.67）" lines an operator picks from. */
function candidateLines(candidates: readonly GeocodeCandidate[]): string {
  return candidates.map((c, i) => `${i + 1}) ${c.text}（${c.score.toFixed(2)}）`).join('；');
}

export function composeReport(draft: IntakeDraft, geocode: (text: string) => GeocodeResult | null): { payload: CommandInput<'incident.report'>; locating: Locating } {
  const notes = [...draft.notes];
  let location = draft.location;
  let address = draft.address ? clip(draft.address, 200) : undefined;
  let locating: Locating = { status: 'located', candidates: [] };
  if (!location && address) {
    const found = geocode(address);
    if (found?.match) {
      if (found.match.text !== address) notes.push(`【原始地址】${address}`);
      location = found.match.location;
      address = found.match.text;
      locating = { status: 'matched', candidates: [found.match] };
    } else {
      const candidates = found?.candidates ?? [];
      locating = { status: candidates.length ? 'ambiguous' : 'unresolved', candidates };
      // Never a silent guess: the seat sees the best candidates and picks.
      notes.push(candidates.length ? `【地址待核实】未能唯一定位，候选：${candidateLines(candidates)}` : '【地址待核实】地址库中未找到，请人工定位。');
    }
  }
  const firstLine = draft.text.split('\n')[0]!.trim();
  const payload: CommandInput<'incident.report'> = {
    channel: draft.channel,
    category: draft.category,
    title: draft.title?.trim() ? clip(draft.title.trim(), 120) : clip(firstLine || draft.text.trim(), 60),
    description: clip([draft.text.trim(), ...notes].join('\n'), 4000),
    ...(location ? { location } : {}),
    ...(address ? { address } : {}),
    ...(draft.reporter && (draft.reporter.name || draft.reporter.phone) ? { reporter: draft.reporter } : {}),
    ...(draft.facts && Object.keys(draft.facts).length ? { facts: draft.facts } : {}),
  };
  return { payload, locating };
}
