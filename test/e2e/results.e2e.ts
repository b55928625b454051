import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { computeResults, recordToResultsInput, resultsFingerprint, resultsJson, type BallotRecord, type EveningDetail, type ResultsResponse } from '@buurtjury/shared';
import { AttendeeEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/** The organisers' results report, computed from the stored ballots once the evening has ended. */
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
let hostSocket: Client;
const sockets: Client[] = [];

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(hostSocket);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

const grades = (grade: number) => Object.fromEntries(evening.criteria.map((c) => [c.id, grade]));

it('refuses results before the evening has ended, and to another network', async () => {
  expect((await host.get(`/api/evenings/${evening.id}/results`).expect(409)).body).toMatchObject({ code: 'EVENING_NOT_ENDED' });
  const stranger = await organiser(running.url, 'Stranger');
  expect((await stranger.get(`/api/evenings/${evening.id}/results`).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
});

it('computes the report from the latest ballots, leaves out tied ones, and is the same every time', async () => {
  const [a, b] = evening.bidders;
  const phones = [];
  for (let i = 0; i < 4; i++) {
    const p = await phone(running.url, evening.joinCode);
    sockets.push(p.socket);
    phones.push(p.socket);
  }
  ok(await call(phones[3]!, 'attendee:ties', { bidderIds: [b!.id] }));
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: a!.id }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: a!.id }));
  // Bidder A: 5, 4, 4 and a phone that first sends 1 and then changes it to 5.
  for (const [i, g] of [5, 4, 4, 1].entries()) ok(await call(phones[i]!, 'ballot:submit', { ballotId: randomUUID(), bidderId: a!.id, grades: grades(g) }));
  ok(await call(phones[3]!, 'ballot:submit', { ballotId: randomUUID(), bidderId: a!.id, grades: grades(5) }));
  ok(await call(hostSocket, 'host:command', { type: 'start-pitch', bidderId: b!.id, closeOpenScoring: true }));
  ok(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: b!.id }));
  // Bidder B: 3, 3, 2; the fourth phone declared a tie with B and may not score it.
  for (const [i, g] of [3, 3, 2].entries()) ok(await call(phones[i]!, 'ballot:submit', { ballotId: randomUUID(), bidderId: b!.id, grades: grades(g) }));
  expect(await call(phones[3]!, 'ballot:submit', { ballotId: randomUUID(), bidderId: b!.id, grades: grades(5) })).toMatchObject({ ok: false, code: 'TIED_TO_BIDDER' });
  ok(await call(hostSocket, 'host:command', { type: 'end-evening' }));

  const first = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
  const { report } = first;
  expect(report.ballotsReceived).toBe(7);
  const resultA = report.all.bidders.find((r) => r.bidderId === a!.id)!;
  const resultB = report.all.bidders.find((r) => r.bidderId === b!.id)!;
  // A: overall grades 4, 4, 5, 5 -> lower median 4, mean 4.5. B: 2, 3, 3 -> median 3, mean 2.6667.
  expect(resultA).toMatchObject({ ballots: 4, majorityGrade: 4, weightedMean: 4.5 });
  expect(resultB).toMatchObject({ ballots: 3, majorityGrade: 3, weightedMean: 2.6667 });
  expect(report.all.ranking.map((r) => r.bidderId).slice(0, 2)).toEqual([a!.id, b!.id]);
  expect(report.all.unranked).toEqual([evening.bidders[2]!.id]);
  expect(report.settings.seed).toBe(evening.fingerprint);
  // Attendees appear only under pseudonyms.
  const attendees = await running.app.get(DataSource).manager.findBy(AttendeeEntity, { eveningId: evening.id });
  expect(attendees).toHaveLength(4);
  const text = JSON.stringify(report);
  for (const a of attendees) expect(text).not.toContain(a.id);
  expect(report.integrity.tiesDeclared).toBe(1);
  expect(first.fingerprint).toBe(resultsFingerprint(report));

  const second = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
  expect(second.fingerprint).toBe(first.fingerprint);

  // The second call above may come from the server's cache, so it cannot show that the computation
  // is deterministic. Recompute twice from the published record, each time from a fresh parse and
  // without any cache, and compare with each other and with what the server published.
  const recordText = (await host.get(`/api/evenings/${evening.id}/exports/record.json`).expect(200)).text;
  const resultsText = (await host.get(`/api/evenings/${evening.id}/exports/results.json`).expect(200)).text;
  const recompute = () => computeResults(recordToResultsInput(JSON.parse(recordText) as BallotRecord));
  const [once, again] = [recompute(), recompute()];
  expect(resultsFingerprint(again)).toBe(resultsFingerprint(once));
  expect(resultsJson(again)).toBe(resultsJson(once));
  expect(resultsFingerprint(once)).toBe(first.fingerprint);
  expect(resultsJson(once)).toBe(resultsText);
});
