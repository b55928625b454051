import type { AuditTrailResponse, BallotReceipt, EveningDetail } from '@buurtjury/shared';
import { completeEvening, type Organiser } from '../support/api';
import type { RunningApp } from '../support/app';
import { twoNodes } from '../support/two-nodes';
import { liveBench } from '../support/live-bench';
import { call, connect, ok, phone } from '../support/sockets';

/**
 * A resend that reaches another node (docs/architecture.md, Known limits): two app instances on
 * one PostgreSQL database, no Redis, so node B never hears of a ballot node A stored. The phone's
 * resend of that ballot to node B must get the stored receipt, and the ballot one audit entry.
 */
const nodes = twoNodes();
let nodeA: RunningApp;
let nodeB: RunningApp;
let host: Organiser;
beforeAll(() => {
  ({ nodeA, nodeB, host } = nodes);
});

it('answers a resend of a ballot another node stored with the stored receipt, and logs the ballot once', async () => {
  const bench = liveBench(() => nodeA.url, () => host);
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  // The phone joins on node B (B holds the evening from now on), then node A opens scoring.
  const onB = await phone(nodeB.url, evening.joinCode);
  nodes.track(onB.socket);
  const hostSocket = await connect(nodeA.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  nodes.track(hostSocket);
  const bidder = evening.bidders[0]!;
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
  // A first ballot through node B, so B knows scoring is open.
  ok(await call(onB.socket, 'ballot:submit', bench.ballot(evening, 0, 2)));

  // The phone's next ballot is stored by node A; node B does not learn of it (no Redis).
  const onA = await connect(nodeA.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: onB.token });
  nodes.track(onA);
  const ballot = bench.ballot(evening, 0, 4);
  const first = ok(await call(onA, 'ballot:submit', ballot)) as BallotReceipt;

  // Node A is gone for the phone; it resends the same ballot to node B.
  onA.close();
  const resent = ok(await call(onB.socket, 'ballot:submit', ballot)) as BallotReceipt;
  expect(resent.receipt).toBe(first.receipt);
  expect(resent.acceptedAt).toBe(first.acceptedAt);

  const stored = await nodeA.sql<{ receipt: string }>('SELECT receipt FROM ballot WHERE id = $1', [ballot.ballotId]);
  expect(stored).toEqual([{ receipt: first.receipt }]);
  // One audit entry for the ballot, and the close counts the phone once.
  const entries = ((await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse).entries;
  expect(entries.filter((e) => e.detail.ballotId === ballot.ballotId)).toHaveLength(1);
  const closed = ok(await call(hostSocket, 'host:command', { type: 'close-scoring', bidderId: bidder.id }));
  expect(closed).toMatchObject({ ballotsCounted: 1 });
}, 120_000);
