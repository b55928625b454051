import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Ack, BallotReceipt, BallotSubmission, EveningDetail, HostCommand, HostCommandResult, JoinResponse } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from './api';
import { call, connect, ok, type Client } from './sockets';

/** A roomful of phones for the fault tests: each holds its token and the one ballot it sends. */
export interface CrowdPhone {
  token: string;
  socket: Client;
  ballot: BallotSubmission;
}

/** Runs `work` on every item with at most `width` running at a time; resolves once all are done. */
export async function inStreams<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  const stream = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, stream));
}

/**
 * Joins `count` phones over REST and connects each one's socket right after, a few at a time, as
 * a room does (a phone that joins and never connects counts against the join flood limits).
 */
export async function joinPhones(url: string, joinCode: string, count: number): Promise<{ token: string; socket: Client }[]> {
  const phones = new Array<{ token: string; socket: Client }>(count);
  await inStreams(phones, 20, async (_, i) => {
    const res = await request(url).post('/api/join').send({ joinCode }).expect(200);
    const token = (res.body as JoinResponse).attendeeToken;
    phones[i] = { token, socket: await connect(url, { role: 'attendee', joinCode, attendeeToken: token }) };
  });
  return phones;
}

/** Connects one attendee socket per token (again, as after a restart: same tokens, new sockets). */
export function connectPhones(url: string, joinCode: string, tokens: string[]): Promise<Client[]> {
  return Promise.all(tokens.map((attendeeToken) => connect(url, { role: 'attendee', joinCode, attendeeToken })));
}

/** Joined and connected phones, each with a ballot for the bidder (its id made on the phone, kept for resends). */
export async function crowd(url: string, evening: EveningDetail, count: number, bidderIndex = 0): Promise<CrowdPhone[]> {
  const phones = await joinPhones(url, evening.joinCode, count);
  return phones.map(({ token, socket }, i) => ({ token, socket, ballot: ballotFor(evening, bidderIndex, evening.scale.levels[i % evening.scale.levels.length]!.value) }));
}

export function ballotFor(evening: EveningDetail, bidderIndex: number, grade: number): BallotSubmission {
  return {
    ballotId: randomUUID(),
    bidderId: evening.bidders[bidderIndex]!.id,
    grades: Object.fromEntries(evening.criteria.map((c) => [c.id, grade])),
  };
}

/**
 * Sends a ballot and resolves with the server's answer, or with null when none can come: the
 * connection was lost (the server was killed or stopped) or no answer arrived within the bound.
 */
export function submit(socket: Client, ballot: BallotSubmission, timeoutMs = 20_000): Promise<Ack<BallotReceipt> | null> {
  if (!socket.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit('ballot:submit', ballot, (error: Error | null, ack: Ack<BallotReceipt>) => resolve(error ? null : ack));
  });
}

/** Sends a host command and returns its result, failing the test with the server's message on a refusal. */
export async function hostCommand(hostSocket: Client, command: HostCommand): Promise<HostCommandResult> {
  return ok(await call(hostSocket, 'host:command', command));
}

/**
 * The burst: every phone sends its ballot, `width` at a time. `interrupt` runs once, right after the
 * `after`-th acceptance (to close scoring, kill or stop the server mid-burst). Answers that never
 * came are null.
 */
export async function burst(phones: CrowdPhone[], width: number, after: number, interrupt: () => void): Promise<(Ack<BallotReceipt> | null)[]> {
  const answers = new Array<Ack<BallotReceipt> | null>(phones.length);
  let accepted = 0;
  await inStreams(phones, width, async (p, i) => {
    answers[i] = await submit(p.socket, p.ballot);
    if (answers[i]?.ok && ++accepted === after) interrupt();
  });
  return answers;
}

/** A frozen evening whose first pitch is open for scoring, with `count` phones that joined before it started. */
export async function openPitchWithCrowd(url: string, count: number): Promise<{ host: Organiser; evening: EveningDetail; bidderId: string; hostSocket: Client; phones: CrowdPhone[] }> {
  const host = await organiser(url, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const bidderId = evening.bidders[0]!.id;
  const hostSocket = await connect(url, { role: 'host', eveningId: evening.id, token: host.session.token });
  const phones = await crowd(url, evening, count);
  await hostCommand(hostSocket, { type: 'next-pitch' });
  await hostCommand(hostSocket, { type: 'open-scoring', bidderId });
  return { host, evening, bidderId, hostSocket, phones };
}
