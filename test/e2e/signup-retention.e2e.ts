/**
 * Retention of sign-ups of an evening that was announced but never frozen: its sign-ups (names,
 * e-mail addresses) are deleted once RETENTION_DAYS have passed since the end of its date, like
 * a frozen evening's personal data; an evening whose date has not passed that long keeps them.
 */
import request from 'supertest';
import type { EveningDetail, SessionResponse, SignupOverview } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { SignupRetention } from '../../backend/src/signup/signup-retention';

const RETENTION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const settings = { open: true, capacity: null, nameOnly: false, address: '', accessibility: '', about: '' };

async function announcedWithSignups(app: RunningApp, host: Organiser, date: string): Promise<EveningDetail> {
  const evening = await completeEvening(host, `Avond ${date}`);
  await host.patch(`/api/evenings/${evening.id}`, { date }).expect(200);
  const code = ((await host.put(`/api/evenings/${evening.id}/signups/settings`, settings).expect(200)).body as SignupOverview).settings!.code;
  for (const name of ['Fatima', 'Bert']) {
    await request(app.url).post(`/api/announcements/${code}/signups`).send({ name, email: `${name.toLowerCase()}@example.nl` }).expect(201);
  }
  return evening;
}

const names = async (host: Organiser, evening: EveningDetail) =>
  ((await host.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview).signups.map((s) => s.name);

it('deletes the sign-ups of a never-frozen evening whose retention period has passed, at the next start', async () => {
  const first = await startApp({ RETENTION_DAYS: String(RETENTION_DAYS) });
  const host = await organiser(first.url, 'Anna');
  const long = await announcedWithSignups(first, host, '2020-03-01');
  const soon = await announcedWithSignups(first, host, new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10));
  // A restart on the same database: the deletion runs at startup (and then every hour).
  await first.app.close();
  const second = await startApp({ RETENTION_DAYS: String(RETENTION_DAYS), ...first.databaseEnv });
  try {
    // The same organiser logs in on the restarted app.
    const session = (await request(second.url).post('/api/auth/login').send({ email: host.session.organiser.email, password: 'correct horse battery' }).expect(200)).body as SessionResponse;
    const again = { get: (p: string) => request(second.url).get(p).set({ Authorization: `Bearer ${session.token}` }) } as Organiser;
    expect(await names(again, long)).toEqual([]);
    expect(await names(again, soon)).toEqual(['Fatima', 'Bert']);
  } finally {
    await second.close();
    await first.close();
  }
});

it('counts from the end of the evening\'s date', async () => {
  const app = await startApp({ RETENTION_DAYS: String(RETENTION_DAYS) });
  try {
    const host = await organiser(app.url, 'Anna');
    const evening = await announcedWithSignups(app, host, '2027-02-01');
    const endOfDate = Date.parse('2027-02-02T00:00:00Z');
    const retention = app.app.get(SignupRetention);
    expect((await retention.purgeDue(new Date(endOfDate + (RETENTION_DAYS - 1) * DAY))).find((d) => d.eveningId === evening.id)).toBeUndefined();
    expect(await names(host, evening)).toEqual(['Fatima', 'Bert']);
    expect(await retention.purgeDue(new Date(endOfDate + (RETENTION_DAYS + 1) * DAY))).toEqual([{ eveningId: evening.id, deleted: 2 }]);
    expect(await names(host, evening)).toEqual([]);
    expect(await app.sql('SELECT * FROM "signup" WHERE "eveningId" = $1', [evening.id])).toEqual([]);
    // The announcement page itself stays (it holds nothing personal).
    expect(((await host.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview).settings).not.toBeNull();
  } finally {
    await app.close();
  }
});
