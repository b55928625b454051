import { presentFor, scorableFrom, seededRandom, type EveningRules, type Programme } from '../index';
import { liveProgramme } from '../testing/live-programme';
import { LiveEvening, type CommittedBallot } from './live-evening';

const programme = (): Programme => liveProgramme();
const fresh = (rules: Partial<EveningRules> = {}) =>
  new LiveEvening(
    { ...programme(), rules: { ...programme().rules, ...rules } },
    { phase: 'before', currentBidderId: null, screenView: 'join', liveResults: false, revealed: 0, startedAt: null, endedAt: null },
    [],
  );
const now = new Date('2026-12-10T19:00:00Z');
const before = new Date('2026-12-10T18:55:00Z');
let serial = 0;
const ballot = (attendeeId: string, bidderId: string, grade: number): CommittedBallot => ({
  id: `b${++serial}`,
  bidderId,
  attendeeId,
  serial,
  grades: { c1: grade, c2: grade },
  remark: '',
  receipt: 'R',
  submittedAt: now,
});

describe('LiveEvening host commands', () => {
  it('starts the evening with the first pitch and moves on through the running order', () => {
    const live = fresh();
    const first = live.apply({ type: 'next-pitch' }, now);
    expect(first.ok && first.transition.log.map((l) => l.type)).toEqual(['evening-started', 'pitch-started', 'screen-changed']);
    expect(live.liveState(now)).toMatchObject({ phase: 'live', currentBidderId: 'A' });
    live.apply({ type: 'next-pitch' }, now);
    expect(live.pitches.get('A')!.status).toBe('done');
    expect(live.pitches.get('B')!.status).toBe('presenting');
  });

  it('shows the started pitch on the big screen: the first Start leaves the join QR, and every next pitch follows', () => {
    const live = fresh();
    expect(live.liveState(now).screen).toEqual({ view: 'join', liveResults: false });
    const first = live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    expect(live.liveState(now).screen.view).toBe('pitch');
    expect(first.ok && first.transition.log.filter((l) => l.type === 'screen-changed')).toEqual([{ type: 'screen-changed', detail: { view: 'pitch', followsStart: true } }]);
    // Already on the pitch: the next Start changes nothing on the screen and logs no change.
    const second = live.apply({ type: 'next-pitch' }, now);
    expect(live.liveState(now).screen.view).toBe('pitch');
    expect(second.ok && second.transition.log.map((l) => l.type)).toEqual(['pitch-started']);
    // The host put the join QR back up between pitches: the next Start follows again.
    live.apply({ type: 'set-screen', view: 'join' }, now);
    live.apply({ type: 'next-pitch' }, now);
    expect(live.liveState(now).screen.view).toBe('pitch');
  });

  it('keeps a view the host chose for the room (turnout, interim results) when a pitch starts', () => {
    for (const view of ['turnout', 'results'] as const) {
      const live = fresh();
      live.apply({ type: 'set-screen', view }, now);
      const started = live.apply({ type: 'next-pitch' }, now);
      expect(live.liveState(now).screen.view).toBe(view);
      expect(started.ok && started.transition.log.map((l) => l.type)).toEqual(['evening-started', 'pitch-started']);
    }
  });

  it('has one control for the interim results: the screen gets them exactly while it shows the results view', () => {
    const live = fresh();
    live.apply({ type: 'next-pitch' }, now);
    const shown = live.apply({ type: 'set-screen', view: 'results' }, now);
    expect(live.liveState(now).screen).toEqual({ view: 'results', liveResults: true });
    expect(shown.ok && shown.transition.log).toEqual([
      { type: 'screen-changed', detail: { view: 'results' } },
      { type: 'live-results', detail: { on: true } },
    ]);
    const hidden = live.apply({ type: 'set-screen', view: 'turnout' }, now);
    expect(live.liveState(now).screen).toEqual({ view: 'turnout', liveResults: false });
    expect(hidden.ok && hidden.transition.log.map((l) => l.type)).toEqual(['screen-changed', 'live-results']);
    // The older command for API clients keeps the same rule.
    live.apply({ type: 'set-live-results', on: true }, now);
    expect(live.liveState(now).screen).toEqual({ view: 'results', liveResults: true });
    live.apply({ type: 'set-live-results', on: false }, now);
    expect(live.liveState(now).screen).toEqual({ view: 'pitch', liveResults: false });
  });

  it("refuses a command with a reason and the bidder's name, for the console to say in its own language", () => {
    const live = fresh();
    expect(live.apply({ type: 'open-scoring', bidderId: 'B' }, now)).toEqual({
      ok: false,
      error: { code: 'INVALID_COMMAND', reason: 'command.pitchNotStarted', params: { bidder: 'B' }, message: 'Start the pitch of B before opening scoring for it.' },
    });
    expect(live.apply({ type: 'reveal-next' }, now)).toMatchObject({ ok: false, error: { reason: 'command.revealBeforeEnd' } });
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    expect(live.apply({ type: 'skip-pitch', bidderId: 'A' }, now)).toMatchObject({ ok: false, error: { reason: 'command.skipOnlyWaiting', params: { bidder: 'A' } } });
    live.apply({ type: 'end-evening' }, now);
    expect(live.apply({ type: 'next-pitch' }, now)).toMatchObject({ ok: false, error: { reason: 'command.eveningEnded' } });
  });

  it('opens scoring only for a pitch that has started, and closes it automatically when asked', () => {
    const live = fresh();
    expect(live.apply({ type: 'open-scoring', bidderId: 'A' }, now)).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    const opened = live.apply({ type: 'open-scoring', bidderId: 'A', autoCloseMinutes: 3 }, now);
    expect(opened.ok && opened.transition.timers).toEqual(['A']);
    expect(live.pitches.get('A')!.scoringClosesAt?.toISOString()).toBe('2026-12-10T19:03:00.000Z');
  });

  it('keeps scoring open into the next pitch unless the host closes it with the start', () => {
    const live = fresh();
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    live.apply({ type: 'next-pitch' }, now);
    expect(live.pitches.get('A')!.scoring).toBe('open');
    const next = live.apply({ type: 'next-pitch', closeOpenScoring: true }, now);
    expect(next.ok && next.transition.closed).toEqual(['A']);
    expect(live.pitches.get('A')!.scoring).toBe('closed');
  });

  it('reopens closed scoring only with a reason, logging it; a repeated close changes nothing', () => {
    const live = fresh();
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    live.apply({ type: 'close-scoring', bidderId: 'A' }, now);
    const again = live.apply({ type: 'close-scoring', bidderId: 'A' }, now);
    expect(again.ok && again.transition.log).toEqual([]);
    expect(live.apply({ type: 'open-scoring', bidderId: 'A' }, now)).toMatchObject({ ok: false });
    const reopened = live.apply({ type: 'reopen-scoring', bidderId: 'A', reason: 'Te vroeg gesloten' }, now);
    expect(reopened.ok && reopened.transition.log).toEqual([{ type: 'scoring-reopened', detail: { bidderId: 'A', reason: 'Te vroeg gesloten' } }]);
  });

  it('skips only waiting pitches and can start a skipped one later', () => {
    const live = fresh();
    expect(live.apply({ type: 'skip-pitch', bidderId: 'B' }, now).ok).toBe(true);
    live.apply({ type: 'next-pitch' }, now);
    live.apply({ type: 'next-pitch' }, now);
    expect(live.evening.currentBidderId).toBe('C');
    expect(live.apply({ type: 'skip-pitch', bidderId: 'C' }, now).ok).toBe(false);
    expect(live.apply({ type: 'start-pitch', bidderId: 'B' }, now).ok).toBe(true);
    expect(live.apply({ type: 'next-pitch' }, now)).toMatchObject({ ok: false, error: { message: 'Every pitch has been given or skipped.' } });
  });

  it('ends the evening by closing all scoring, and only then reveals, last place first', () => {
    const live = fresh();
    live.addAttendee('p1', 'h1', '', before);
    live.addAttendee('p2', 'h2', '', before);
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    live.apply({ type: 'start-pitch', bidderId: 'B' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'B' }, now);
    live.applyCommitted(ballot('p1', 'A', 5));
    live.applyCommitted(ballot('p2', 'A', 4));
    live.applyCommitted(ballot('p1', 'B', 2));
    expect(live.apply({ type: 'reveal-next' }, now)).toMatchObject({ ok: false });
    const end = live.apply({ type: 'end-evening' }, now);
    expect(end.ok && end.transition.closed.sort()).toEqual(['A', 'B']);
    expect(live.refusal('p2', 'B')).toMatchObject({ code: 'EVENING_ENDED' });
    live.apply({ type: 'reveal-next' }, now);
    expect(live.reveal()).toEqual({ total: 2, places: [{ place: 2, bidderId: 'B', majorityGrade: 2, majorityLevel: 2, tied: false, overallGrades: 1 }] });
    live.apply({ type: 'reveal-next' }, now);
    expect(live.reveal()!.places.map((p) => p.bidderId)).toEqual(['B', 'A']);
    expect(live.apply({ type: 'reveal-next' }, now)).toMatchObject({ ok: false });
  });

  it('reveals the order of majority judgment, the advice\'s primary method, also where the mean disagrees', () => {
    // A: 5 5 1 1 1 (majority grade 1, mean 2.6); B: 2 2 2 2 2 (majority grade 2, mean 2). The
    // mean would crown A; the advice, and so the reveal, puts B first.
    const live = fresh();
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    live.apply({ type: 'start-pitch', bidderId: 'B' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'B' }, now);
    [5, 5, 1, 1, 1].forEach((g, i) => {
      live.addAttendee(`p${i}`, `h${i}`, '', before);
      live.applyCommitted(ballot(`p${i}`, 'A', g));
      live.applyCommitted(ballot(`p${i}`, 'B', 2));
    });
    live.apply({ type: 'end-evening' }, now);
    live.apply({ type: 'reveal-next' }, now);
    live.apply({ type: 'reveal-next' }, now);
    expect(live.reveal()!.places.map((p) => [p.place, p.bidderId])).toEqual([
      [2, 'A'],
      [1, 'B'],
    ]);
  });

  it('has no place to reveal for a pitch without ballots, and refuses a reveal when nobody has an overall grade', () => {
    const live = fresh();
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'end-evening' }, now);
    expect(live.apply({ type: 'reveal-next' }, now)).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND', message: expect.stringMatching(/no ranking to reveal/) } });
  });
});

describe('LiveEvening ballots and tallies', () => {
  it('counts only the latest ballot per attendee and pitch, and leaves out tied attendees', () => {
    const live = fresh();
    live.addAttendee('p1', 'h1', '', before);
    live.addAttendee('p2', 'h2', '', before);
    const older = ballot('p1', 'A', 1);
    const newer = ballot('p1', 'A', 5);
    live.applyCommitted(newer);
    live.applyCommitted(older); // arrives late: must not replace the newer one
    live.applyCommitted(ballot('p2', 'A', 3));
    live.attendees.get('p2')!.ties.add('A');
    const tally = live.tally(2);
    expect(tally.pitches[0]).toMatchObject({ ballots: 1, excludedForTies: 1, tiesDeclared: 1, perCriterion: { c1: 1, c2: 1 } });
    expect(tally.results[0]).toMatchObject({ ballots: 1, majorityGrade: 5, place: 1, weightedMean: 5 });
    expect(live.results()).toEqual(tally.results);
    expect(live.self('p1').ballots.map((b) => b.ballotId)).toEqual([newer.id]);
  });
});

describe('LiveEvening presence rule and paper cards', () => {
  const later = new Date('2026-12-10T19:20:00Z');
  const at = (minutes: number, ms = 0) => new Date(now.getTime() + minutes * 60_000 + ms);

  it('with a grace of 5 minutes: a phone there before the start or joining up to 5 minutes after it scores the pitch, a later one from the next pitch on', () => {
    const live = fresh();
    live.addAttendee('early', 'h1', '', before);
    live.addAttendee('inGrace', 'h2', '', at(5)); // exactly at the end of the grace
    live.addAttendee('late', 'h3', '', at(5, 1));
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    expect(live.refusal('early', 'A')).toBeNull();
    expect(live.refusal('inGrace', 'A')).toBeNull();
    expect(live.refusal('late', 'A')).toEqual({
      code: 'NOT_PRESENT',
      reason: 'notPresentGrace',
      params: { minutes: 5 },
      message: 'You joined more than 5 min after this pitch started, so you cannot score it. You can score the pitches that start after you joined.',
    });
    // What each phone is told: the pitches it missed, and from which pitch on it scores.
    expect(live.self('early').missed).toEqual([]);
    expect(live.self('inGrace').missed).toEqual([]);
    expect(live.self('late').missed).toEqual(['A']);
    const order = live.liveState(now).pitches.map((p, i) => ({ ...p, position: i + 1 }));
    expect(scorableFrom(order, new Set(live.self('late').missed))).toMatchObject({ bidderId: 'B', position: 2 });
    live.apply({ type: 'start-pitch', bidderId: 'B' }, later);
    live.apply({ type: 'open-scoring', bidderId: 'B' }, later);
    expect(live.refusal('late', 'B')).toBeNull();
    expect(live.self('late').missed).toEqual(['A']);
  });

  it('with a grace of 0: only phones there at the start score the pitch (the rule of evenings from before the grace)', () => {
    const live = fresh({ presenceGraceMinutes: 0 });
    live.addAttendee('atStart', 'h1', '', now);
    live.addAttendee('late', 'h2', '', at(0, 1));
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    expect(live.refusal('atStart', 'A')).toBeNull();
    expect(live.refusal('late', 'A')).toMatchObject({ code: 'NOT_PRESENT', reason: 'notPresent', message: expect.stringMatching(/joined after this pitch started/) });
    expect(live.refusal('late', 'A')).not.toHaveProperty('params');
    expect(live.self('late').missed).toEqual(['A']);
  });

  it('admits late joiners when the organisers turned the presence rule off, whatever the grace', () => {
    const live = fresh({ presenceRule: false, presenceGraceMinutes: 0 });
    live.addAttendee('late', 'h2', '', later);
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    expect(live.refusal('late', 'A')).toBeNull();
    expect(live.self('late').missed).toEqual([]);
    expect(live.tally(1, later.getTime()).pitches.map((p) => p.eligible)).toEqual([1, 1, 1]);
  });

  it('counts as eligible per pitch only the phones that may score it: not tied, and present by the rule', () => {
    const live = fresh();
    live.addAttendee('early', 'h1', '', before);
    live.addAttendee('tiedToA', 'h2', '', before);
    live.addAttendee('inGrace', 'h3', '', at(3));
    live.addAttendee('late', 'h4', '', at(8));
    live.attendees.get('tiedToA')!.ties.add('A');
    live.attendees.get('late')!.ties.add('C');
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    live.applyCommitted(ballot('early', 'A', 4));
    let tally = live.tally(4, at(9).getTime());
    // A: early and inGrace (tiedToA is tied, late came after the grace). B and C have not started:
    // every phone that is not tied may score them.
    expect(tally.pitches.map((p) => [p.bidderId, p.ballots, p.eligible])).toEqual([
      ['A', 1, 2],
      ['B', 0, 4],
      ['C', 0, 3],
    ]);
    // A tied phone that joined after the grace is not taken off twice.
    live.attendees.get('late')!.ties.add('A');
    expect(live.tally(4, at(9).getTime()).pitches[0]!.eligible).toBe(2);
    live.apply({ type: 'start-pitch', bidderId: 'B' }, later);
    live.addAttendee('afterB', 'h5', '', new Date(later.getTime() + 6 * 60_000));
    tally = live.tally(5, later.getTime() + 7 * 60_000);
    expect(tally.pitches.map((p) => p.eligible)).toEqual([2, 4, 4]);
  });

  it('counts one voter who is tied to every bidder as no eligible phone anywhere: 0 of 0, not 0 of 1', () => {
    const live = fresh();
    live.addAttendee('only', 'h1', '', before);
    for (const id of ['A', 'B', 'C']) live.attendees.get('only')!.ties.add(id);
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    expect(live.tally(1, now.getTime()).pitches.map((p) => [p.ballots, p.eligible, p.tiesDeclared])).toEqual([
      [0, 0, 1],
      [0, 0, 1],
      [0, 0, 1],
    ]);
  });

  it('counts eligible phones as a check of every phone against the rule would, for any mix of joins, ties and starts', () => {
    const random = seededRandom('eligible');
    const u = () => random.nextUint32() / 4294967296;
    for (let round = 0; round < 40; round++) {
      const grace = Math.floor(u() * 4);
      const live = fresh({ presenceGraceMinutes: grace, presenceRule: u() < 0.8 });
      const ids = ['A', 'B', 'C'];
      const starts = ids.map((_, i) => (u() < 0.75 ? at(i * 10 + Math.floor(u() * 3)) : null));
      for (let i = 0; i < 30; i++) {
        const a = live.addAttendee(`p${i}`, `h${i}`, '', at(Math.floor(u() * 40) - 5, Math.floor(u() * 3) * 30_000));
        for (const id of ids) if (u() < 0.15) a.ties.add(id);
      }
      ids.forEach((id, i) => {
        if (starts[i]) live.apply({ type: 'start-pitch', bidderId: id }, starts[i]!);
      });
      const rules = live.programme.rules;
      const expected = ids.map(
        (id) =>
          [...live.attendees.values()].filter((a) => !a.ties.has(id) && presentFor(a.joinedAt.getTime(), live.pitches.get(id)!.startedAt?.getTime() ?? null, rules)).length,
      );
      expect(live.tally(30, at(60).getTime()).pitches.map((p) => p.eligible)).toEqual(expected);
    }
  });

  it('lists for the host the phones that joined in the last two minutes, per second', () => {
    const live = fresh();
    live.addAttendee('old', 'h0', '', at(-3));
    live.addAttendee('p1', 'h1', '', at(-1, 200));
    live.addAttendee('p2', 'h2', '', at(-1, 700));
    live.addAttendee('p3', 'h3', '', at(0, -10_000));
    const tally = live.tally(3, now.getTime());
    expect(tally.recentJoins).toEqual([
      { at: '2026-12-10T18:59:00.000Z', count: 2 },
      { at: '2026-12-10T18:59:50.000Z', count: 1 },
    ]);
  });

  it('counts agreed paper cards in the tally and results, apart from the phones', () => {
    const live = fresh();
    live.addAttendee('p1', 'h1', '', before);
    live.applyCommitted(ballot('p1', 'A', 5));
    live.setPaper([
      { bidderId: 'A', grades: { c1: 1, c2: 1 } },
      { bidderId: 'A', grades: { c1: 3, c2: 3 } },
    ]);
    const tally = live.tally(1);
    expect(tally.pitches[0]).toMatchObject({ bidderId: 'A', ballots: 1, paper: 2 });
    expect(tally.results.find((r) => r.bidderId === 'A')).toMatchObject({ ballots: 3, majorityGrade: 3, weightedMean: 3 });
    expect(live.countedFor('A')).toBe(3);
    expect(live.phoneCountedFor('A')).toBe(1);
  });

  it('moves a voter to a new phone: the old token stops working, the ballots stay theirs but their contents stay off the new phone', () => {
    const live = fresh();
    live.addAttendee('p1', 'old', '', before);
    live.applyCommitted(ballot('p1', 'A', 4));
    expect(live.self('p1')).toMatchObject({ ballots: [{ bidderId: 'A', grades: { c1: 4 } }], scoredElsewhere: [] });
    expect(live.releasePhone('p1')).toBe('old');
    expect(live.attendeeByTokenHash.has('old')).toBe(false);
    expect(live.phoneRefusal('p1', 'old')).toMatchObject({ code: 'TICKET_RELEASED' });
    live.rebindAttendee('p1', 'new', serial + 1);
    expect(live.attendeeByTokenHash.get('new')).toBe('p1');
    expect(live.phoneRefusal('p1', 'new')).toBeNull();
    expect(live.phoneRefusal('p1', 'old')).toMatchObject({ code: 'TICKET_RELEASED' });
    // Still counted, but the new phone learns only that pitch A was scored.
    expect(live.phoneCountedFor('A')).toBe(1);
    expect(live.self('p1')).toMatchObject({ ballots: [], scoredElsewhere: ['A'] });
    expect(JSON.stringify(live.self('p1'))).not.toContain('"grades"');
    // A fresh ballot from the new phone replaces the earlier one and is shown there.
    live.applyCommitted(ballot('p1', 'A', 2));
    expect(live.self('p1')).toMatchObject({ ballots: [{ bidderId: 'A', grades: { c1: 2 } }], scoredElsewhere: [] });
    expect(live.phoneCountedFor('A')).toBe(1);
  });
});

describe('LiveEvening receiving a ballot', () => {
  const open = () => {
    const live = fresh();
    live.addAttendee('p1', 'h1', '', before);
    live.addAttendee('p2', 'h2', '', before);
    live.apply({ type: 'start-pitch', bidderId: 'A' }, now);
    live.apply({ type: 'open-scoring', bidderId: 'A' }, now);
    return live;
  };
  const sent = (ballotId: string, grade = 4) => ({ ballotId, bidderId: 'A', grades: { c1: grade, c2: grade } });
  const stored = (id: string, attendeeId: string, serial: number): CommittedBallot => ({ id, bidderId: 'A', attendeeId, serial, grades: { c1: 4, c2: 4 }, remark: '', receipt: 'R', submittedAt: now });

  it('takes a ballot with the next serial, counts it only once stored, and answers its resends with the receipt', () => {
    const live = open();
    expect(live.receiveBallot('p1', 'h1', sent('x'), now)).toEqual({ kind: 'accepted', serial: 1, audit: 'ballot-accepted' });
    expect(live.nextSerial).toBe(2);
    expect(live.countedFor('A')).toBe(0);
    expect(live.receiveBallot('p1', 'h1', sent('x'), now)).toEqual({ kind: 'resend', receipt: null });
    const receipt = live.ballotStored(stored('x', 'p1', 1));
    expect(receipt).toEqual({ ballotId: 'x', bidderId: 'A', receipt: 'R', acceptedAt: now.toISOString() });
    expect(live.countedFor('A')).toBe(1);
    expect(live.receiveBallot('p1', 'h1', sent('x', 1), now)).toEqual({ kind: 'resend', receipt });
    expect(live.receiveBallot('p2', 'h2', sent('x'), now)).toMatchObject({ kind: 'refused', error: { code: 'BALLOT_ID_TAKEN' } });
    expect(live.receiveBallot('p1', 'h1', sent('y'), now)).toEqual({ kind: 'accepted', serial: 2, audit: 'ballot-replaced' });
  });

  it('frees the id of a ballot that was not stored, and takes nothing new while stopping but answers resends', () => {
    const live = open();
    live.receiveBallot('p1', 'h1', sent('x'), now);
    live.ballotNotStored('x');
    expect(live.receiveBallot('p1', 'h1', sent('x'), now)).toMatchObject({ kind: 'accepted', serial: 2 });
    live.ballotStored(stored('x', 'p1', 2));
    expect(live.receiveBallot('p1', 'h1', sent('x'), now, false)).toMatchObject({ kind: 'resend' });
    expect(live.receiveBallot('p1', 'h1', sent('z'), now, false)).toEqual({ kind: 'stopping' });
    expect(live.receiveBallot('p1', 'wrong phone', sent('z'), now)).toMatchObject({ kind: 'refused', error: { code: 'UNAUTHENTICATED' } });
  });

  it('notes a ballot that arrives after the close once per phone and pitch, and only one that would have counted', () => {
    const live = open();
    expect(live.receiveBallot('p2', 'h2', sent('s'), now)).toMatchObject({ kind: 'accepted', serial: 1 });
    live.ballotStored(stored('s', 'p2', 1));
    live.apply({ type: 'close-scoring', bidderId: 'A' }, now);
    const later = new Date(now.getTime() + 60_000);
    const first = live.receiveBallot('p1', 'h1', sent('late1'), later);
    expect(first).toMatchObject({ kind: 'late', error: { code: 'SCORING_CLOSED', reason: 'ballotTooLate' }, note: { attendeeId: 'p1', bidderId: 'A', receivedAt: later.getTime() } });
    expect(live.receiveBallot('p1', 'h1', sent('late2'), later)).toMatchObject({ kind: 'late', note: null });
    expect(live.receiveBallot('p2', 'h2', sent('late3'), later)).toMatchObject({ kind: 'late', error: { reason: 'ballotChangeTooLate' } });
    // Not a valid ballot: refused as such, not noted as late.
    expect(live.receiveBallot('p1', 'h1', { ...sent('bad'), bidderId: 'A', grades: { c1: 9 } }, later)).toMatchObject({ kind: 'refused', error: { code: 'SCORING_CLOSED' } });
    expect(live.tally(2).pitches.find((p) => p.bidderId === 'A')).toMatchObject({ late: 2 });
    // A note that could not be stored is taken back, so the next late ballot is noted again.
    if (first.kind === 'late' && first.note) live.lateNotStored(first.note);
    expect(live.receiveBallot('p1', 'h1', sent('late4'), later)).toMatchObject({ kind: 'late', note: { attendeeId: 'p1' } });
  });
});
