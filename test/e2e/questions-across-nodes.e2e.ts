import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type EveningDetail, type QuestionAsk, type QuestionBoard } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startCluster, type Cluster } from '../support/cluster';
import { hostCommand } from '../support/crowd';
import { call, connect, next, ok, type Client } from '../support/sockets';

/**
 * Questions from the room with two nodes on one PostgreSQL database and one Redis (see
 * test/support/cluster.ts): a question asked on one node and approved by a moderator on the other
 * shows on the screens of both; votes sent through both nodes count once each; a phone's limits
 * hold across the nodes (a phone connected to both asks through both at once).
 */
let cluster: Cluster;
let db: DataSource;
const sockets: Client[] = [];
const track = <T extends Client>(socket: T) => (sockets.push(socket), socket);

beforeAll(async () => {
  cluster = await startCluster('questions');
  db = await new DataSource({ type: 'postgres', url: cluster.databaseUrl }).initialize();
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await db?.destroy();
  await cluster?.stop();
}, 60_000);

const nodeUrl = (i: number) => cluster.nodes[i]!.url;

async function frozenEvening(): Promise<{ host: Organiser; evening: EveningDetail }> {
  const host = await organiser(cluster.balancer, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  return { host, evening };
}

/** A phone joined over REST at node `joinAt`, connected to each node in `at` with the same ticket. */
async function phone(evening: EveningDetail, joinAt: number, at: number[]): Promise<Client[]> {
  const joined = (await request(nodeUrl(joinAt)).post('/api/join').send({ joinCode: evening.joinCode }).expect(200)).body as { attendeeToken: string };
  return Promise.all(at.map(async (i) => track(await connect(nodeUrl(i), { role: 'attendee', joinCode: evening.joinCode, attendeeToken: joined.attendeeToken }))));
}

const ask = (evening: EveningDetail, text: string): QuestionAsk => ({ questionId: randomUUID(), bidderId: evening.bidders[0]!.id, text });
const votesOn = (board: QuestionBoard, id: string) => board.questions.find((q) => q.id === id)?.votes;

it('shows a question asked on one node and approved on the other on the screens of both; counts votes through both nodes once each', async () => {
  const { host, evening } = await frozenEvening();
  const hostA = track(await connect(nodeUrl(0), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const moderatorB = track(await connect(nodeUrl(1), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const screenA = track(await connect(nodeUrl(0), { role: 'screen', joinCode: evening.joinCode }));
  const screenB = track(await connect(nodeUrl(1), { role: 'screen', joinCode: evening.joinCode }));
  await hostCommand(hostA, { type: 'next-pitch' });
  ok(await call(hostA, 'question:settings', { preModeration: true, duringPitch: true }));
  const [askerA] = await phone(evening, 0, [0]);
  const [voterA] = await phone(evening, 1, [0]);
  const [voterB] = await phone(evening, 0, [1]);
  const [watcherB] = await phone(evening, 1, [1]);

  const question = ask(evening, 'Hoe houdt u de buurt op de hoogte?');
  const seenOnB = next(moderatorB, 'question:moderation', (l) => l.questions.some((x) => x.id === question.questionId));
  const q = ok(await call(askerA!, 'question:ask', question)).question;
  // The moderator on node B sees it waiting (node A told node B), and approves it there.
  const waiting = await seenOnB;
  expect(waiting.questions.find((x) => x.id === q.id)?.status).toBe('pending');
  const onA = next(screenA, 'question:board', (b) => b.questions.some((x) => x.id === q.id));
  const onB = next(screenB, 'question:board', (b) => b.questions.some((x) => x.id === q.id));
  const onPhoneB = next(watcherB!, 'question:board', (b) => b.questions.some((x) => x.id === q.id));
  const toldAsker = next(askerA!, 'question:mine', (m) => m.questions.some((x) => x.id === q.id && x.status === 'approved'));
  ok(await call(moderatorB, 'question:moderate', { questionId: q.id, action: 'approve' }));
  await Promise.all([onA, onB, onPhoneB, toldAsker]);

  // Each voter votes twice at once, one on each node: each counts once.
  const countedA = next(screenA, 'question:board', (b) => votesOn(b, q.id) === 2);
  const countedB = next(screenB, 'question:board', (b) => votesOn(b, q.id) === 2);
  const answers = await Promise.all([voterA, voterA, voterB, voterB].map((v) => call(v!, 'question:vote', { questionId: q.id })));
  for (const a of answers) expect(a).toMatchObject({ ok: true });
  await Promise.all([countedA, countedB]);
  const stored = (await db.query('SELECT votes FROM question WHERE id = $1', [q.id])) as { votes: number }[];
  expect(stored[0]!.votes).toBe(2);
  expect((await db.query('SELECT COUNT(*)::int AS n FROM question_vote WHERE "questionId" = $1', [q.id])) as { n: number }[]).toEqual([{ n: 2 }]);
  expect(votesOn(ok(await call(watcherB!, 'question:board')).board, q.id)).toBe(2);
}, 120_000);

it("holds a phone's limits across nodes: the same phone asking through both nodes at once gets one question in", async () => {
  const { host, evening } = await frozenEvening();
  const hostA = track(await connect(nodeUrl(0), { role: 'host', eveningId: evening.id, token: host.session.token }));
  await hostCommand(hostA, { type: 'next-pitch' });
  ok(await call(hostA, 'question:settings', { preModeration: false, duringPitch: true }));
  // A phone with one ticket connected to both nodes (as after a reconnection through the balancer).
  const [onA, onB] = await phone(evening, 0, [0, 1]);
  // Within the interval between two questions (QUESTION_LIMITS.intervalMs) only the first gets in.
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all([call(onA!, 'question:ask', ask(evening, `Vraag via A ${round}`)), call(onB!, 'question:ask', ask(evening, `Vraag via B ${round}`))]);
    expect(answers.filter((a) => a.ok)).toHaveLength(round === 0 ? 1 : 0);
    for (const refused of answers.filter((a) => !a.ok)) expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'question.tooSoon' });
  }
  const rows = (await db.query('SELECT COUNT(*)::int AS n FROM question WHERE "eveningId" = $1', [evening.id])) as { n: number }[];
  expect(rows).toEqual([{ n: 1 }]);
}, 120_000);
