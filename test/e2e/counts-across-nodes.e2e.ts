import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { EveningDetail, JoinResponse, Tally } from '@buurtjury/shared';
import { completeEvening } from '../support/api';
import { twoNodes } from '../support/two-nodes';
import { call, connect, next, ok, phone, type Client } from '../support/sockets';

/**
 * The counts the host console and the big screen show, with two nodes sharing a Redis (issue 16):
 * phones connected, phones filling in or with a ballot waiting during a close, the join ceiling
 * and the ballots received count the phones of EVERY node, and both nodes show the same numbers,
 * whichever node the host, the screen or a phone is on.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const nodes = twoNodes({ REDIS_URL, REDIS_PREFIX: `bj-test-counts-${randomUUID().slice(0, 8)}`, JOIN_CEILING_MIN: '10', JOIN_RATE_LIMIT: '1000' });

/** The next tally on this socket that satisfies `check` (bounded by the test's timeout). */
const tallyWhere = (socket: Client, check: (t: Tally) => boolean) => next(socket, 'live:tally', check);

it('shows on both nodes the phones connected, filling in, waiting and the ballots of both nodes', async () => {
  const { nodeA, nodeB, host } = nodes;
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const bidder = evening.bidders[0]!;
  const hostSocket = nodes.track(await connect(nodeA.url, { role: 'host', eveningId: evening.id, token: host.session.token }));
  const screenA = nodes.track(await connect(nodeA.url, { role: 'screen', joinCode: evening.joinCode }));
  const screenB = nodes.track(await connect(nodeB.url, { role: 'screen', joinCode: evening.joinCode }));
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));

  // One phone on node A, two on node B.
  const onA = nodes.track((await phone(nodeA.url, evening.joinCode)).socket);
  const onB = [nodes.track((await phone(nodeB.url, evening.joinCode)).socket), nodes.track((await phone(nodeB.url, evening.joinCode)).socket)];
  const pitch = (t: Tally) => t.pitches.find((p) => p.bidderId === bidder.id)!;
  const everyone = (t: Tally) => t.attendeesJoined === 3 && t.attendeesConnected === 3;
  await Promise.all([tallyWhere(hostSocket, everyone), tallyWhere(screenA, everyone), tallyWhere(screenB, everyone)]);

  // The phone on A is filling in, one on B has a ballot waiting, the other on B is filling in too.
  const busy = (t: Tally) => pitch(t).filling === 2 && pitch(t).waiting === 1;
  const seen = [tallyWhere(hostSocket, busy), tallyWhere(screenA, busy), tallyWhere(screenB, busy)];
  ok(await call(onA, 'ballot:progress', { bidderId: bidder.id, state: 'filling' }));
  ok(await call(onB[0]!, 'ballot:progress', { bidderId: bidder.id, state: 'waiting' }));
  ok(await call(onB[1]!, 'ballot:progress', { bidderId: bidder.id, state: 'filling' }));
  await Promise.all(seen);

  // A ballot stored on B: both screens and the host count it, and the phone is no longer waiting.
  const received = (t: Tally) => pitch(t).ballots === 1 && pitch(t).waiting === 0 && pitch(t).filling === 2;
  const counted = [tallyWhere(hostSocket, received), tallyWhere(screenA, received), tallyWhere(screenB, received)];
  const grades = Object.fromEntries(evening.criteria.map((c) => [c.id, 4]));
  ok(await call(onB[0]!, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades }));
  await Promise.all(counted);

  // A phone on B loses its connection while filling in: both nodes say so.
  const lost = (t: Tally) => t.attendeesConnected === 2 && pitch(t).disconnected === 1 && pitch(t).filling === 1;
  const shown = [tallyWhere(hostSocket, lost), tallyWhere(screenA, lost)];
  onB[1]!.close();
  await Promise.all(shown);
}, 60_000);

it('counts the phones that joined through either node and did not connect against one join ceiling', async () => {
  const { nodeA, nodeB, host } = nodes;
  const draft = await completeEvening(host, 'Plafond');
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const hostSocket = nodes.track(await connect(nodeA.url, { role: 'host', eveningId: evening.id, token: host.session.token }));
  // JOIN_CEILING_MIN is 10: ten phones join through node B and do not connect.
  const waitingTen = tallyWhere(hostSocket, (t) => t.joins?.waiting === 10);
  const tokens: string[] = [];
  for (let i = 0; i < 10; i++) tokens.push(((await request(nodeB.url).post('/api/join').send({ joinCode: evening.joinCode }).expect(200)).body as JoinResponse).attendeeToken);
  const tally = await waitingTen;
  expect(tally.joins).toMatchObject({ waiting: 10, ceiling: 10, refused: 0 });
  // The ceiling is reached across the nodes: a third phone is refused on node A too.
  const refused = await request(nodeA.url).post('/api/join').send({ joinCode: evening.joinCode }).expect(429);
  expect(refused.body).toMatchObject({ code: 'JOIN_BUSY' });
  // One of them connects through node A (another connection, balanced elsewhere): node B no longer counts it as waiting.
  const waitingNine = tallyWhere(hostSocket, (t) => t.joins?.waiting === 9 && t.attendeesConnected === 1);
  nodes.track(await connect(nodeA.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: tokens[0]! }));
  expect((await waitingNine).joins).toMatchObject({ waiting: 9 });
}, 60_000);
