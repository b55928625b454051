import { LiveEvening, type Programme } from '@buurtjury/shared';
import { liveProgramme } from '@buurtjury/shared/testing';
import { forScreen } from './live-notifier.service';

const programme: Programme = liveProgramme({ bidders: ['A'], weights: [100] });

describe('the tally the big screen is sent', () => {
  it('holds the live results only while the screen shows them, and never the recent joins', () => {
    const now = new Date('2026-12-10T19:00:00Z');
    const live = new LiveEvening(programme, { phase: 'live', currentBidderId: null, screenView: 'join', liveResults: false, revealed: 0, startedAt: now, endedAt: null }, []);
    live.addAttendee('p1', 'h1', '', new Date(now.getTime() - 1000));
    live.applyCommitted({ id: 'b1', bidderId: 'A', attendeeId: 'p1', serial: 1, grades: { c1: 4 }, remark: '', receipt: 'R', submittedAt: now });
    const tally = live.tally(1, now.getTime());
    expect(tally.results).toHaveLength(1);
    expect(tally.recentJoins).toHaveLength(1);
    expect(forScreen(tally, false)).not.toHaveProperty('results');
    expect(forScreen(tally, true).results).toEqual(tally.results);
    expect(forScreen(tally, true)).not.toHaveProperty('recentJoins');
    expect(forScreen(tally, false)).not.toHaveProperty('recentJoins');
  });
});
