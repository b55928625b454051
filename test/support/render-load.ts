/**
 * The scenario of issue 12's first finding, for the render test and benchmark: while phones of one
 * evening keep sending ballots, an organiser of another network asks for the heaviest documents
 * the server makes: the advice preview PDF of a draft whose five main texts are 20,000 characters
 * without a space, issuing that advice (two editions, PDF and DOCX), the largest score-card print
 * (the most criteria and grades) and the most ticket cards. Only HTTP and socket.io, so it runs
 * against any server (in this process or another, this code or an older one).
 */
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import type { AdviceWorkspaceResponse, EveningDetail } from '@buurtjury/shared';
import { organiser, type Organiser } from './api';
import { ballotFor, submit, type CrowdPhone } from './crowd';
import { call, connect, ok } from './sockets';
import { ISSUER } from './authorship';

/** The setup of the heaviest print: every pitch's cards show 12 criteria × 10 grades. */
export interface PrintSetup {
  bidders: number;
  criteria: number;
  levels: number;
  cardsPerPitch: number;
  tickets: number;
  /** Characters of each of the draft's five main texts (one run, no spaces). */
  draftChars: number;
}

export interface HeavyEvening {
  printer: Organiser;
  evening: EveningDetail;
  /** The saved draft's revision, to issue it. */
  revision: number;
  /** Tickets to make (their cards are rendered as they are made). */
  tickets: number;
}

/** A frozen, ended evening (admission by ticket) with score cards set and the long draft saved; tickets are made in renderAll. */
export async function heavyEvening(url: string, setup: PrintSetup, beforeEnd?: (printer: Organiser, evening: EveningDetail) => Promise<void>): Promise<HeavyEvening> {
  const printer = await organiser(url, 'Printer');
  const created = await printer
    .post('/api/evenings', {
      title: 'Drukke avond',
      date: '2026-12-11',
      startTime: '19:30',
      venue: 'Wijkcentrum De Kern',
      tender: { municipality: 'Gemeente Eemhoven', name: 'Beheer buitenruimte', reference: 'EH-2', committee: 'Adviescommissie' },
    })
    .expect(201);
  const id = (created.body as EveningDetail).id;
  const ev = (p = '') => `/api/evenings/${id}${p}`;
  await printer.patch(ev(), { rules: { accessMode: 'tickets' } }).expect(200);
  for (let i = 1; i <= setup.bidders; i++) await printer.post(ev('/bidders'), { name: `Inschrijver ${i} Buitenruimte B.V.`, pitchMinutes: 10, qaMinutes: 5 }).expect(201);
  // Whole weights adding up to 100.
  const base = Math.floor(100 / setup.criteria);
  for (let i = 0; i < setup.criteria; i++) {
    const weight = base + (i < 100 - base * setup.criteria ? 1 : 0);
    await printer.post(ev('/criteria'), { name: `Criterium ${i + 1}: kwaliteit en uitvoering`, weight }).expect(201);
  }
  const levels = Array.from({ length: setup.levels }, (_, i) => ({ value: setup.levels - i, label: `Niveau ${setup.levels - i} van ${setup.levels}`, description: '' }));
  await printer.put(ev('/scale'), { kind: 'verbal', levels }).expect(200);
  const evening = (await printer.post(ev('/freeze')).expect(200)).body as EveningDetail;
  await printer.put(ev('/paper/cards'), { cardsPerPitch: setup.cardsPerPitch }).expect(200);
  // The ticket cards are made (and their codes drawn) while the ballots come in: see renderAll.

  // Paper cards can be changed only until the evening ends.
  await beforeEnd?.(printer, evening);

  // Started and ended without a ballot, so that the advice can be written.
  const host = await connect(url, { role: 'host', eveningId: id, token: printer.session.token });
  ok(await call(host, 'host:command', { type: 'end-evening' }));
  host.close();
  const workspace = (await printer.get(ev('/advice')).expect(200)).body as AdviceWorkspaceResponse;
  const run = 'x'.repeat(setup.draftChars);
  const content = { ...workspace.draft.content, summary: run, recommendation: run, minorityViews: run, incidents: run, limitations: run };
  const res = await printer.put(ev('/advice/draft'), { content, revision: workspace.draft.revision });
  if (res.status !== 200) throw new Error(`saving the draft: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const saved = res.body as { revision: number };
  return { printer, evening, revision: saved.revision, tickets: setup.tickets };
}

/** One answer of the server to a document request. */
export interface RenderAnswer {
  what: string;
  status: number;
  code?: string;
  bytes: number;
  ms: number;
  body: Buffer;
}

/** Asks for all heavy documents at once, as impatient organisers would; resolves once all are answered. */
export async function renderAll(url: string, { printer, evening, revision, tickets }: HeavyEvening): Promise<RenderAnswer[]> {
  const ev = (p: string) => `/api/evenings/${evening.id}${p}`;
  const binary = (res: request.Response, cb: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const timed = async (what: string, req: request.Test): Promise<RenderAnswer> => {
    const started = performance.now();
    const res = await req.buffer(true).parse(binary);
    const body = res.body as Buffer;
    const code = res.status === 200 || res.status === 201 ? undefined : (JSON.parse(body.toString('utf8')) as { code?: string }).code;
    return { what, status: res.status, code, bytes: body.length, ms: Math.round(performance.now() - started), body };
  };
  const auth = printer.auth;
  return Promise.all([
    timed('advice preview PDF', request(url).get(ev('/advice/preview.pdf?lang=nl')).set(auth)),
    timed('issue advice (2 × PDF + DOCX)', request(url).post(ev('/advice/versions')).set(auth).send({ authorship: ISSUER, revision, acceptEmpty: true })),
    timed('score cards PDF', request(url).get(ev('/paper/cards.pdf')).set(auth)),
    // Making tickets answers the PDF of their cards: the only time their codes exist outside the cards.
    timed('ticket cards PDF', request(url).post(ev('/tickets/cards.pdf')).set(auth).send({ count: tickets })),
  ]);
}

/** Acknowledgement times of the ballots sent while the documents were made. */
export interface BallotLoad {
  /** Milliseconds from sending to the acknowledgement, of every acknowledged ballot. */
  latencies: number[];
  /** Ballots refused, or not answered within the bound. */
  failures: string[];
}

/**
 * Every phone keeps scoring the open pitch: a new ballot (replacing its previous one) every
 * `everyMs`, each sent once the previous one is acknowledged, until `stop` resolves.
 */
export async function keepVoting(phones: CrowdPhone[], evening: EveningDetail, everyMs: number, stop: Promise<unknown>): Promise<BallotLoad> {
  let stopped = false;
  const halt = stop.then(() => {
    stopped = true;
  });
  const load: BallotLoad = { latencies: [], failures: [] };
  const levels = evening.scale.levels;
  const pace = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    phones.map(async (p, i) => {
      // Spread the phones over the interval, as a room does.
      await pace((everyMs * i) / phones.length);
      for (let n = 0; !stopped; n++) {
        const started = performance.now();
        const connected = p.socket.connected;
        const ack = await submit(p.socket, ballotFor(evening, 0, levels[(i + n) % levels.length]!.value), 10_000);
        const ms = performance.now() - started;
        if (ack?.ok) load.latencies.push(ms);
        else load.failures.push(ack ? `${ack.code}: ${ack.message}` : connected ? 'no answer within 10 s' : 'connection lost');
        await Promise.race([pace(Math.max(0, everyMs - ms)), halt]);
      }
    }),
  );
  return load;
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
