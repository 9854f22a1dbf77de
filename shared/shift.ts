// Shift and handover: who commands now, and the sheet two commanders sign between shifts.
import type { IncidentState } from './domain';
import type { HeadDigest } from './journal/checkpoint';

export interface HandoverSheet {
  id: string;
  outgoingId: string;
  incomingId: string;
  createdAt: string;
  notes: string;
  watchList: string[];
  openByState: Partial<Record<IncidentState, number>>;
  /** P1–P2 incidents waiting for a commander: dispatch or closure acceptance. */
  pendingApprovals: string[];
  overdue: string[];
  signedOutAt: string;
  signedInAt: string | null;
  /**
   * The journal's head as signed right after this sheet was written (the `journal.checkpointed`
   * entry of the handover). Absent on sheets from before checkpoints, or from a hub without a key.
   */
  checkpoint?: HeadDigest;
}

export interface OnDuty {
  commanderId: string;
  since: string;
  handoverId: string | null;
}
