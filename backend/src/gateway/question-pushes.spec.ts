import { applyBoardVotes, type BoardQuestion, type QuestionBoard } from '@buurtjury/shared';
import { PhoneBoards } from './question-pushes';

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
