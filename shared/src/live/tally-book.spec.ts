import { seededRandom, type Programme } from '../index';
import { liveProgramme } from '../testing/live-programme';
import { LiveEvening, type CommittedBallot } from './live-evening';

/** Another node's copy of the evening taken over (LiveEvening.absorbChanges, with everything it stored). */
const absorbFrom = (live: LiveEvening, other: LiveEvening, withState: boolean): void => {
  const attendees = [...other.attendees.values()];
  live.absorbChanges(
    {
      details: other.programme,
      evening: { ...other.evening },
      pitches: [...other.pitches.values()].map((x) => ({ ...x })),
      attendees: attendees.map((a) => ({ id: a.id, tokenHash: a.tokenHash, firstName: a.firstName, joinedAt: a.joinedAt, phoneSince: a.phoneSince })),
      ties: attendees.flatMap((a) => [...a.ties].map((bidderId) => ({ attendeeId: a.id, bidderId }))),
      releasedTokenHashes: [...other.releasedTokenHashes],
      ballots: attendees.flatMap((a) => [...a.latest.values()]).sort((x, y) => x.serial - y.serial),
      late: [],
      paper: [],
    },
    withState,
  );
};

const start = new Date('2026-12-10T19:00:00Z').getTime();

const programme = (weights: number[], grace: number, presenceRule: boolean): Programme => liveProgramme({ bidders: ['A', 'B', 'C', 'D'], weights, presenceRule, presenceGraceMinutes: grace });

/**
 * Random evenings: joins, host commands, ballots sent and stored (new, resent, replacing the
 * attendee's earlier one, not stored, late), ties declared and changed, released and rebound
 * phones, paper cards, removed attendees, changed join times, stored ballots loaded out of order,
 * and evenings absorbed from another node. After every step the tally kept per change must equal
 * the walk over every attendee.
 */
describe('LiveEvening tally kept per change', () => {
  for (const [name, weights] of [
    ['two equal criteria', [50, 50]],
    ['three weighted criteria', [20, 30, 50]],
  ] as const) {
    it(`equals the walk over every attendee after any sequence of changes (${name})`, () => {
      const random = seededRandom(`tally-${name}`);
      const u = () => random.nextUint32() / 4294967296;
      const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(u() * list.length)];
      const bidders = ['A', 'B', 'C', 'D', 'X'];
      let steps = 0;
      for (let round = 0; round < 30; round++) {
        const p = programme([...weights], Math.floor(u() * 4), u() < 0.8);
        const live = new LiveEvening(
          p,
          { phase: 'before', currentBidderId: null, screenView: 'join', liveResults: false, revealed: 0, startedAt: null, endedAt: null },
          [],
        );
        let clock = start;
        let ids = 0;
        let ballotIds = 0;
        let serial = 1000;
        const sent: { attendeeId: string; ballotId: string; tokenHash: string; bidderId: string; grades: Record<string, number> }[] = [];
        const attendeeIds = () => [...live.attendees.keys()];
        const grades = (): Record<string, number> => {
          const g: Record<string, number> = {};
          for (const c of p.criteria) if (u() < 0.85) g[c.id] = 1 + Math.floor(u() * 5);
          if (Object.keys(g).length === 0) g[p.criteria[0]!.id] = 3;
          return g;
        };
        const stored = (attendeeId: string, bidderId: string, id = `s${++ballotIds}`): CommittedBallot => ({
          id,
          bidderId,
          attendeeId,
          serial: u() < 0.2 ? Math.floor(u() * 1000) : ++serial,
          grades: grades(),
          remark: '',
          receipt: 'R',
          submittedAt: new Date(clock),
        });
        const join = (target: LiveEvening) => {
          const id = `p${++ids}`;
          target.addAttendee(id, `h${id}`, '', new Date(clock - Math.floor(u() * 3) * 400 - (u() < 0.1 ? 20 * 60_000 : 0)));
          return id;
        };
        const actions: (() => void)[] = [
          () => join(live),
          () => join(live),
          () => {
            const command = pick([
              { type: 'next-pitch', closeOpenScoring: u() < 0.5 },
              { type: 'open-scoring', bidderId: pick(bidders)! },
              { type: 'open-scoring', bidderId: pick(bidders)! },
              { type: 'close-scoring', bidderId: pick(bidders)! },
              { type: 'reopen-scoring', bidderId: pick(bidders)!, reason: 'r' },
              { type: 'start-pitch', bidderId: pick(bidders)! },
              ...(u() < 0.1 ? [{ type: 'end-evening' } as const] : []),
            ] as const)!;
            live.apply(command, new Date(clock));
          },
          () => {
            // A ballot from a phone: accepted and stored, or not stored, refused or late.
            const attendeeId = pick(attendeeIds());
            if (!attendeeId) return;
            const a = live.attendees.get(attendeeId)!;
            const submission = { ballotId: `n${++ballotIds}`, bidderId: pick(bidders)!, grades: grades() };
            const arrival = live.receiveBallot(attendeeId, a.tokenHash ?? 'gone', submission, new Date(clock));
            if (arrival.kind !== 'accepted') return;
            if (u() < 0.1) return live.ballotNotStored(submission.ballotId);
            sent.push({ attendeeId, tokenHash: a.tokenHash!, ...submission });
            live.ballotStored({ id: submission.ballotId, bidderId: submission.bidderId, attendeeId, serial: arrival.serial, grades: submission.grades, remark: '', receipt: 'R', submittedAt: new Date(clock) });
          },
          () => {
            const resend = pick(sent);
            if (resend) live.receiveBallot(resend.attendeeId, resend.tokenHash, resend, new Date(clock));
          },
          () => {
            // A stored ballot as loaded or refreshed: newer or older than the attendee's latest.
            const attendeeId = pick(attendeeIds());
            if (attendeeId) live.applyCommitted(stored(attendeeId, pick(bidders)!));
          },
          () => {
            const a = live.attendees.get(pick(attendeeIds()) ?? '');
            if (!a) return;
            const r = u();
            if (r < 0.5) a.ties = new Set(bidders.filter(() => u() < 0.3));
            else if (r < 0.75) a.ties.add(pick(bidders)!);
            else if (r < 0.9) a.ties.delete(pick(bidders)!);
            else a.ties.clear();
          },
          () => {
            const attendeeId = pick(attendeeIds());
            if (!attendeeId) return;
            if (u() < 0.5) live.releasePhone(attendeeId);
            else live.rebindAttendee(attendeeId, `h${attendeeId}-${++ids}`, live.nextSerial);
          },
          () => live.setPaper(bidders.flatMap((bidderId) => (u() < 0.4 ? Array.from({ length: Math.floor(u() * 3) }, () => ({ bidderId, grades: grades() })) : []))),
          () => {
            const attendeeId = pick(attendeeIds());
            if (attendeeId && u() < 0.5) live.removeAttendee(attendeeId);
            // Added again under the same id: the new record replaces the old one.
            else if (attendeeId) live.addAttendee(attendeeId, `h${attendeeId}-${++ids}`, '', new Date(clock));
          },
          () => {
            const a = live.attendees.get(pick(attendeeIds()) ?? '');
            if (a) a.joinedAt = new Date(a.joinedAt.getTime() - Math.floor(u() * 15) * 60_000);
          },
          () => {
            // Another node: the same attendees and ballots, and more of its own.
            const other = new LiveEvening(p, { ...live.evening }, [...live.pitches.values()].map((x) => ({ ...x })));
            for (const a of live.attendees.values()) {
              const copy = other.addAttendee(a.id, a.tokenHash, a.firstName, a.joinedAt, a.phoneSince);
              for (const t of a.ties) copy.ties.add(t);
              for (const b of a.latest.values()) other.applyCommitted(b);
            }
            for (let i = 0; i < 5; i++) {
              const id = u() < 0.5 ? join(other) : pick([...other.attendees.keys()]);
              if (!id) continue;
              other.applyCommitted(stored(id, pick(bidders)!));
              if (u() < 0.3) other.attendees.get(id)!.ties.add(pick(bidders)!);
            }
            absorbFrom(live, other, u() < 0.5);
          },
          () => {
            clock += Math.floor(u() * 90_000);
          },
        ];
        for (let step = 0; step < 120; step++) {
          pick(actions)!();
          steps++;
          const at = clock + Math.floor(u() * 3 * 60_000);
          expect(live.tally(7, at)).toEqual(live.walkedTally(7, at));
        }
      }
      expect(steps).toBe(30 * 120);
    });
  }
});
