import { randomUUID } from 'node:crypto';
import {
  documentText,
  type AdviceDocumentResponse,
  type AdviceWorkspaceResponse,
  type AuditTrailResponse,
  type EveningDetail,
  type FingerprintResponse,
  type Incident,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';
import { RenderService } from '../../backend/src/infrastructure/render/render.service';

/**
 * The account of the procedure: declarations of interest in the setup (validated, frozen, in the
 * fingerprint), incidents recorded from the freeze until the first issue (each change in the audit
 * trail), and the advice's account of a reopened scoring on which the ranking depends.
 */
let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
const sockets: Client[] = [];
const url = (p = '') => `/api/evenings/${evening.id}${p}`;
const trail = async () => ((await host.get(url('/audit')).expect(200)).body as AuditTrailResponse).entries;

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  evening = await completeEvening(host);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

describe('declarations of interest', () => {
  it('are recorded in the setup, normalised, and refused when a role both declares and has nothing to declare', async () => {
    const body = {
      items: [
        { who: '  Buurthuis De Linde ', role: 'venue', interest: 'Wordt beheerd door Welzijn Eemland.', measure: 'De beheerder was niet in de zaal.' },
        { who: 'Piet', role: 'moderator', interest: 'Buurman van een medewerker.', measure: '' },
      ],
      noneDeclared: ['network'],
    };
    const saved = (await host.put(url('/declarations'), body).expect(200)).body as EveningDetail;
    expect(saved.declarations).toEqual({
      items: [
        { who: 'Piet', role: 'moderator', interest: 'Buurman van een medewerker.', measure: '' },
        { who: 'Buurthuis De Linde', role: 'venue', interest: 'Wordt beheerd door Welzijn Eemland.', measure: 'De beheerder was niet in de zaal.' },
      ],
      noneDeclared: ['network'],
    });
    const contradict = await host.put(url('/declarations'), { ...body, noneDeclared: ['venue'] }).expect(400);
    expect(contradict.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'procedure.declarationsContradict' });
    await host.put(url('/declarations'), { items: [{ who: 'X', role: 'mayor', interest: 'y', measure: '' }], noneDeclared: [] }).expect(400);
    await host.put(url('/declarations'), { items: [{ who: '', role: 'venue', interest: 'y', measure: '' }], noneDeclared: [] }).expect(400);
    await host.put(url('/declarations'), { items: 'none', noneDeclared: [] }).expect(400);
    await host.put(url('/declarations'), { items: [], noneDeclared: ['venue', 'venue'] }).expect(400);
    // Nothing was lost by the refused attempts.
    expect(((await host.get(url()).expect(200)).body as EveningDetail).declarations).toEqual(saved.declarations);
  });

  it('are part of the frozen setup: in its canonical text and fingerprint, and fixed from the freeze on (and no incident is taken before it)', async () => {
    const early = await host.post(url('/incidents'), { at: '2026-12-10T18:05:00.000Z', what: 'Te vroeg.', effect: '', measure: '' }).expect(409);
    expect(early.body).toMatchObject({ code: 'INVALID_STATE', reason: 'procedure.incidentsBeforeFreeze' });
    evening = (await host.post(url('/freeze')).expect(200)).body as EveningDetail;
    const fp = (await host.get(url('/fingerprint')).expect(200)).body as FingerprintResponse;
    expect(JSON.parse(fp.canonical)).toMatchObject({ declarations: { noneDeclared: ['network'], items: [{ who: 'Piet' }, { who: 'Buurthuis De Linde' }] } });
    const refused = await host.put(url('/declarations'), { items: [], noneDeclared: ['network', 'moderator', 'venue'] }).expect(409);
    expect(refused.body).toMatchObject({ code: 'SETUP_FROZEN' });
  });
});

describe('incidents', () => {
  let incidents: Incident[];

  it('records, changes and removes incidents after the freeze, each change in the audit trail with the texts before and after', async () => {
    incidents = (await host.post(url('/incidents'), { at: '2026-12-10T18:40:00.000Z', what: 'De microfoon viel uit.', effect: 'Vragen onverstaanbaar.', measure: 'Reservemicrofoon.' }).expect(201))
      .body as Incident[];
    expect(incidents).toEqual([expect.objectContaining({ at: '2026-12-10T18:40:00.000Z', what: 'De microfoon viel uit.', recordedBy: 'Host' })]);
    const id = incidents[0]!.id;
    incidents = (await host.put(url(`/incidents/${id}`), { at: '2026-12-10T18:41:00.000Z', what: 'De microfoon viel twee minuten uit.', effect: 'Vragen onverstaanbaar.', measure: 'Reservemicrofoon.' }).expect(200))
      .body as Incident[];
    const extra = (await host.post(url('/incidents'), { at: '2026-12-10T18:10:00.000Z', what: 'Verkeerde dia.', effect: '', measure: '' }).expect(201)).body as Incident[];
    expect(extra.map((x) => x.what)).toEqual(['Verkeerde dia.', 'De microfoon viel twee minuten uit.']);
    incidents = (await host.del(url(`/incidents/${extra[0]!.id}`)).expect(200)).body as Incident[];
    expect(incidents.map((x) => x.id)).toEqual([id]);
    const entries = (await trail()).filter((e) => e.type.startsWith('incident-'));
    expect(entries.map((e) => e.type)).toEqual(['incident-recorded', 'incident-changed', 'incident-recorded', 'incident-removed']);
    expect(entries[1]!.detail).toMatchObject({ incidentId: id, 'what.before': 'De microfoon viel uit.', 'what.after': 'De microfoon viel twee minuten uit.', 'at.after': '2026-12-10T18:41:00.000Z' });
    expect(entries[3]!.detail).toMatchObject({ 'what.before': 'Verkeerde dia.' });
  });

  it('validates what it is sent', async () => {
    for (const bad of [
      { at: 'gisteren', what: 'x', effect: '', measure: '' },
      { at: '2026-12-10T18:40:00.000Z', what: '', effect: '', measure: '' },
      { at: '2026-12-10T18:40:00.000Z', what: 'x'.repeat(2001), effect: '', measure: '' },
      { at: '2026-12-10T18:40:00.000Z', what: 'x' },
    ]) {
      expect((await host.post(url('/incidents'), bad).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await host.put(url(`/incidents/${randomUUID()}`), { at: '2026-12-10T18:40:00.000Z', what: 'x', effect: '', measure: '' }).expect(404)).body).toMatchObject({
      reason: 'notFound.incident',
    });
    const other = await organiser(running.url, 'Ander');
    await other.get(url('/incidents')).expect(404);
    expect(((await host.get(url('/incidents')).expect(200)).body as Incident[]).map((x) => x.id)).toEqual(incidents.map((x) => x.id));
  });
});

describe('the advice’s account of the procedure', () => {
  let text: string;

  beforeAll(async () => {
    const [a, b, c] = evening.bidders as [EveningDetail['bidders'][0], EveningDetail['bidders'][0], EveningDetail['bidders'][0]];
    const hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
    const phones: Client[] = [];
    for (let i = 0; i < 3; i++) phones.push((await phone(running.url, evening.joinCode)).socket);
    sockets.push(hostSocket, ...phones);
    const command = async (cmd: Parameters<typeof call<'host:command'>>[2]) => ok(await call(hostSocket, 'host:command', cmd));
    const vote = async (p: Client, bidderId: string, grade: number) =>
      ok(await call(p, 'ballot:submit', { ballotId: randomUUID(), bidderId, grades: Object.fromEntries(evening.criteria.map((x) => [x.id, grade])) }));
    const pitch = async (bidderId: string, grades: number[]) => {
      await command({ type: 'start-pitch', bidderId, closeOpenScoring: true });
      await command({ type: 'open-scoring', bidderId });
      for (const [i, g] of grades.entries()) await vote(phones[i]!, bidderId, g);
      await command({ type: 'close-scoring', bidderId });
    };
    // A leads (majority grade 4) until one phone changes its grade after the reopening: then B leads.
    await pitch(a.id, [4, 4, 2]);
    await pitch(b.id, [3, 3, 3]);
    await command({ type: 'reopen-scoring', bidderId: a.id, reason: 'Microfoon viel uit' });
    await vote(phones[0]!, a.id, 1);
    await command({ type: 'close-scoring', bidderId: a.id });
    await pitch(c.id, [1, 1, 1]);
    await command({ type: 'end-evening' });
    const workspace = (await host.get(url('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    expect(workspace.draft).toBeDefined();
    text = documentText(((await host.get(url('/advice/preview?lang=nl')).expect(200)).body as AdviceDocumentResponse).document);
  }, 60_000);

  it('says how many ballots arrived after the reopening and that the first place depends on them', () => {
    const [a, b] = evening.bidders;
    expect(text).toContain(`het beoordelen van ${a!.name} is heropend (reden: “Microfoon viel uit”).`);
    expect(text).toContain(
      `Daarna kwam voor ${a!.name} 1 beoordeling binnen die meetelt. Daarvan verving 1 een eerdere beoordeling van dezelfde telefoon. Zonder die beoordeling, met de eerdere beoordeling die zij verving, is de rangorde anders. Op de eerste plaats staat dan ${a!.name} in plaats van ${b!.name}.`,
    );
  });

  it('prints the times from the live log, the declarations, the incidents and how ties and presence were handled', () => {
    for (const bidder of evening.bidders) expect(text).toMatch(new RegExp(`${bidder.position} ${bidder.name} 10 \\+ 5 min \\d\\d:\\d\\d 0,\\d min`));
    expect(text).toContain('Elke inschrijver had dezelfde geplande tijd: 10 minuten voor de pitch en 5 minuten voor vragen.');
    expect(text).toContain('Meer dan 2 minuten afwijking van de geplande tijd:');
    expect(text).toContain('Het beoordelen is 1 keer heropend; wat dat veranderde, staat hieronder.');
    expect(text).toContain('De omstandigheden waren dus niet voor alle inschrijvers gelijk');
    expect(text).toContain('Piet moderator Buurman van een medewerker. geen maatregel vastgelegd');
    expect(text).toContain('Organiserend netwerk (Netwerk Host): geen belang gemeld.');
    expect(text).toContain('De microfoon viel twee minuten uit. Vragen onverstaanbaar. Reservemicrofoon.');
    expect(text).toContain('Er is geen band gemeld.');
    // The presence rule is told once, in the participation chapter; the procedure points there.
    expect(text.split('Aanwezigheidsregel:').length - 1).toBe(1);
    expect(text).toContain('Hoe de aanwezigheidsregel is toegepast, staat in hoofdstuk 6.');
  });

  it('refuses to issue a version whose documents miss an incident recorded while they were made', async () => {
    const current = (await host.get(url('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    const content = { ...current.draft.content, summary: 'Samenvatting.', recommendation: 'Advies.' };
    const saved = (await host.put(url('/advice/draft'), { content, revision: current.draft.revision }).expect(200)).body as { revision: number };
    // Hold the first document's rendering until the incident is recorded: the incidents were read before it.
    const render = running.app.get(RenderService);
    const original = render.advice.bind(render);
    let entered!: () => void;
    const rendering = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    render.advice = async (job) => {
      render.advice = original;
      entered();
      await gate;
      return original(job);
    };
    const issuing = host.post(url('/advice/versions'), { authorship: ISSUER, revision: saved.revision, acceptEmpty: true });
    const answer = issuing.then((r) => r);
    await rendering;
    await host.post(url('/incidents'), { at: '2026-12-10T19:05:00.000Z', what: 'Stroomstoring.', effect: '', measure: '' }).expect(201);
    release();
    const refused = await answer;
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DRAFT_CHANGED', reason: 'advice.incidentsChanged' });
    expect(((await host.get(url('/advice')).expect(200)).body as AdviceWorkspaceResponse).versions).toEqual([]);
    // Removed again, so that the evening's account below stays as it was.
    const recorded = (await host.get(url('/incidents')).expect(200)).body as Incident[];
    await host.del(url(`/incidents/${recorded.find((i) => i.what === 'Stroomstoring.')!.id}`)).expect(200);
  }, 240_000);

  it('takes no incident changes once the advice is issued, which prints them', async () => {
    const current = (await host.get(url('/advice')).expect(200)).body as AdviceWorkspaceResponse;
    const content = { ...current.draft.content, summary: 'Samenvatting.', recommendation: 'Advies.' };
    const saved = (await host.put(url('/advice/draft'), { content, revision: current.draft.revision }).expect(200)).body as { revision: number };
    await host.post(url('/advice/versions'), { authorship: ISSUER, revision: saved.revision, acceptEmpty: true }).expect(201);
    const id = ((await host.get(url('/incidents')).expect(200)).body as Incident[])[0]!.id;
    for (const attempt of [
      host.post(url('/incidents'), { at: '2026-12-10T18:40:00.000Z', what: 'Later.', effect: '', measure: '' }),
      host.put(url(`/incidents/${id}`), { at: '2026-12-10T18:40:00.000Z', what: 'Anders.', effect: '', measure: '' }),
      host.del(url(`/incidents/${id}`)),
    ]) {
      expect((await attempt.expect(409)).body).toMatchObject({ code: 'EVENING_SEALED', reason: 'procedure.incidentsSealed' });
    }
    const printed = documentText(((await host.get(url('/advice/versions/1/document?lang=en')).expect(200)).body as AdviceDocumentResponse).document);
    expect(printed).toContain('De microfoon viel twee minuten uit.');
    expect(printed).toContain('Times per bidder');
    // Issuing renders four documents in a child process: generous on a busy machine.
  }, 240_000);
});
