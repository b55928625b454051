/**
 * Dev tool: against a running server, signs up an organiser, builds and freezes a complete
 * evening, lets ~25 phones score every bidder (varied grades, some remarks with an e-mail
 * address, a phone number or a name in them), ends the evening and prints how to log in.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/dev/seed-ended-evening.ts http://localhost:3111
 */
import { randomUUID } from 'node:crypto';
import type { EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { call, connect, ok, phone, type Client } from '../support/sockets';

export const PASSWORD = 'correct horse battery';

export interface SeededEvening {
  url: string;
  email: string;
  password: string;
  token: string;
  eveningId: string;
  evening: EveningDetail;
}

/** Remarks per bidder (by running order); `null` means no remark. */
const REMARKS: string[][] = [
  [
    'Ik vond Karin heel sterk in de vragenronde.',
    'Goed verhaal, ze kennen de wijk echt. Mail me op jan.devries@example.nl voor meer ideeën.',
    'Concreet plan met een duidelijke planning.',
    'Bel me gerust: 06-12345678, ik wil graag meedenken.',
    'Sterk op bewonersparticipatie, minder op de kosten.',
    'De presentatie was wat lang, maar inhoudelijk goed.',
    'Samen met Ahmed van de moskee, dat is slim.',
  ],
  [
    'Mooie ambities maar weinig uitgewerkt.',
    'Ik mis hoe ze jongeren bereiken.',
    'De spreker, Pieter Jansen, was overtuigend maar vaag over geld.',
    'Prima, maar niet onderscheidend.',
    'Vragen over de begroting werden ontweken.',
  ],
  [
    'Heel herkenbaar verhaal uit onze buurt.',
    'Ze werken al jaren met het buurthuis samen, dat merk je.',
    'Mijn naam is Fatima en ik vond dit het beste plan.',
    'Twijfel over de haalbaarheid in één jaar.',
    'Groeten, Henk',
    'Graag meer aandacht voor ouderen. Tel. 033-4567890',
  ],
];

/** A small deterministic generator, so every run gives the same kind of evening. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedEndedEvening(url: string, phones = 25): Promise<SeededEvening> {
  // A fresh address each run, so the script can run again against the same database.
  const o = await organiser(url, 'Anna', { email: `anna.${Date.now().toString(36)}@example.nl` });
  const draft = await completeEvening(o, 'Bewonersavond Eemhoven-Noord');
  const frozen = await o.post(`/api/evenings/${draft.id}/freeze`);
  if (frozen.status !== 200) throw new Error(`freeze: ${frozen.status} ${JSON.stringify(frozen.body)}`);
  const evening = frozen.body as EveningDetail;
  const values = evening.scale.levels.map((l) => l.value).sort((a, b) => a - b);
  const rand = random(20261210);
  const host = await connect(url, { role: 'host', eveningId: evening.id, token: o.session.token });
  const sockets: Client[] = [host];
  try {
    for (let i = 0; i < phones; i++) sockets.push((await phone(url, evening.joinCode)).socket);
    const attendees = sockets.slice(1);
    const bidders = [...evening.bidders].sort((a, b) => a.position - b.position);
    // Each bidder has a typical grade (as an index into the scale); voters spread around it.
    const centre = [3.1, 1.9, 2.7];
    for (const [bi, bidder] of bidders.entries()) {
      ok(await call(host, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
      ok(await call(host, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
      const remarks = REMARKS[bi % REMARKS.length]!;
      for (const [pi, socket] of attendees.entries()) {
        // A few phones skip a bidder, so the counts differ a little.
        if ((pi + bi) % 11 === 10) continue;
        const grades: Record<string, number> = {};
        for (const c of evening.criteria) {
          const index = Math.round(centre[bi % centre.length]! + (rand() + rand() + rand() - 1.5) * 1.6);
          grades[c.id] = values[Math.max(0, Math.min(values.length - 1, index))]!;
        }
        const remark = pi % 3 === 0 ? remarks[(pi / 3) % remarks.length] : undefined;
        ok(await call(socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades, ...(remark ? { remark } : {}) }));
      }
      ok(await call(host, 'host:command', { type: 'close-scoring', bidderId: bidder.id }));
    }
    ok(await call(host, 'host:command', { type: 'end-evening' }));
  } finally {
    for (const s of sockets) s.close();
  }
  return { url, email: o.session.organiser.email, password: PASSWORD, token: o.session.token, eveningId: evening.id, evening };
}

if (require.main === module) {
  const url = (process.argv[2] ?? 'http://localhost:3111').replace(/\/$/, '');
  seedEndedEvening(url).then(
    (s) => {
      console.log(`Organiser: ${s.email}`);
      console.log(`Password:  ${s.password}`);
      console.log(`Token:     ${s.token}`);
      console.log(`Evening:   ${s.url}/evenings/${s.eveningId}`);
      console.log(`Advice:    ${s.url}/evenings/${s.eveningId}/advice`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
