import { applyBoardVotes, type BoardQuestion, type QuestionBoard } from '@buurtjury/shared';
import { PhoneBoards, PhonePacer, type PhoneMessage, type Schedule } from './question-pushes';

const q = (id: string, votes: number, extra: Partial<BoardQuestion> = {}): BoardQuestion => ({
  id,
  bidderId: 'B',
  text: `Vraag ${id}?`,
  firstName: '',
  votes,
  status: 'approved',
  askedAt: `2026-12-05T19:00:0${id.length}.000Z`,
  ...extra,
});
const boardOf = (version: number, questions: BoardQuestion[], extra: Partial<QuestionBoard> = {}): QuestionBoard => ({
  eveningId: 'E',
  version,
  settings: { preModeration: true, duringPitch: false },
  bidderId: 'B',
  questions,
  shown: questions.length,
  ...extra,
});

describe('what the phones are pushed of a board (PhoneBoards)', () => {
  it('sends the first board whole, nothing when the phones would see the same, and only ids and counts when only they changed', () => {
    const phones = new PhoneBoards();
    expect(phones.next(boardOf(1, [q('a', 0)]), 10_000)).toEqual({ kind: 'board' });
    // A newer version (a waiting question, another pitch's change) that shows the same: nothing.
    expect(phones.next(boardOf(2, [q('a', 0)]), 20_000)).toEqual({ kind: 'none' });
    expect(phones.next(boardOf(3, [q('a', 1)]), 30_000)).toEqual({ kind: 'votes', votes: { eveningId: 'E', version: 3, bidderId: 'B', votes: [['a', 1]], shown: 1 } });
    // A new question, a hidden one, an answered one, other settings or another pitch: the whole board.
    expect(phones.next(boardOf(4, [q('a', 1), q('bb', 0)]), 40_000)).toEqual({ kind: 'board' });
    expect(phones.next(boardOf(5, [q('bb', 0)]), 50_000)).toEqual({ kind: 'board' });
    expect(phones.next(boardOf(6, [q('bb', 0, { status: 'answered' })]), 60_000)).toEqual({ kind: 'board' });
    expect(phones.next(boardOf(7, [q('bb', 0, { status: 'answered' })], { settings: { preModeration: false, duringPitch: false } }), 70_000)).toEqual({ kind: 'board' });
    expect(phones.next(boardOf(8, [], { bidderId: 'C', settings: { preModeration: false, duringPitch: false } }), 80_000)).toEqual({ kind: 'board' });
  });

  it('sends the whole board again after a phone was served a newer, different one (a change back is not skipped)', () => {
    const phones = new PhoneBoards();
    phones.next(boardOf(1, [q('a', 0)]), 10_000);
    // Served on request between two pushes: a question shown and hidden again within one interval.
    phones.served(boardOf(2, [q('a', 0), q('bb', 0)]));
    expect(phones.next(boardOf(3, [q('a', 0)]), 30_000)).toEqual({ kind: 'board' });
    // Served the same questions as were pushed, with newer counts: no need (the next counts go out as usual).
    phones.served(boardOf(4, [q('a', 7)]));
    expect(phones.next(boardOf(5, [q('a', 0)]), 50_000)).toEqual({ kind: 'none' });
  });

  it('sends new counts at most every few seconds, and says to ask again later meanwhile', () => {
    const phones = new PhoneBoards(5000);
    phones.next(boardOf(1, [q('a', 0)]), 1000);
    expect(phones.next(boardOf(2, [q('a', 1)]), 2000)).toEqual({ kind: 'later' });
    expect(phones.next(boardOf(3, [q('a', 2)]), 5999)).toEqual({ kind: 'later' });
    expect(phones.next(boardOf(4, [q('a', 3)]), 6000)).toMatchObject({ kind: 'votes', votes: { version: 4, votes: [['a', 3]] } });
    expect(phones.next(boardOf(5, [q('a', 4)]), 7000)).toEqual({ kind: 'later' });
    // A new question is not held back.
    expect(phones.next(boardOf(6, [q('a', 4), q('bb', 0)]), 7001)).toEqual({ kind: 'board' });
  });

  it('keeps each evening apart', () => {
    const phones = new PhoneBoards();
    phones.next(boardOf(1, [q('a', 0)]), 10_000);
    expect(phones.next(boardOf(1, [q('a', 0)], { eveningId: 'F' }), 10_000)).toEqual({ kind: 'board' });
  });
});

describe('applying ids and counts to the board a phone holds (applyBoardVotes)', () => {
  const held = boardOf(3, [q('a', 2), q('bb', 1)]);
  it('takes the counts and the order, keeping the texts', () => {
    const next = applyBoardVotes(held, { eveningId: 'E', version: 4, bidderId: 'B', votes: [['bb', 3], ['a', 2]], shown: 2 });
    expect(next?.version).toBe(4);
    expect(next?.questions.map((x) => [x.id, x.votes, x.text])).toEqual([
      ['bb', 3, 'Vraag bb?'],
      ['a', 2, 'Vraag a?'],
    ]);
  });
  it('cannot be applied to no board, another pitch or a board without one of the ids: the full board is needed', () => {
    expect(applyBoardVotes(null, { eveningId: 'E', version: 4, bidderId: 'B', votes: [], shown: 0 })).toBeNull();
    expect(applyBoardVotes(held, { eveningId: 'E', version: 4, bidderId: 'C', votes: [], shown: 0 })).toBeNull();
    expect(applyBoardVotes(held, { eveningId: 'E', version: 4, bidderId: 'B', votes: [['ccc', 1]], shown: 3 })).toBeNull();
  });
});

describe('pushes to the phones spaced over time (PhonePacer)', () => {
  /** A scheduler the test runs by hand: what is due, and after how long. */
  function pacer(slice = 2, gap = 50, spread = 500) {
    const due: { run: () => void; ms: number; cancelled: boolean }[] = [];
    const schedule: Schedule = (run, ms) => {
      const entry = { run, ms, cancelled: false };
      due.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    };
    const sent: { ids: string[]; message: PhoneMessage }[] = [];
    const p = new PhonePacer((ids, message) => sent.push({ ids, message }), schedule, slice, gap, spread);
    /** Runs the next slice that is due; returns its delay, or null when none is. */
    const next = (): number | null => {
      const entry = due.shift();
      if (!entry) return null;
      expect(entry.cancelled).toBe(false);
      entry.run();
      return entry.ms;
    };
    const drain = () => {
      const gaps: number[] = [];
      for (let ms = next(); ms !== null; ms = next()) gaps.push(ms);
      return gaps;
    };
    /** What each phone got last. */
    const last = () => {
      const out = new Map<string, string>();
      for (const { ids, message } of sent) for (const id of ids) out.set(id, message.kind === 'board' ? `board ${message.board.version}` : `votes ${message.votes.version}`);
      return out;
    };
    return { p, sent, due, next, drain, last };
  }
  const phones = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
  const votesOf = (board: QuestionBoard) => ({ eveningId: board.eveningId, version: board.version, bidderId: board.bidderId, votes: board.questions.map((x) => [x.id, x.votes] as [string, number]), shown: board.shown });

  it('sends the first slice at once and the rest one slice per gap, reaching every phone once', () => {
    const t = pacer(2, 50);
    t.p.board('E', boardOf(1, [q('a', 0)]), phones(5));
    expect(t.sent.map((x) => x.ids)).toEqual([['s0', 's1']]);
    expect(t.drain()).toEqual([50, 50]);
    expect(t.sent.map((x) => x.ids)).toEqual([['s0', 's1'], ['s2', 's3'], ['s4']]);
    expect([...t.last().values()]).toEqual(Array(5).fill('board 1'));
    expect(t.p.waiting()).toBe(0);
  });

  it('spreads many phones over at most the spread time, with shorter gaps', () => {
    const t = pacer(2, 50, 100);
    t.p.board('E', boardOf(1, [q('a', 0)]), phones(20));
    const gaps = t.drain();
    expect(gaps).toHaveLength(9);
    expect(gaps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
    expect(new Set(t.sent.flatMap((x) => x.ids)).size).toBe(20);
  });

  it('sends a newer board to every phone, those waiting and those already sent the older one, and none of them the older one afterwards', () => {
    const t = pacer(2, 50);
    t.p.board('E', boardOf(1, [q('a', 0)]), phones(6));
    t.next();
    // s0..s3 have board 1; s4, s5 wait. Board 2 is decided.
    t.p.board('E', boardOf(2, [q('a', 0), q('bb', 0)]), phones(6));
    // No second timer: the round goes on at its next slice.
    expect(t.due).toHaveLength(1);
    t.drain();
    expect(Object.fromEntries(t.last())).toEqual({ s0: 'board 2', s1: 'board 2', s2: 'board 2', s3: 'board 2', s4: 'board 2', s5: 'board 2' });
    expect(t.sent.filter((x) => x.message.kind === 'board' && x.message.board.version === 1).flatMap((x) => x.ids)).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('sends counts decided meanwhile to the phones holding a board, and the newest board to those still waiting for one', () => {
    const t = pacer(2, 50);
    t.p.board('E', boardOf(1, [q('a', 0)]), phones(5));
    // s0, s1 have board 1; the counts change, and a new phone s5 is there.
    const counted = boardOf(2, [q('a', 4)]);
    t.p.votes('E', votesOf(counted), counted, [...phones(5), 's5']);
    t.drain();
    expect(Object.fromEntries(t.last())).toEqual({ s0: 'votes 2', s1: 'votes 2', s2: 'board 2', s3: 'board 2', s4: 'board 2', s5: 'votes 2' });
    expect(t.sent.every((x) => x.ids.length <= 2)).toBe(true);
  });

  it('sends only the newest counts to a phone still waiting for counts, and the newest to those sent older ones', () => {
    const t = pacer(2, 50);
    const one = boardOf(1, [q('a', 1)]);
    t.p.votes('E', votesOf(one), one, phones(4));
    const two = boardOf(2, [q('a', 2)]);
    t.p.votes('E', votesOf(two), two, phones(4));
    t.drain();
    expect(Object.fromEntries(t.last())).toEqual({ s0: 'votes 2', s1: 'votes 2', s2: 'votes 2', s3: 'votes 2' });
    expect(t.sent.map((x) => [x.message.kind === 'votes' && x.message.votes.version, x.ids])).toEqual([
      [1, ['s0', 's1']],
      [2, ['s2', 's3']],
      [2, ['s0', 's1']],
    ]);
  });

  it('keeps evenings apart, and stops sending to an evening forgotten', () => {
    const t = pacer(2, 50);
    t.p.board('E', boardOf(1, [q('a', 0)]), phones(4));
    t.p.board('F', boardOf(1, [q('a', 0)], { eveningId: 'F' }), ['f0', 'f1', 'f2']);
    t.p.forget('E');
    expect(t.due.map((d) => d.cancelled)).toEqual([true, false]);
    t.due.shift();
    t.drain();
    expect(t.sent.flatMap((x) => x.ids)).toEqual(['s0', 's1', 'f0', 'f1', 'f2']);
  });
});
