import { createHash } from 'node:crypto';
import { buildAdviceDocument } from './build';
import { documentText, type AdviceDocument, type DocBlock } from './document';
import { sampleEvening } from '../testing/sample';
import { combinedDrawSeed, drawRunningOrder, seedCommitment } from '../logic/lot-draw';

const sample = sampleEvening({ bidders: 3, criteria: 2, voters: 5, resamples: 100, seed: 'draw' });
const conduct = (doc: AdviceDocument) => documentText({ ...doc, sections: doc.sections.filter((s) => s.id === 'conduct') });
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the lot draw in the advice', () => {
  it('shows a committed draw: the commitment and when, the contributions, the revealed seed and the steps, which hold with another SHA-256', () => {
    const draw = sample.input.evening.draws[0]!;
    const c = draw.commitReveal!;
    // The steps the document prints, done independently.
    expect(sha(c.revealedSeed)).toBe(c.hash);
    expect(sha([c.revealedSeed, ...c.contributions.map((x) => x.text)].join('\n'))).toBe(draw.seed);
    expect(seedCommitment(c.revealedSeed)).toBe(c.hash);
    expect(combinedDrawSeed(c.revealedSeed, ['7319'])).toBe(draw.seed);
    const nl = conduct(buildAdviceDocument(sample.input, 'nl'));
    expect(nl).toContain('De startwaarde is vooraf vastgelegd');
    // Buurtjury knows it recorded the commitment and where it showed it, not that anyone saw it.
    expect(nl).not.toContain('bekendgemaakt');
    expect(nl).toContain('of en wanneer inschrijvers hem zagen, legt Buurtjury niet vast');
    expect(nl).toContain(`Vastlegging (SHA-256 van de startwaarde) ${c.hash}`);
    expect(nl).toContain('Vastgelegd op 28 oktober 2026, 10:00 (Anna)');
    expect(nl).toContain(`Onthulde startwaarde ${c.revealedSeed}`);
    expect(nl).toContain(`"7319" van ${sample.input.evening.bidders[0]!.name}, toegevoegd op 30 oktober 2026, 13:00 (ingevoerd door Anna)`);
    expect(nl).toContain("printf '%s' \"<onthulde startwaarde>\" | sha256sum geeft de vastlegging hierboven.");
    // The contributions are a numbered list (numbered by the list, not in the text as well: a bullet before "1." printed both).
    const lists = buildAdviceDocument(sample.input, 'nl').sections.find((x) => x.id === 'conduct')!.blocks.filter((b): b is Extract<DocBlock, { kind: 'list' }> => b.kind === 'list');
    const contributions = lists.find((b) => b.items.some((i) => typeof i === 'string' && i.includes('"7319"')))!;
    expect(contributions).toMatchObject({ ordered: true });
    expect(contributions.items.every((i) => typeof i === 'string' && i.startsWith('"'))).toBe(true);
    expect(nl).not.toContain('koos de startwaarde van deze loting zelf');
    const en = conduct(buildAdviceDocument(sample.input, 'en'));
    expect(en).toContain('The seed was committed in advance');
    expect(en).not.toContain('was published');
    expect(en).toContain(`Commitment (SHA-256 of the seed) ${c.hash}`);
  });

  it('says that the organiser chose the seed alone when the draw was not committed, and prints no contributions', () => {
    const draw = { ...sample.input.evening.draws[0]!, seed: 'dobbelstenen', commitReveal: null };
    const evening = { ...sample.input.evening, draws: [draw] };
    const nl = conduct(buildAdviceDocument({ ...sample.input, evening }, 'nl'));
    expect(nl).toContain('De organisator koos de startwaarde van deze loting zelf, op het moment van de loting.');
    expect(nl).not.toContain('Vastlegging');
    expect(drawRunningOrder('x', [{ name: 'A' }, { name: 'B' }]).map((b) => b.name).sort()).toEqual(['A', 'B']);
  });

  it('says "geen" when nobody contributed', () => {
    const base = sample.input.evening.draws[0]!;
    const draw = { ...base, commitReveal: { ...base.commitReveal!, contributions: [] } };
    const nl = conduct(buildAdviceDocument({ ...sample.input, evening: { ...sample.input.evening, draws: [draw] } }, 'nl'));
    expect(nl).toContain('Bijdragen: geen');
    expect(nl).not.toContain('ingevoerd door');
  });
});

describe('whom a committed draw protected against', () => {
  it('says it did not protect against the organiser when no bidder added a contribution itself, and not otherwise', () => {
    const draw = sample.input.evening.draws[0]!;
    const c = draw.commitReveal!;
    expect(c.contributions.every((x) => x.bidderId === undefined)).toBe(true);
    expect(conduct(buildAdviceDocument(sample.input, 'nl'))).toContain('tegen de organisator beschermde deze loting niet');
    const bidder = sample.input.evening.bidders[0]!;
    const own = { ...c, contributions: c.contributions.map((x) => ({ ...x, bidderId: bidder.id, enteredBy: bidder.name })) };
    const input = { ...sample.input, evening: { ...sample.input.evening, draws: [{ ...draw, commitReveal: own }] } };
    expect(conduct(buildAdviceDocument(input, 'nl'))).not.toContain('beschermde deze loting niet');
    expect(conduct(buildAdviceDocument(sample.input, 'en'))).toContain('this draw did not protect against the organiser');
  });
});
