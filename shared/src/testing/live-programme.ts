import type { Programme } from '../live/types';
import { numericScale } from '../logic/scale';

/**
 * A small evening's programme for the live rules' tests: bidders A, B, … (10 minutes' pitch, 5 of
 * questions), criteria c1, c2, … with the given weights, a 1–5 scale, open access.
 */
export function liveProgramme({ bidders = ['A', 'B', 'C'], weights = [50, 50], presenceRule = true, presenceGraceMinutes = 5 }: { bidders?: string[]; weights?: number[]; presenceRule?: boolean; presenceGraceMinutes?: number } = {}): Programme {
  return {
    eveningId: 'e1',
    title: 'Avond',
    joinCode: 'ABCDEF',
    language: 'nl',
    venue: '',
    tenderName: 'T',
    municipality: 'M',
    bidders: bidders.map((id, i) => ({ id, position: i + 1, name: id, pitchTitle: '', pitchSummary: '', pitchMinutes: 10, qaMinutes: 5 })),
    criteria: weights.map((weight, i) => ({ id: `c${i + 1}`, position: i + 1, name: `C${i + 1}`, explanation: '', weight, levelDescriptors: {} })),
    scale: numericScale(1, 5),
    fingerprint: 'f',
    rules: { accessMode: 'open', presenceRule, presenceGraceMinutes },
  };
}
