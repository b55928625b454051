import request from 'supertest';
import type { EveningDetail, SessionResponse } from '@buurtjury/shared';

let counter = 0;

/** A signed-up organiser with helpers for authenticated requests. */
export async function organiser(url: string, name = 'Anna', extra: Record<string, string> = {}) {
  counter++;
  const res = await request(url)
    .post('/api/auth/signup')
    .send({ email: `${name.toLowerCase()}.${counter}@example.nl`, password: 'correct horse battery', displayName: name, networkName: `Netwerk ${name}`, ...extra })
    .expect(201);
  const session = res.body as SessionResponse;
  const auth = { Authorization: `Bearer ${session.token}` };
  return {
    session,
    auth,
    get: (p: string) => request(url).get(p).set(auth),
    post: (p: string, body?: object) => request(url).post(p).set(auth).send(body ?? {}),
    patch: (p: string, body: object) => request(url).patch(p).set(auth).send(body),
    put: (p: string, body: object) => request(url).put(p).set(auth).send(body),
    del: (p: string) => request(url).delete(p).set(auth),
  };
}
export type Organiser = Awaited<ReturnType<typeof organiser>>;

/** Builds a complete evening over HTTP: tender, three bidders, four criteria totalling 100 %. */
export async function completeEvening(o: Organiser, title = 'Idols-avond'): Promise<EveningDetail> {
  const created = await o
    .post('/api/evenings', {
      title,
      date: '2026-12-10',
      startTime: '19:00',
      venue: 'Buurthuis',
      tender: { municipality: 'Gemeente Eemhoven', name: 'Coördinatie wijkprogramma', reference: 'EH-1', committee: 'Adviescommissie' },
    })
    .expect(201);
  const id = (created.body as EveningDetail).id;
  for (const name of ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk']) {
    await o.post(`/api/evenings/${id}/bidders`, { name, pitchMinutes: 10, qaMinutes: 5 }).expect(201);
  }
  let detail: EveningDetail | undefined;
  for (const [name, weight] of [['Kennis van de wijk', 30], ['Ruimte voor bewoners', 30], ['Haalbaarheid', 20], ['Overtuigingskracht', 20]] as const) {
    detail = (await o.post(`/api/evenings/${id}/criteria`, { name, weight }).expect(201)).body as EveningDetail;
  }
  return detail!;
}
