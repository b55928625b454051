import type { AuditTrailResponse, EveningDetail, HostCommandResult } from '@buurtjury/shared';
import { DataSource } from 'typeorm';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { completeEvening, type Organiser } from '../support/api';
import type { RunningApp } from '../support/app';
import { twoNodes } from '../support/two-nodes';
import { liveBench } from '../support/live-bench';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/**
 * One truth about open and closed across nodes (issue 16): two app instances share one PostgreSQL
 * database, the host is on node A, phones are on both, and the close races their ballots. Node B
 * is never told about the close (no Redis here): the database decides (docs/architecture.md).
 */
const nodes = twoNodes({ SOCKET_RATE_LIMIT: '100000' });
let nodeA: RunningApp;
let nodeB: RunningApp;
let host: Organiser;
beforeAll(() => {
  ({ nodeA, nodeB, host } = nodes);
});

it('counts every ballot either node stored before the close, stores none after it, and reports one count', async () => {
  const bench = liveBench(() => nodeA.url, () => host);
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const hostSocket = await connect(nodeA.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  nodes.track(hostSocket);
  const bidder = evening.bidders[0]!;
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
  const phones: { node: 'A' | 'B'; socket: Client }[] = [];
  for (let i = 0; i < 24; i++) {
    const node = i % 2 === 0 ? nodeA : nodeB;
    const { socket } = await phone(node.url, evening.joinCode);
    nodes.track(socket);
    phones.push({ node: i % 2 === 0 ? 'A' : 'B', socket });
  }

  // Every phone keeps sending (a new ballot replaces its previous one) until it is told scoring closed.
  const acked = new Set<string>();
  const refused: { node: 'A' | 'B'; reason: string | undefined }[] = [];
  let firstAcks!: () => void;
  const enoughAcked = new Promise<void>((resolve) => (firstAcks = resolve));
  const senders = phones.map(async ({ node, socket }, i) => {
    for (let round = 0; round < 500; round++) {
      const ballot = bench.ballot(evening, 0, 1 + ((i + round) % 5));
      const ack = await call(socket, 'ballot:submit', ballot);
      if (ack.ok) {
        acked.add(ballot.ballotId);
        if (acked.size >= 40) firstAcks();
        continue;
      }
      refused.push({ node, reason: 'reason' in ack ? (ack as { reason?: string }).reason : undefined });
      expect(ack).toMatchObject({ ok: false, code: 'SCORING_CLOSED' });
      return;
    }
    throw new Error('a phone was never told that scoring closed');
  });
  await enoughAcked;
  const closed = ok(await call(hostSocket, 'host:command', { type: 'close-scoring', bidderId: bidder.id })) as HostCommandResult;
  await Promise.all(senders);

  // Every phone was answered, and the phones on node B, which never heard of the close, were refused by the database.
  expect(refused).toHaveLength(phones.length);
  expect(refused.filter((r) => r.node === 'B')).toHaveLength(phones.length / 2);

  // Stored = acknowledged, exactly: nothing acknowledged is missing, nothing refused was stored.
  const stored = await nodeB.app.get(DataSource).manager.findBy(BallotEntity, { eveningId: evening.id, bidderId: bidder.id });
  expect(new Set(stored.map((b) => b.id))).toEqual(acked);

  // In the audit chain every stored ballot comes before the close, and the close counted them all.
  const entries = ((await host.get(`/api/evenings/${evening.id}/audit`).expect(200)).body as AuditTrailResponse).entries;
  const close = entries.find((e) => e.type === 'scoring-closed' && e.detail.bidderId === bidder.id)!;
  const ballotEntries = entries.filter((e) => (e.type === 'ballot-accepted' || e.type === 'ballot-replaced') && e.detail.bidderId === bidder.id);
  expect(ballotEntries).toHaveLength(stored.length);
  expect(Math.max(...ballotEntries.map((e) => e.sequence))).toBeLessThan(close.sequence);
  const phonesWithBallot = new Set(stored.map((b) => b.attendeeId)).size;
  expect(close.detail.counted).toBe(phonesWithBallot);
  expect(closed.ballotsCounted).toBe(phonesWithBallot);
  expect(phonesWithBallot).toBeGreaterThan(0);

  // A ballot sent to node B after the close is refused there too, and noted as late once.
  const late = await call(phones[1]!.socket, 'ballot:submit', bench.ballot(evening, 0, 3));
  expect(late).toMatchObject({ ok: false, code: 'SCORING_CLOSED' });
  expect(await nodeA.app.get(DataSource).manager.countBy(BallotEntity, { eveningId: evening.id, bidderId: bidder.id })).toBe(stored.length);
}, 120_000);
