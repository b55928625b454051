/**
 * The load benchmarks' light phone (test/bench/light-phone.ts) speaks socket.io's protocol by hand;
 * its figures are only worth something if a real socket.io server understands it as it understands
 * socket.io-client. Checked against a plain socket.io server (the same package and version as the
 * app's): the handshake's auth, a refused handshake, an event with an acknowledgement, events from
 * the server, the server's pings, and closing.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { LightPhone } from '../bench/light-phone';

describe('the benchmarks’ light phone against a socket.io server', () => {
  let http: HttpServer;
  let io: Server;
  let base: string;
  const connected: Socket[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http, { serveClient: false, pingInterval: 40, pingTimeout: 400 });
    io.use((socket, next) => {
      const auth = socket.handshake.auth as { attendeeId?: unknown };
      next(auth.attendeeId === 'refused' ? new Error('Deze telefoon mag niet meedoen.') : undefined);
    });
    io.on('connection', (socket) => {
      connected.push(socket);
      socket.on('ballot:submit', (ballot: { ballotId: string }, ack: (r: object) => void) => ack({ ok: true, ballotId: ballot.ballotId, by: socket.handshake.auth }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    connected.length = 0;
    await io.close();
  });

  it('connects with its auth, and an event with an acknowledgement gets the server’s answer', async () => {
    const phone = await LightPhone.connect(base, { attendeeId: 'a-1', joinCode: 'ABC' });
    const answer = await new Promise<unknown>((resolve) => phone.emit('ballot:submit', { ballotId: 'b-1', grades: { x: 3 } }, resolve));
    expect(answer).toEqual({ ok: true, ballotId: 'b-1', by: { attendeeId: 'a-1', joinCode: 'ABC' } });
    // Acknowledgements are matched by id, also when several are outstanding.
    const answers = await Promise.all(['b-2', 'b-3', 'b-4'].map((id) => new Promise<unknown>((resolve) => phone.emit('ballot:submit', { ballotId: id }, resolve))));
    expect(answers.map((a) => (a as { ballotId: string }).ballotId)).toEqual(['b-2', 'b-3', 'b-4']);
    phone.close();
  });

  it('rejects with the server’s message when the handshake is refused', async () => {
    await expect(LightPhone.connect(base, { attendeeId: 'refused' })).rejects.toThrow('Deze telefoon mag niet meedoen.');
  });

  it('receives the events it listens for, once with once', async () => {
    const phone = await LightPhone.connect(base, { attendeeId: 'a-2' });
    const boards: unknown[] = [];
    const onces: unknown[] = [];
    phone.on('question:board', (board: never) => boards.push(board));
    phone.once('question:board', (board: never) => onces.push(board));
    const two = new Promise<void>((resolve) => phone.on('question:votes', () => resolve()));
    connected[0]!.emit('question:board', { version: 1, text: 'Wie "betaalt" dat?' });
    connected[0]!.emit('question:board', { version: 2 }, 'tweede');
    connected[0]!.emit('question:votes', {});
    await two;
    expect(boards).toEqual([{ version: 1, text: 'Wie "betaalt" dat?' }, { version: 2 }]);
    expect(onces).toEqual([{ version: 1, text: 'Wie "betaalt" dat?' }]);
    phone.close();
  });

  it('answers the server’s pings, so its connection stays open', async () => {
    const phone = await LightPhone.connect(base, { attendeeId: 'a-3' });
    const server = connected[0]!;
    let closed = false;
    server.on('disconnect', () => (closed = true));
    // The server pings every 40 ms and closes a connection whose pong does not come within 400 ms.
    await new Promise<void>((resolve) => {
      let pongs = 0;
      server.conn.on('packet', (packet: { type: string }) => {
        if (packet.type === 'pong' && ++pongs === 5) resolve();
      });
    });
    expect(closed).toBe(false);
    expect(server.connected).toBe(true);
    phone.close();
  });

  it('closing it disconnects it on the server', async () => {
    const phone = await LightPhone.connect(base, { attendeeId: 'a-4' });
    const gone = new Promise<string>((resolve) => connected[0]!.on('disconnect', resolve));
    phone.close();
    expect(await gone).toBe('client namespace disconnect');
  });
});
