import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { byVotes, moderationOrder, QUESTION_LIMITS, type CreatedInvitationResponse, type EveningDetail, type QuestionAsk, type QuestionStatus } from '@buurtjury/shared';
import { EveningEntity } from '../../backend/src/infrastructure/database/schema/evenings';
import { QuestionEntity, QuestionVoteEntity } from '../../backend/src/infrastructure/database/schema/questions';
import { RetentionService } from '../../backend/src/privacy/retention.service';
import { QuestionsRepository } from '../../backend/src/questions/questions.repository';
import { QuestionsService } from '../../backend/src/questions/questions.service';
import { ResultsService } from '../../backend/src/results/results.service';
import { organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { liveBench } from '../support/live-bench';
import { call, connect, next, ok } from '../support/sockets';

/**
 * Questions from the room: phones ask the bidder on stage and vote, moderators approve, hide,
 * merge and mark answered, and every refusal says why in the phone's language (a reason).
 */
let running: RunningApp;
let host: Organiser;
let moderator: Organiser;

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  const invite = (await host.post('/api/network/invitations', { email: 'mod@example.nl', role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
  moderator = await organiser(running.url, 'Mod', { email: 'mod@example.nl', inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
});
afterAll(() => running.close());

const bench = liveBench(() => running.url, () => host);
const { liveEvening, attendee, command } = bench;
afterEach(() => bench.closeAll());

const ask = (evening: EveningDetail, text: string, extra: Partial<QuestionAsk> = {}): QuestionAsk => ({ questionId: randomUUID(), bidderId: evening.bidders[0]!.id, text, ...extra });

/** An evening with its first pitch on stage and questions allowed during the pitch. */
async function onStage(settings = { preModeration: true, duringPitch: true }) {
  const live = await liveEvening();
  await command(live.hostSocket, { type: 'next-pitch' });
  ok(await call(live.hostSocket, 'question:settings', settings));
  return live;
}

/** Questions stored with the pitch's first phone, spaced past the interval by moving their time back. */
async function backdate(id: string, ms: number): Promise<void> {
  const db = running.app.get(DataSource);
  const row = await db.manager.findOneByOrFail(QuestionEntity, { id });
  await db.manager.update(QuestionEntity, { id }, { askedAt: new Date(row.askedAt.getTime() - ms) });
}

describe('asking', () => {
  it('refuses questions outside the pitch on stage and during the pitch unless the host allows it', async () => {
    const { evening, hostSocket } = await liveEvening();
    const phone = await attendee(evening);
    expect(await call(phone, 'question:ask', ask(evening, 'Wat kost het?'))).toMatchObject({ ok: false, code: 'QUESTIONS_CLOSED', reason: 'question.notStarted' });
    await command(hostSocket, { type: 'next-pitch' });
    // Pitch minutes are not over: only the Q&A minutes take questions by default.
    expect(await call(phone, 'question:ask', ask(evening, 'Wat kost het?'))).toMatchObject({ ok: false, code: 'QUESTIONS_CLOSED', reason: 'question.duringPitch' });
    expect(await call(phone, 'question:ask', ask(evening, 'Wat kost het?', { bidderId: evening.bidders[1]!.id }))).toMatchObject({
      ok: false,
      code: 'QUESTIONS_CLOSED',
      reason: 'question.notCurrent',
    });
    expect(await call(phone, 'question:ask', ask(evening, 'Wat kost het?', { bidderId: randomUUID() }))).toMatchObject({ ok: false, code: 'UNKNOWN_BIDDER' });
    ok(await call(hostSocket, 'question:settings', { preModeration: true, duringPitch: true }));
    const asked = ok(await call(phone, 'question:ask', ask(evening, '  Wat kost het?  ', { firstName: 'Ria' })));
    expect(asked.question).toMatchObject({ text: 'Wat kost het?', firstName: 'Ria', status: 'pending', votes: 0 });
  });

  it('validates the text and the name, with a reason for each refusal', async () => {
    const { evening } = await onStage();
    const phone = await attendee(evening);
    const refused = async (text: string, firstName?: string) => call(phone, 'question:ask', ask(evening, text, firstName === undefined ? {} : { firstName }));
    expect(await refused('   ')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', reason: 'question.empty' });
    expect(await refused('\u0000\u0007')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', reason: 'question.empty' });
    expect(await refused('Eén\nvraag')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', reason: 'question.control' });
    expect(await refused('Hm')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', reason: 'question.tooShort', params: { min: 3 } });
    expect(await refused('x'.repeat(QUESTION_LIMITS.textMax + 1))).toMatchObject({ ok: false, reason: 'question.tooLong', params: { max: QUESTION_LIMITS.textMax } });
    expect(await refused('Een goede vraag', 'n'.repeat(41))).toMatchObject({ ok: false, reason: 'question.nameTooLong' });
    expect(await call(phone, 'question:ask', { ...ask(evening, 'Een vraag'), extra: 1 } as never)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await call(phone, 'question:ask', { bidderId: evening.bidders[0]!.id, text: 'Geen id' } as never)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    // Exactly the longest text is taken.
    ok(await call(phone, 'question:ask', ask(evening, 'x'.repeat(QUESTION_LIMITS.textMax))));
  });

  it('stores a resend once, and refuses an id another phone used', async () => {
    const { evening } = await onStage();
    const phone = await attendee(evening);
    const other = await attendee(evening);
    const question = ask(evening, 'Hoe betrekt u jongeren?');
    const first = ok(await call(phone, 'question:ask', question));
    const again = ok(await call(phone, 'question:ask', question));
    expect(again.question.id).toBe(first.question.id);
    expect(await call(other, 'question:ask', question)).toMatchObject({ ok: false, reason: 'question.idTaken' });
    expect(ok(await call(phone, 'question:mine')).questions).toHaveLength(1);
  });

  it('judges questions sent all at once each on its own: a refused one does not stop the others, all acknowledged once stored', async () => {
    const { evening } = await onStage();
    const [a, b, c, d] = [await attendee(evening), await attendee(evening), await attendee(evening), await attendee(evening)];
    const taken = ask(evening, 'Hoe lang loopt het contract?');
    // All in flight together: phone a twice (the interval holds within a batch), b and d with the same id.
    const answers = await Promise.all([
      call(a, 'question:ask', ask(evening, 'Eerste vraag van a')),
      call(a, 'question:ask', ask(evening, 'Tweede vraag van a')),
      call(b, 'question:ask', taken),
      call(c, 'question:ask', ask(evening, 'Vraag van c')),
      call(d, 'question:ask', taken),
    ]);
    const [a1, a2, bAnswer, cAnswer, dAnswer] = answers;
    expect([a1, a2].filter((x) => x.ok)).toHaveLength(1);
    expect([a1, a2].find((x) => !x.ok)).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooSoon' });
    expect([bAnswer, dAnswer].filter((x) => x.ok)).toHaveLength(1);
    expect([bAnswer, dAnswer].find((x) => !x.ok)).toMatchObject({ ok: false, reason: 'question.idTaken' });
    expect(cAnswer).toMatchObject({ ok: true, question: { text: 'Vraag van c', status: 'pending' } });
    // What was acknowledged is stored, and nothing else.
    const stored = await running.app.get(DataSource).manager.findBy(QuestionEntity, { eveningId: evening.id });
    const acknowledged = answers.flatMap((x) => (x.ok ? [x.question.id] : []));
    expect(stored.map((q) => q.id).sort()).toEqual(acknowledged.sort());
  });

  it('stores and acknowledges the other questions of a batch when one of them cannot be stored', async () => {
    const { evening } = await onStage();
    const phones = await Promise.all(Array.from({ length: 6 }, () => attendee(evening)));
    const db = running.app.get(DataSource);
    const postgres = db.options.type === 'postgres';
    // A question the database refuses (as a broken disk or a constraint would): its batch's transaction fails.
    if (postgres) {
      await db.query(`CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.text LIKE 'Boem%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query('CREATE TRIGGER refuse_boom BEFORE INSERT ON question FOR EACH ROW EXECUTE FUNCTION refuse_boom()');
    } else {
      await db.query(`CREATE TRIGGER refuse_boom BEFORE INSERT ON question WHEN NEW.text LIKE 'Boem%' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    }
    try {
      const answers = await Promise.all(phones.map((p, i) => call(p, 'question:ask', ask(evening, i === 2 ? 'Boem, deze niet' : `Vraag van telefoon ${i}`))));
      expect(answers[2]).toMatchObject({ ok: false, code: 'INTERNAL' });
      const acknowledged = answers.flatMap((x) => (x.ok ? [x.question.id] : []));
      expect(acknowledged).toHaveLength(5);
      const stored = await db.manager.findBy(QuestionEntity, { eveningId: evening.id });
      expect(stored.map((q) => q.id).sort()).toEqual(acknowledged.sort());
    } finally {
      await db.query(postgres ? 'DROP TRIGGER refuse_boom ON question' : 'DROP TRIGGER refuse_boom');
    }
  });

  it('limits a phone: an interval between questions, a few open at once, a bound per pitch', async () => {
    const { evening, hostSocket } = await onStage();
    const phone = await attendee(evening);
    const ids: string[] = [];
    const first = ok(await call(phone, 'question:ask', ask(evening, 'Vraag nummer 1')));
    ids.push(first.question.id);
    expect(await call(phone, 'question:ask', ask(evening, 'Vraag nummer 2'))).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooSoon' });
    for (let i = 2; i <= QUESTION_LIMITS.openPerPitch; i++) {
      await backdate(ids.at(-1)!, QUESTION_LIMITS.intervalMs);
      ids.push(ok(await call(phone, 'question:ask', ask(evening, `Vraag nummer ${i}`))).question.id);
    }
    await backdate(ids.at(-1)!, QUESTION_LIMITS.intervalMs);
    expect(await call(phone, 'question:ask', ask(evening, 'Nog een vraag'))).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooManyOpen', params: { max: 3 } });
    // Once one is hidden, another may be asked; hidden ones still count towards the bound per pitch.
    ok(await call(hostSocket, 'question:moderate', { questionId: ids[0]!, action: 'hide' }));
    ok(await call(phone, 'question:ask', ask(evening, 'Nog een vraag')));
    const db = running.app.get(DataSource);
    await db.manager.update(QuestionEntity, { attendeeId: (await db.manager.findOneByOrFail(QuestionEntity, { id: ids[0]! })).attendeeId! }, { status: 'hidden', askedAt: new Date(0) });
    for (let i = 0; i < QUESTION_LIMITS.perPitch - QUESTION_LIMITS.openPerPitch - 1; i++) {
      const id = randomUUID();
      await db.manager.insert(QuestionEntity, { ...(await db.manager.findOneByOrFail(QuestionEntity, { id: ids[0]! })), id, text: `verborgen ${i}` });
    }
    expect(await call(phone, 'question:ask', ask(evening, 'Te veel vragen'))).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooMany' });
  });
});

describe('moderating and voting', () => {
  it('holds questions for a moderator, shows approved ones by votes, tells the asker when hidden, merges and marks answered', async () => {
    const { evening, hostSocket, screen } = await onStage();
    const modSocket = bench.track(await connect(running.url, { role: 'host', eveningId: evening.id, token: moderator.session.token }));
    const [ria, joost, sam] = [await attendee(evening), await attendee(evening), await attendee(evening)];
    const q1 = ok(await call(ria, 'question:ask', ask(evening, 'Hoe meet u resultaat?', { firstName: 'Ria' }))).question;
    const q2 = ok(await call(joost, 'question:ask', ask(evening, 'Wie is uw contactpersoon?'))).question;
    const q3 = ok(await call(sam, 'question:ask', ask(evening, 'Hoe meet u het resultaat precies?'))).question;
    expect(await call(sam, 'question:ask', ask(evening, 'Nog een vraag van Sam'))).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooSoon' });

    // Pending questions are not on the board, and cannot be voted for.
    expect(ok(await call(screen, 'question:board')).board.questions).toEqual([]);
    expect(await call(joost, 'question:vote', { questionId: q1.id })).toMatchObject({ ok: false, reason: 'question.notShown' });
    // A phone cannot moderate; a moderator can.
    expect(await call(ria, 'question:moderate', { questionId: q1.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(screen, 'question:list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const boardShown = next(screen, 'question:board', (b) => b.questions.length === 2);
    const told = next(ria, 'question:mine', (m) => m.questions.some((q) => q.status === 'approved'));
    ok(await call(modSocket, 'question:moderate', { questionId: q1.id, action: 'approve' }));
    ok(await call(modSocket, 'question:moderate', { questionId: q2.id, action: 'approve' }));
    expect((await told).questions[0]).toMatchObject({ id: q1.id, status: 'approved' });
    expect((await boardShown).questions.map((q) => q.text).sort()).toEqual(['Hoe meet u resultaat?', 'Wie is uw contactpersoon?']);

    // Votes: one per phone and question, not for one's own.
    expect(ok(await call(joost, 'question:vote', { questionId: q1.id })).votes).toBe(1);
    expect(ok(await call(joost, 'question:vote', { questionId: q1.id })).votes).toBe(1);
    expect(await call(ria, 'question:vote', { questionId: q1.id })).toMatchObject({ ok: false, reason: 'question.ownVote' });
    expect(ok(await call(sam, 'question:vote', { questionId: q1.id })).votes).toBe(2);
    expect(ok(await call(sam, 'question:vote', { questionId: q2.id })).votes).toBe(1);
    expect(await call(sam, 'question:vote', { questionId: randomUUID() })).toMatchObject({ ok: false, code: 'NOT_FOUND', reason: 'question.unknown' });
    expect(ok(await call(sam, 'question:mine')).voted.sort()).toEqual([q1.id, q2.id].sort());

    // Hiding: the asker sees it was hidden, the board drops it.
    const hidden = next(joost, 'question:mine', (m) => m.questions[0]?.status === 'hidden');
    ok(await call(hostSocket, 'question:moderate', { questionId: q2.id, action: 'hide' }));
    expect((await hidden).questions[0]).toMatchObject({ id: q2.id, status: 'hidden' });
    expect(ok(await call(screen, 'question:board')).board.questions.map((q) => q.id)).toEqual([q1.id]);

    // Merging q3 into q1: its asker is told which question it joined; a vote on both counts once.
    expect(await call(hostSocket, 'question:moderate', { questionId: q3.id, action: 'merge', intoId: q2.id })).toMatchObject({ ok: false, reason: 'question.mergeTarget' });
    expect(await call(hostSocket, 'question:moderate', { questionId: q3.id, action: 'merge' })).toMatchObject({ ok: false, reason: 'question.mergeTarget' });
    const merged = ok(await call(hostSocket, 'question:moderate', { questionId: q3.id, action: 'merge', intoId: q1.id })).list;
    expect(merged.questions.find((q) => q.id === q1.id)).toMatchObject({ votes: 2, merged: 1 });
    expect(ok(await call(sam, 'question:mine')).questions[0]).toMatchObject({ id: q3.id, status: 'merged', mergedInto: { id: q1.id, text: 'Hoe meet u resultaat?' } });
    expect(await call(hostSocket, 'question:moderate', { questionId: q3.id, action: 'approve' })).toMatchObject({ ok: false, reason: 'question.merged' });

    // Answered: after the open ones on the board; pending ones cannot be marked answered.
    expect(await call(hostSocket, 'question:moderate', { questionId: q2.id, action: 'answer' })).toMatchObject({ ok: false, reason: 'question.answerUnshown' });
    ok(await call(hostSocket, 'question:moderate', { questionId: q1.id, action: 'answer' }));
    expect(ok(await call(screen, 'question:board')).board.questions[0]).toMatchObject({ id: q1.id, status: 'answered', votes: 2, firstName: 'Ria' });
    expect(await call(joost, 'question:vote', { questionId: q1.id })).toMatchObject({ ok: false, reason: 'question.notShown' });
    const list = ok(await call(modSocket, 'question:list', {})).list;
    expect(list.counts).toMatchObject({ pending: 0, approved: 0, hidden: 1, merged: 1, answered: 1 });
    expect(await call(modSocket, 'question:list', { bidderId: randomUUID() })).toMatchObject({ ok: false, code: 'UNKNOWN_BIDDER' });
  });

  it('shows questions at once without pre-moderation', async () => {
    const { evening, screen } = await onStage({ preModeration: false, duringPitch: true });
    const phone = await attendee(evening);
    const shown = next(screen, 'question:board', (b) => b.questions.length === 1);
    const q = ok(await call(phone, 'question:ask', ask(evening, 'Direct zichtbaar?'))).question;
    expect(q.status).toBe('approved');
    expect((await shown).settings).toEqual({ preModeration: false, duringPitch: true });
  });

  it('counts votes sent all at once exactly: each phone once, resends and own votes not, whatever batch they land in', async () => {
    const { evening } = await onStage({ preModeration: false, duringPitch: true });
    const asker = await attendee(evening);
    const q = ok(await call(asker, 'question:ask', ask(evening, 'Wat doet u met de uitkomst van deze avond?'))).question;
    const voters = await Promise.all(Array.from({ length: 24 }, () => attendee(evening)));
    // Every phone votes twice at the same moment, the asker tries too: all in flight together.
    const answers = await Promise.all([
      ...voters.flatMap((v) => [call(v, 'question:vote', { questionId: q.id }), call(v, 'question:vote', { questionId: q.id })]),
      call(asker, 'question:vote', { questionId: q.id }),
    ]);
    const own = answers.pop();
    expect(own).toMatchObject({ ok: false, reason: 'question.ownVote' });
    for (const a of answers) expect(a).toMatchObject({ ok: true });
    // Each answer reports the count at its moment: never more than the phones that voted.
    for (const a of answers) expect(ok(a).votes).toBeLessThanOrEqual(24);
    const stored = await running.app.get(DataSource).manager.findOneByOrFail(QuestionEntity, { id: q.id });
    expect(stored.votes).toBe(24);
    expect(ok(await call(voters[0]!, 'question:vote', { questionId: q.id })).votes).toBe(24);
    expect(ok(await call(asker, 'question:board')).board.questions.find((b) => b.id === q.id)?.votes).toBe(24);
  });

  it('pushes a phone the board only when what it shows changed, and only the counts when only they changed', async () => {
    const { evening, hostSocket, screen } = await onStage();
    const [ria, joost, watcher] = [await attendee(evening), await attendee(evening), await attendee(evening)];
    const pushes: string[] = [];
    watcher.on('question:board', () => pushes.push('board'));
    watcher.on('question:votes', () => pushes.push('votes'));
    const q1 = ok(await call(ria, 'question:ask', ask(evening, 'Wat gebeurt er na de avond?'))).question;
    const shown = next(watcher, 'question:board', (b) => b.questions.some((q) => q.id === q1.id));
    ok(await call(hostSocket, 'question:moderate', { questionId: q1.id, action: 'approve' }));
    await shown;
    pushes.length = 0;

    // A question waiting for the moderator changes the moderators' list, not what the phones show.
    const listed = next(hostSocket, 'question:moderation', (l) => l.questions.some((q) => q.text === 'Wie betaalt dat?'));
    const q2 = ok(await call(joost, 'question:ask', ask(evening, 'Wie betaalt dat?'))).question;
    await listed;
    // That flush's pushes to the phones were sent before this answer on the watcher's own connection.
    ok(await call(watcher, 'question:mine'));
    expect(pushes).toEqual([]);

    // A vote changes only a count: the phones get the ids and counts, the screen the full board.
    const counted = next(watcher, 'question:votes', (v) => v.votes.some(([id, n]) => id === q1.id && n === 1));
    const onScreen = next(screen, 'question:board', (b) => b.questions.some((q) => q.id === q1.id && q.votes === 1));
    ok(await call(joost, 'question:vote', { questionId: q1.id }));
    expect((await counted).votes).toEqual([[q1.id, 1]]);
    expect((await onScreen).questions[0]).toMatchObject({ id: q1.id, text: 'Wat gebeurt er na de avond?', votes: 1 });
    ok(await call(watcher, 'question:mine'));
    expect(pushes).toEqual(['votes']);

    // A newly shown question is a new board.
    const full = next(watcher, 'question:board', (b) => b.questions.some((q) => q.id === q2.id));
    ok(await call(hostSocket, 'question:moderate', { questionId: q2.id, action: 'approve' }));
    expect((await full).questions.map((q) => q.id)).toEqual([q1.id, q2.id]);
  });

  it('moves the board to the next pitch', async () => {
    const { evening, hostSocket, screen } = await onStage({ preModeration: false, duringPitch: true });
    const phone = await attendee(evening);
    ok(await call(phone, 'question:ask', ask(evening, 'Voor de eerste')));
    const moved = next(screen, 'question:board', (b) => b.bidderId === evening.bidders[1]!.id);
    await command(hostSocket, { type: 'next-pitch' });
    expect((await moved).questions).toEqual([]);
    expect(await call(phone, 'question:ask', ask(evening, 'Nog voor de eerste'))).toMatchObject({ ok: false, reason: 'question.notCurrent' });
  });
});

describe('on record and under the retention period', () => {
  it('counts asked, shown and answered per bidder for the advice, keeps moderation closed after the end, and forgets phones and names at retention', async () => {
    const { evening, hostSocket } = await onStage();
    const [a, b] = [await attendee(evening), await attendee(evening)];
    const shown = ok(await call(a, 'question:ask', ask(evening, 'Getoonde vraag', { firstName: 'Ria' }))).question;
    const hidden = ok(await call(b, 'question:ask', ask(evening, 'Verborgen vraag', { firstName: 'Sam' }))).question;
    ok(await call(hostSocket, 'question:moderate', { questionId: shown.id, action: 'approve' }));
    ok(await call(hostSocket, 'question:moderate', { questionId: hidden.id, action: 'hide' }));
    ok(await call(b, 'question:vote', { questionId: shown.id }));
    ok(await call(hostSocket, 'question:moderate', { questionId: shown.id, action: 'answer' }));
    await command(hostSocket, { type: 'end-evening' });
    expect(await call(hostSocket, 'question:moderate', { questionId: hidden.id, action: 'approve' })).toMatchObject({ ok: false, reason: 'question.eveningEnded' });

    const results = running.app.get(ResultsService);
    const db = running.app.get(DataSource);
    const entity = await db.manager.findOneByOrFail(EveningEntity, { id: evening.id });
    const before = (await results.outcomeOf(entity)).conduct.questions;
    expect(before).toEqual([
      { bidderId: evening.bidders[0]!.id, asked: 2, shown: 1, answered: 1, shownQuestions: [{ text: 'Getoonde vraag', votes: 1, answered: true }] },
      ...evening.bidders.slice(1).map((x) => ({ bidderId: x.id, asked: 0, shown: 0, answered: 0, shownQuestions: [] })),
    ]);
    // Questions are not part of the ballot record.
    expect(JSON.stringify((await results.outcomeOf(entity)).record)).not.toContain('Getoonde vraag');

    await running.app.get(RetentionService).purgeDue(new Date(Date.now() + 400 * 24 * 3600_000));
    const rows = await db.manager.findBy(QuestionEntity, { eveningId: evening.id });
    expect(rows.map((r) => ({ text: r.text, firstName: r.firstName, attendeeId: r.attendeeId, votes: r.votes })).sort((x, y) => y.votes - x.votes)).toEqual([
      { text: 'Getoonde vraag', firstName: '', attendeeId: null, votes: 1 },
      { text: '', firstName: '', attendeeId: null, votes: 0 },
    ]);
    expect(await db.manager.countBy(QuestionVoteEntity, { eveningId: evening.id })).toBe(0);
    // The advice's account reads the same afterwards.
    results.forget(evening.id);
    expect((await results.outcomeOf(entity)).conduct.questions).toEqual(before);
  });
});

describe('the reads in plain SQL (the same on sqlite and PostgreSQL)', () => {
  const STATUSES = ['pending', 'approved', 'answered', 'hidden', 'merged'] as const;
  const repo = () => running.app.get(QuestionsRepository);
  const db = () => running.app.get(DataSource);
  /** A question row; ids in both cases of hex digits (a collation that ignores case would order them differently). */
  const row = (eveningId: string, bidderId: string, i: number, extra: Partial<QuestionEntity> = {}): QuestionEntity => ({
    id: i % 2 === 0 ? randomUUID() : randomUUID().toUpperCase(),
    eveningId,
    bidderId,
    attendeeId: randomUUID(),
    firstName: `Naam ${i}`,
    text: `Vraag ${i}`,
    status: STATUSES[i % 5]!,
    votes: i % 3,
    mergedInto: null,
    // Few distinct times: ties on votes and time, decided by the id.
    askedAt: new Date(Date.UTC(2026, 11, 5, 20, 0, i % 4, 123)),
    shownAt: null,
    answeredAt: null,
    changed: 1_764_000_000_000 + i,
    ...extra,
  });
  const iso = (q: QuestionEntity) => ({ ...q, askedAt: q.askedAt.toISOString(), status: q.status as QuestionStatus });

  it('reads the board and the list as sorting all of the pitch’s questions would: the top rows, ties by votes, time and id, counts and merges', async () => {
    const [{ evening }, { evening: other }] = [await liveEvening(), await liveEvening()];
    const [eveningId, bidderId] = [evening.id, evening.bidders[0]!.id];
    const rows = Array.from({ length: 320 }, (_, i) => row(eveningId, bidderId, i));
    // Merged ones point at open questions of the pitch, some at the same one.
    rows.forEach((q, i) => q.status === 'merged' && (q.mergedInto = rows[(i % 20) + 1]!.id));
    const others = [row(eveningId, evening.bidders[1]!.id, 1, { votes: 99 }), row(other.id, bidderId, 1, { votes: 99, changed: 1_900_000_000_000 })];
    // Copies: TypeORM's insert on sqlite may write into the objects it is given (the originals no longer matched what was stored).
    await repo().insertMany(db().manager, [...rows, ...others].map((q) => ({ ...q })));

    const view = await repo().pitchView(eveningId, bidderId, { boardSize: QUESTION_LIMITS.boardSize, listMax: QUESTION_LIMITS.moderationMax });
    const shown = rows.filter((q) => q.status === 'approved' || q.status === 'answered');
    const ids = (qs: QuestionEntity[], order: (a: ReturnType<typeof iso>, b: ReturnType<typeof iso>) => number) => qs.map(iso).sort(order).map((q) => q.id);
    expect(ids(view.board, byVotes)).toEqual(ids(shown, byVotes).slice(0, QUESTION_LIMITS.boardSize));
    expect(ids(view.listed, moderationOrder)).toEqual(ids(rows, moderationOrder).slice(0, QUESTION_LIMITS.moderationMax));
    expect(view.counts).toEqual(Object.fromEntries(STATUSES.map((s) => [s, rows.filter((q) => q.status === s).length])));
    const merged = new Map<string, number>();
    for (const q of rows) if (q.mergedInto) merged.set(q.mergedInto, (merged.get(q.mergedInto) ?? 0) + 1);
    expect(view.merged).toEqual(merged);
    // The evening's newest change, the other pitch's rows included; each row as it was stored.
    expect(view.maxChanged).toBe(1_764_000_000_000 + 319);
    expect(view.settings).toBeNull();
    const stored = new Map(rows.map((q) => [q.id, q]));
    for (const q of [...view.board, ...view.listed]) expect(q).toEqual({ ...stored.get(q.id) });

    // Without a pitch: no rows, still the version and the settings.
    await repo().saveSettings(db().manager, { eveningId, preModeration: false, duringPitch: true, changed: 1_800_000_000_000 });
    const empty = await repo().pitchView(eveningId, null, { boardSize: 30, listMax: 200 });
    expect(empty).toMatchObject({ board: [], listed: [], merged: new Map(), maxChanged: 1_764_000_000_000 + 319, settings: { preModeration: false, duringPitch: true, changed: 1_800_000_000_000 } });
    expect(Object.values(empty.counts)).toEqual([0, 0, 0, 0, 0]);
  });

  it('names the question a listed one was merged into also when that one is past the end of the list', async () => {
    const { evening } = await liveEvening();
    const [eveningId, bidderId] = [evening.id, evening.bidders[0]!.id];
    const open = Array.from({ length: QUESTION_LIMITS.moderationMax - 1 }, (_, i) => row(eveningId, bidderId, i, { status: 'pending', votes: 0 }));
    // Merged into a question that was merged in turn (both last in the moderators' order; the target after it).
    const target = row(eveningId, bidderId, 1000, { status: 'merged', votes: 0, text: 'De vraag waarin het opging' });
    const listedMerged = row(eveningId, bidderId, 1001, { status: 'merged', votes: 5, mergedInto: target.id });
    await repo().insertMany(db().manager, [...open, target, listedMerged].map((q) => ({ ...q })));
    const list = await running.app.get(QuestionsService).listOf(eveningId, bidderId);
    expect(list.questions).toHaveLength(QUESTION_LIMITS.moderationMax);
    expect(list.questions.some((q) => q.id === target.id)).toBe(false);
    expect(list.questions.at(-1)).toMatchObject({ id: listedMerged.id, status: 'merged', mergedInto: { id: target.id, text: 'De vraag waarin het opging' } });
    expect(list.counts).toEqual({ pending: QUESTION_LIMITS.moderationMax - 1, approved: 0, answered: 0, hidden: 0, merged: 2 });
  });

  it('reads questions by id and by phone, the settings, stored votes, and counts votes in the row', async () => {
    const [{ evening }, { evening: other }] = [await liveEvening(), await liveEvening()];
    const [eveningId, bidderId, phone] = [evening.id, evening.bidders[0]!.id, randomUUID()];
    const mine = [2, 0, 1].map((i) => row(eveningId, bidderId, i, { attendeeId: phone, mergedInto: i === 1 ? randomUUID() : null, shownAt: i === 2 ? new Date(Date.UTC(2026, 0, 1)) : null }));
    const elsewhere = row(other.id, bidderId, 3, { attendeeId: phone });
    await repo().insertMany(db().manager, [...mine, elsewhere].map((q) => ({ ...q })));

    expect(await repo().ofAttendees(eveningId, [phone, randomUUID()])).toEqual([...mine].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime()).map((q) => ({ ...q })));
    expect(await repo().ofAttendee(eveningId, randomUUID())).toEqual([]);
    expect((await repo().byIds([mine[0]!.id, elsewhere.id, randomUUID(), mine[0]!.id])).sort((a, b) => a.changed - b.changed)).toEqual([{ ...mine[0] }, { ...elsewhere }]);
    expect(await repo().byIds([])).toEqual([]);

    expect(await repo().settings(eveningId)).toBeNull();
    await repo().saveSettings(db().manager, { eveningId, preModeration: false, duringPitch: false, changed: 5 });
    expect(await repo().settings(eveningId)).toEqual({ eveningId, preModeration: false, duringPitch: false, changed: 5 });

    const [a, b] = [randomUUID(), randomUUID()];
    const vote = (questionId: string, attendeeId: string) => ({ questionId, attendeeId, eveningId });
    await db().manager.insert(QuestionVoteEntity, [vote(mine[0]!.id, a), vote(mine[1]!.id, b)]);
    const stored = await repo().storedVotes(db().manager, [vote(mine[0]!.id, a), vote(mine[0]!.id, b), vote(mine[1]!.id, b), vote(mine[2]!.id, a)]);
    expect([...stored].filter((k) => [`${mine[0]!.id}\n${a}`, `${mine[0]!.id}\n${b}`, `${mine[1]!.id}\n${b}`, `${mine[2]!.id}\n${a}`].includes(k)).sort()).toEqual(
      [`${mine[0]!.id}\n${a}`, `${mine[1]!.id}\n${b}`].sort(),
    );
    expect((await repo().votedBy(eveningId, b)).sort()).toEqual([mine[1]!.id]);

    await repo().incrementBy(db().manager, mine[0]!.id, 3, 1_900_000_000_123);
    expect(await db().manager.findOneByOrFail(QuestionEntity, { id: mine[0]!.id })).toMatchObject({ votes: mine[0]!.votes + 3, changed: 1_900_000_000_123 });
    expect(await db().manager.findOneByOrFail(QuestionEntity, { id: mine[1]!.id })).toMatchObject({ votes: mine[1]!.votes, changed: mine[1]!.changed });
  });
});
