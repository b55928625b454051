import { randomUUID } from 'node:crypto';
import type { BallotSubmission, EveningDetail, HostCommand, HostCommandResult } from '@buurtjury/shared';
import { completeEvening, type Organiser } from './api';
import { call, connect, ok, phone, type Client } from './sockets';

/**
 * What the live e2e suites share: a frozen evening with a connected host console and big screen,
 * phones that join it, ballots of one grade on every criterion, host commands that must succeed,
 * and one place that closes every socket a test opened (call `closeAll` after each test).
 */
export interface LiveBench {
  liveEvening(): Promise<{ evening: EveningDetail; hostSocket: Client; screen: Client }>;
  attendee(evening: EveningDetail): Promise<Client>;
  ballot(evening: EveningDetail, bidderIndex: number, grade: number, extra?: Partial<BallotSubmission>): BallotSubmission;
  command(hostSocket: Client, cmd: HostCommand): Promise<HostCommandResult>;
  /** Closes this socket with the others after the test. */
  track(socket: Client): Client;
  closeAll(): void;
}

export function liveBench(url: () => string, host: () => Organiser): LiveBench {
  const sockets: Client[] = [];
  return {
    async liveEvening() {
      const draft = await completeEvening(host());
      const evening = (await host().post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
      const hostSocket = await connect(url(), { role: 'host', eveningId: evening.id, token: host().session.token });
      const screen = await connect(url(), { role: 'screen', joinCode: evening.joinCode });
      sockets.push(hostSocket, screen);
      return { evening, hostSocket, screen };
    },
    async attendee(evening) {
      const { socket } = await phone(url(), evening.joinCode);
      sockets.push(socket);
      return socket;
    },
    ballot(evening, bidderIndex, grade, extra = {}) {
      return {
        ballotId: randomUUID(),
        bidderId: evening.bidders[bidderIndex]!.id,
        grades: Object.fromEntries(evening.criteria.map((c) => [c.id, grade])),
        ...extra,
      };
    },
    async command(hostSocket, cmd) {
      return ok(await call(hostSocket, 'host:command', cmd));
    },
    track(socket) {
      sockets.push(socket);
      return socket;
    },
    closeAll() {
      for (const s of sockets.splice(0)) s.close();
    },
  };
}
