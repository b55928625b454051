import { canonicalFrame, frameFingerprint, type EveningFrame } from './frame';

const setupCanonical = '{"bidders":[{"name":"Stichting Wijkkracht","position":1}],"criteria":[{"name":"Plan","weight":100}],"format":"buurtjury-setup","version":1}';
const frame = (rules: EveningFrame['rules']): EveningFrame => ({
  eveningId: '00000000-0000-4000-8000-000000000001',
  title: 'Idols-avond',
  date: '2026-12-10',
  startTime: '19:30',
  venue: 'Buurthuis',
  language: 'nl',
  rules,
  setupCanonical,
});

describe('the frame and the presence rule grace', () => {
  it('keeps the fingerprint of an evening without a grace exactly as the frame before the grace computed it', () => {
    // 885534c0…: computed with frame.ts as it was before the grace existed (commit fc6ce35), for the same evening.
    const old = frame({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: 0 });
    expect(frameFingerprint(old)).toBe('885534c0175573be6080465ea25ec974e1b74536306db63d9ef772e960b44c69');
    expect(canonicalFrame(old)).toContain('"rules":{"accessMode":"open","presenceRule":true}');
  });

  it('states a grace in the frame, so a different grace gives a different fingerprint', () => {
    const five = frame({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: 5 });
    expect(canonicalFrame(five)).toContain('"rules":{"accessMode":"open","presenceGraceMinutes":5,"presenceRule":true}');
    const fingerprints = new Set([0, 1, 5, 30].map((m) => frameFingerprint(frame({ accessMode: 'open', presenceRule: true, presenceGraceMinutes: m }))));
    expect(fingerprints.size).toBe(4);
  });
});
