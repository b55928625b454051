import fc from 'fast-check';
import type { Programme } from '../index';
import type { LateBallotNote } from './closing';
import { liveProgramme } from '../testing/live-programme';
import { LiveEvening, type CommittedBallot, type EveningRecord, type PitchRecord, type StoredAttendee, type StoredChanges } from './live-evening';

/**
 * Two nodes share an evening in a database. Each writes in transactions that may commit in
 * another order than they began (as on PostgreSQL), and brings its copy up to date by reading
 * only what changed since its last read (`absorbChanges`): attendees written by a transaction
 * that was still running or not begun at that read (the backend's horizon of transaction ids),
 * ballots above the highest serial read (serials are given under the evening's lock, so in commit
 * order), the small parts whole. After every read the copy must equal one loaded fresh.
 */

const BIDDERS = ['A', 'B', 'C'];
const programme: Programme = liveProgramme({ bidders: BIDDERS });
const initialState = (): EveningRecord => ({ phase: 'before', currentBidderId: null, screenView: 'join', liveResults: false, revealed: 0, startedAt: null, endedAt: null });
const t0 = Date.parse('2026-12-10T18:00:00Z');

/** The database: rows with the id of the transaction that wrote them last, and the transactions still running. */
class Db {
  nextXid = 1;
  readonly running = new Map<number, () => void>();
  readonly attendees = new Map<string, StoredAttendee & { xid: number }>();
  readonly ballots: CommittedBallot[] = [];
  readonly ties = new Map<string, Set<string>>();
  readonly released = new Set<string>();
  readonly late = new Map<string, LateBallotNote>();
  paper: { bidderId: string; grades: Record<string, number> }[] = [];
  evening = initialState();
  readonly pitches = new Map<string, PitchRecord>();
  details: StoredChanges['details'] = { title: 'Avond', venue: '', language: 'nl' };

  /** A transaction: `write` runs at its commit (given its id), now or later. */
  begin(write: (xid: number) => void): number {
    const xid = this.nextXid++;
    this.running.set(xid, () => write(xid));
    return xid;
  }

  commit(xid: number): void {
    const write = this.running.get(xid);
    this.running.delete(xid);
    write?.();
  }

  /** The oldest transaction still running (every older one is committed and visible). */
  horizon(): number {
    return Math.min(this.nextXid, ...this.running.keys());
  }

  get lastSerial(): number {
    return this.ballots.at(-1)?.serial ?? 0;
  }

  read(since: { horizon: number; serial: number }): StoredChanges {
    return {
      details: { ...this.details },
      evening: { ...this.evening },
      pitches: [...this.pitches.values()].map((p) => ({ ...p })),
      attendees: [...this.attendees.values()].filter((a) => a.xid >= since.horizon).map(({ xid: _, ...a }) => ({ ...a })),
      ties: [...this.ties].flatMap(([attendeeId, set]) => [...set].map((bidderId) => ({ attendeeId, bidderId }))),
      releasedTokenHashes: [...this.released],
      ballots: this.ballots.filter((b) => b.serial > since.serial),
      late: [...this.late.values()].map((n) => ({ ...n })),
      paper: this.paper.map((c) => ({ ...c })),
    };
  }

  /** A fresh load, as LiveRegistry.load makes it. */
  load(): LiveEvening {
    return LiveEvening.fromStored(programme, this.read({ horizon: 0, serial: 0 }));
  }
}

/** A node: its copy, and what its last read covered. */
interface Node {
  live: LiveEvening;
  since: { horizon: number; serial: number };
}

const sorted = <T>(xs: Iterable<T>, key: (x: T) => string) => [...xs].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));

/** Everything a copy holds of what is stored. */
function view(live: LiveEvening) {
  const inside = live as unknown as { ballotIds: Map<string, { attendeeId: string; stored: CommittedBallot | null }>; progress: { late: LateBallotNote[] } };
  return {
    programme: live.programme,
    evening: { ...live.evening },
    pitches: [...live.pitches.values()].map((p) => ({ ...p })),
    attendees: sorted(live.attendees.values(), (a) => a.id).map((a) => ({
      ...a,
      ties: [...a.ties].sort(),
      latest: sorted(a.latest.values(), (b) => b.bidderId),
    })),
    byHash: sorted(live.attendeeByTokenHash, ([hash]) => hash),
    released: [...live.releasedTokenHashes].sort(),
    ballotIds: sorted(inside.ballotIds, ([id]) => id),
    late: sorted(inside.progress.late, (n) => `${n.attendeeId}/${n.bidderId}`),
    nextSerial: live.nextSerial,
    tally: live.tally(0, t0 + 3_600_000),
  };
}

const step = fc.record({
  op: fc.constantFrom('join', 'join', 'ballot', 'ballot', 'ballot', 'resend', 'release', 'rebind', 'rename', 'tie', 'late', 'state', 'paper', 'details', 'commit', 'commit', 'refresh'),
  node: fc.integer({ min: 0, max: 1 }),
  pick: fc.nat(),
  bidder: fc.integer({ min: 0, max: BIDDERS.length - 1 }),
  grade: fc.integer({ min: 1, max: 5 }),
  /** Whether the transaction commits at once (otherwise it waits for a `commit` step). */
  now: fc.boolean(),
});

describe('LiveEvening.absorbChanges: a copy brought up to date by what changed equals a fresh load', () => {
  it('over random interleavings of joins, ballots, resends, releases, ties, late ballots, paper and state changes on two nodes, with transactions committing out of order', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        const db = new Db();
        const nodes: Node[] = [0, 1].map(() => ({ live: db.load(), since: { horizon: db.horizon(), serial: db.lastSerial } }));
        let n = 0;
        const refresh = (node: Node) => {
          const since = { horizon: db.horizon(), serial: db.lastSerial };
          node.live.absorbChanges(db.read(node.since), true);
          node.since = since;
          expect(view(node.live)).toEqual(view(db.load()));
        };
        for (const s of steps) {
          const node = nodes[s.node]!;
          const bidderId = BIDDERS[s.bidder]!;
          const known = [...db.attendees.values()].filter((a) => node.live.attendees.has(a.id));
          const someone = known.length > 0 ? known[s.pick % known.length]! : undefined;
          const write = (change: (xid: number) => void) => {
            const xid = db.begin(change);
            if (s.now) db.commit(xid);
          };
          switch (s.op) {
            case 'join': {
              const a = { id: `p${++n}`, tokenHash: `h${n}`, firstName: '', joinedAt: new Date(t0 + (s.pick % 5) * 60_000), phoneSince: 0 };
              write((xid) => {
                db.attendees.set(a.id, { ...a, xid });
                node.live.addAttendee(a.id, a.tokenHash, '', a.joinedAt);
              });
              break;
            }
            case 'ballot': {
              if (!someone) break;
              const id = `b${++n}`;
              // Numbered under the evening's lock: in commit order.
              write(() => {
                const b: CommittedBallot = { id, bidderId, attendeeId: someone.id, serial: db.lastSerial + 1, grades: { c1: s.grade, c2: s.grade }, remark: '', receipt: 'R', submittedAt: new Date(t0 + n * 1000) };
                db.ballots.push(b);
                node.live.applyCommitted(b);
              });
              break;
            }
            case 'resend': {
              // A ballot stored by either node, sent again to this one: answered from the stored row.
              const b = db.ballots[s.pick % Math.max(1, db.ballots.length)];
              if (b && node.live.attendees.has(b.attendeeId)) node.live.applyCommitted(b);
              break;
            }
            case 'release':
              if (!someone || someone.tokenHash === null) break;
              write((xid) => {
                const row = db.attendees.get(someone.id)!;
                if (row.tokenHash === null) return;
                db.released.add(row.tokenHash);
                Object.assign(row, { tokenHash: null, xid });
                node.live.releasePhone(someone.id);
              });
              break;
            case 'rebind': {
              if (!someone || someone.tokenHash !== null) break;
              const hash = `h${++n}`;
              write((xid) => {
                const phoneSince = db.lastSerial + 1;
                Object.assign(db.attendees.get(someone.id)!, { tokenHash: hash, phoneSince, xid });
                node.live.rebindAttendee(someone.id, hash, phoneSince);
              });
              break;
            }
            case 'rename':
              if (!someone) break;
              write((xid) => {
                Object.assign(db.attendees.get(someone.id)!, { firstName: `n${s.pick % 7}`, xid });
                node.live.attendees.get(someone.id)!.firstName = `n${s.pick % 7}`;
              });
              break;
            case 'tie': {
              if (!someone) break;
              const wanted = BIDDERS.filter((_, i) => (s.pick >> i) & 1);
              write(() => {
                db.ties.set(someone.id, new Set(wanted));
                const mine = node.live.attendees.get(someone.id)!.ties;
                mine.clear();
                for (const b of wanted) mine.add(b);
              });
              break;
            }
            case 'late': {
              if (!someone) break;
              const note = { attendeeId: someone.id, bidderId, receivedAt: t0 + s.pick };
              write(() => {
                if (db.late.has(`${note.attendeeId}/${bidderId}`)) return;
                db.late.set(`${note.attendeeId}/${bidderId}`, note);
                node.live.noteLate(note);
              });
              break;
            }
            case 'state':
              write(() => {
                const at = new Date(t0 + s.pick * 1000);
                const pitch: PitchRecord = { bidderId, status: 'presenting', startedAt: at, scoring: s.grade > 2 ? 'open' : 'closed', scoringOpenedAt: at, scoringClosesAt: null, scoringClosedAt: s.grade > 2 ? null : at };
                db.evening = { ...db.evening, phase: 'live', currentBidderId: bidderId, startedAt: db.evening.startedAt ?? at, revealed: s.grade % 2 };
                db.pitches.set(bidderId, pitch);
                Object.assign(node.live.evening, db.evening);
                Object.assign(node.live.pitches.get(bidderId)!, pitch);
              });
              break;
            case 'paper':
              write(() => {
                db.paper = [...db.paper, { bidderId, grades: { c1: s.grade, c2: s.grade } }].slice(-(1 + (s.pick % 4)));
                node.live.setPaper(db.paper);
              });
              break;
            case 'details':
              write(() => {
                db.details = { ...db.details, title: `Avond ${s.pick % 5}` };
                node.live.programme = { ...node.live.programme, ...db.details };
              });
              break;
            case 'commit': {
              const pending = [...db.running.keys()];
              if (pending.length > 0) db.commit(pending[s.pick % pending.length]!);
              break;
            }
            case 'refresh':
              refresh(node);
              break;
          }
        }
        for (const xid of [...db.running.keys()]) db.commit(xid);
        for (const node of nodes) refresh(node);
      }),
      { numRuns: 300 },
    );
  });

  it('reads what an earlier read missed: a join that began before the last read and committed after it', () => {
    const db = new Db();
    const node: Node = { live: db.load(), since: { horizon: db.horizon(), serial: 0 } };
    const slow = db.begin((xid) => db.attendees.set('slow', { id: 'slow', tokenHash: 'hs', firstName: '', joinedAt: new Date(t0), phoneSince: 0, xid }));
    db.commit(db.begin((xid) => db.attendees.set('quick', { id: 'quick', tokenHash: 'hq', firstName: '', joinedAt: new Date(t0 + 1), phoneSince: 0, xid })));
    const read = (): void => {
      const since = { horizon: db.horizon(), serial: db.lastSerial };
      node.live.absorbChanges(db.read(node.since), true);
      node.since = since;
    };
    read();
    expect([...node.live.attendees.keys()]).toEqual(['quick']);
    db.commit(slow);
    read();
    expect([...node.live.attendees.keys()].sort()).toEqual(['quick', 'slow']);
    expect(node.live.attendeeByTokenHash.get('hs')).toBe('slow');
  });

  it('keeps a ballot this node accepted and has not stored yet, and leaves the state while a command of its own is not stored', () => {
    const db = new Db();
    db.commit(db.begin((xid) => db.attendees.set('p1', { id: 'p1', tokenHash: 'h1', firstName: '', joinedAt: new Date(t0), phoneSince: 0, xid })));
    db.pitches.set('A', { bidderId: 'A', status: 'presenting', startedAt: new Date(t0), scoring: 'open', scoringOpenedAt: new Date(t0), scoringClosesAt: null, scoringClosedAt: null });
    db.evening = { ...db.evening, phase: 'live', currentBidderId: 'A', startedAt: new Date(t0) };
    const live = db.load();
    const pending = { ballotId: 'b-pending', bidderId: 'A', grades: { c1: 4, c2: 4 } };
    expect(live.receiveBallot('p1', 'h1', pending, new Date(t0 + 1000))).toMatchObject({ kind: 'accepted', serial: 1 });
    live.apply({ type: 'close-scoring', bidderId: 'A' }, new Date(t0 + 2000));
    live.absorbChanges(db.read({ horizon: 0, serial: 0 }), false);
    expect(live.receiveBallot('p1', 'h1', pending, new Date(t0 + 3000))).toEqual({ kind: 'resend', receipt: null });
    expect(live.nextSerial).toBe(2);
    expect(live.pitches.get('A')!.scoring).toBe('closed');
    // With the state: the stored one (scoring still open there).
    live.absorbChanges(db.read({ horizon: 0, serial: 0 }), true);
    expect(live.pitches.get('A')!.scoring).toBe('open');
  });

  it("knows another node's phones, ties and ballots: a resend to this node gets the stored receipt, a tie refuses", () => {
    const db = new Db();
    const live = db.load();
    db.commit(db.begin((xid) => db.attendees.set('p2', { id: 'p2', tokenHash: 'h2', firstName: 'Ans', joinedAt: new Date(t0), phoneSince: 0, xid })));
    db.ties.set('p2', new Set(['B']));
    const remote: CommittedBallot = { id: 'b-remote', bidderId: 'A', attendeeId: 'p2', serial: 40, grades: { c1: 3, c2: 3 }, remark: '', receipt: 'R40', submittedAt: new Date(t0) };
    db.ballots.push(remote);
    live.absorbChanges(db.read({ horizon: 0, serial: 0 }), true);
    expect(live.attendeeByTokenHash.get('h2')).toBe('p2');
    expect(live.self('p2').firstName).toBe('Ans');
    expect(live.refusal('p2', 'B', true)).toMatchObject({ code: 'TIED_TO_BIDDER' });
    expect(live.receiveBallot('p2', 'h2', { ballotId: 'b-remote', bidderId: 'A', grades: { c1: 3, c2: 3 } }, new Date(t0), false)).toEqual({
      kind: 'resend',
      receipt: expect.objectContaining({ ballotId: 'b-remote', receipt: 'R40' }),
    });
    expect(live.nextSerial).toBe(41);
  });
});
