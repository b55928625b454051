import { buildAdviceDocument, notWrittenText } from './build';
import { emptyAdvice, type AdviceContent } from './content';
import type { AdviceDocument } from './document';
import { emptyAdviceSections, unrecordedFrameParts } from './empty-sections';
import { documentText } from './document';
import { EMPTY_DECLARATIONS } from '../domain/procedure';
import { EMPTY_AWARD_FRAME } from '../domain/setup';
import { sampleEvening } from '../testing/sample';
import { ERROR_REASONS } from '../api/errors';

const bidders = [
  { id: 'b1', name: 'Stichting Welzijn Oost' },
  { id: 'b2', name: 'Buurtkracht BV' },
  { id: 'b3', name: 'Samen in de Wijk' },
];

describe('the empty sections of an advice', () => {
  it('lists the summary and the advice itself as missing, and every bidder without any text as empty, in running order', () => {
    const result = emptyAdviceSections(emptyAdvice(['b1', 'b2', 'b3']), bidders);
    expect(result.missing.map((p) => p.reason)).toEqual(['adviceSummaryEmpty', 'adviceRecommendationEmpty']);
    expect(result.empty).toEqual([
      { reason: 'adviceBidderEmpty', params: { bidder: 'Stichting Welzijn Oost' }, message: 'Nothing is written about Stichting Welzijn Oost: no strengths, concerns or conditions.' },
      { reason: 'adviceBidderEmpty', params: { bidder: 'Buurtkracht BV' }, message: 'Nothing is written about Buurtkracht BV: no strengths, concerns or conditions.' },
      { reason: 'adviceBidderEmpty', params: { bidder: 'Samen in de Wijk' }, message: 'Nothing is written about Samen in de Wijk: no strengths, concerns or conditions.' },
    ]);
    expect(result.emptyBidderIds).toEqual(['b1', 'b2', 'b3']);
    for (const p of [...result.missing, ...result.empty]) expect(ERROR_REASONS[p.reason]).toBeDefined();
  });

  it('counts white space as empty, and any one of a bidder\'s three texts as written', () => {
    const content: AdviceContent = {
      ...emptyAdvice(['b1', 'b2', 'b3']),
      summary: '  \n\n ',
      recommendation: 'Gun de opdracht.',
      bidders: [
        { bidderId: 'b1', strengths: '', concerns: '', conditions: 'Alleen met een wijkteam.', quoteIds: [] },
        { bidderId: 'b2', strengths: ' \n ', concerns: '\t', conditions: '', quoteIds: [] },
        { bidderId: 'b3', strengths: 'Kent de wijk.', concerns: '', conditions: '', quoteIds: [] },
      ],
    };
    const result = emptyAdviceSections(content, bidders);
    expect(result.missing.map((p) => p.reason)).toEqual(['adviceSummaryEmpty']);
    expect(result.empty.map((p) => p.params?.bidder)).toEqual(['Buurtkracht BV']);
  });

  it('lists a bidder the content does not mention (a bidder added later) as empty', () => {
    const content = { ...emptyAdvice(['b1']), summary: 'x', recommendation: 'y', bidders: [{ bidderId: 'b1', strengths: 'x', concerns: '', conditions: '', quoteIds: [] }] };
    expect(emptyAdviceSections(content, bidders).emptyBidderIds).toEqual(['b2', 'b3']);
  });

  it('names exactly the places where the document prints that nothing is written', () => {
    const { input } = sampleEvening({ bidders: 4, criteria: 2, voters: 6, resamples: 200 });
    const ids = input.evening.bidders.map((b) => b.id);
    const placeholders = (doc: AdviceDocument, issued: boolean): number =>
      doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'paragraph' && b.text === notWrittenText(doc.lang, issued)).length;
    const variants: AdviceContent[] = [
      emptyAdvice(ids),
      { ...emptyAdvice(ids), summary: 'Samenvatting.', recommendation: ' ' },
      input.advice,
      { ...input.advice, bidders: input.advice.bidders.map((b, i) => (i % 2 === 0 ? { ...b, concerns: 'Zorgen.' } : b)) },
      { ...input.advice, bidders: input.advice.bidders.map((b) => ({ ...b, strengths: 'Sterk.' })) },
    ];
    for (const advice of variants) {
      const { missing, empty } = emptyAdviceSections(advice, input.evening.bidders);
      for (const lang of ['nl', 'en'] as const) {
        const draft = buildAdviceDocument({ ...input, advice, version: null }, lang);
        expect(placeholders(draft, false)).toBe(missing.length + empty.length);
        const issued = buildAdviceDocument({ ...input, advice }, lang);
        expect(placeholders(issued, true)).toBe(missing.length + empty.length);
        expect(placeholders(issued, false)).toBe(0);
      }
    }
  });

  it('says in an issued version that the organisers wrote nothing, not that it is still to come', () => {
    expect(notWrittenText('nl', false)).toBe('(Nog niet ingevuld.)');
    expect(notWrittenText('nl', true)).toBe('(De organisatie heeft hier niets over geschreven.)');
    expect(notWrittenText('en', true)).toBe('(The organisers wrote nothing here.)');
  });
});

describe('what the setup left unrecorded, warned about before issuing', () => {
  const award = { criteria: [{ name: 'Kwaliteit', weight: 60, description: '' }, { name: 'Prijs', weight: 40, description: '' }], publishedIn: 'Leidraad §4', eveningAnnounced: 'yes' as const, announcedWhere: 'Leidraad §2' };
  const declarations = { items: [{ who: 'Buurthuis De Kruiskamp', role: 'venue' as const, interest: 'Beheerd door een inschrijver', measure: '' }], noneDeclared: ['network' as const, 'moderator' as const] };

  it('names nothing when the award frame and every declarant are recorded (an interest, or none)', () => {
    expect(unrecordedFrameParts({ award, declarations })).toEqual([]);
  });

  it('names the missing award criteria, the announcement not recorded and every declarant without a record, in the document\'s order', () => {
    const result = unrecordedFrameParts({ award: EMPTY_AWARD_FRAME, declarations: EMPTY_DECLARATIONS });
    expect(result.map((p) => p.reason)).toEqual([
      'adviceAwardCriteriaNotRecorded',
      'adviceAnnouncedNotRecorded',
      'adviceDeclarationsNotRecorded',
    ]);
    for (const p of result) expect(ERROR_REASONS[p.reason]).toBe(p.message);
  });

  it('names where the criteria were published only when there are criteria, and a declarant with an item as recorded', () => {
    const partial = unrecordedFrameParts({
      award: { ...award, publishedIn: ' ', eveningAnnounced: 'no' },
      declarations: { items: [{ ...declarations.items[0]!, role: 'moderator' }], noneDeclared: [] },
    });
    expect(partial.map((p) => p.reason)).toEqual(['adviceAwardPublishedNotRecorded', 'adviceDeclarationsNetworkNotRecorded', 'adviceDeclarationsVenueNotRecorded']);
  });

  it('warns exactly where the document prints that nothing was recorded about a declarant', () => {
    const { input } = sampleEvening({ bidders: 3, criteria: 2, voters: 6, resamples: 100 });
    for (const d of [EMPTY_DECLARATIONS, declarations, { items: [], noneDeclared: ['network' as const] }, { items: [], noneDeclared: ['venue' as const] }]) {
      const evening = { ...input.evening, declarations: d };
      const text = documentText(buildAdviceDocument({ ...input, evening }, 'nl'));
      const printed = (text.match(/: niets vastgelegd\./g) ?? []).length + (text.includes('geen verklaringen over belangen vastgelegd, ook niet dat er geen belangen zijn') ? 1 : 0);
      expect(unrecordedFrameParts(evening).filter((p) => p.reason.startsWith('adviceDeclarations'))).toHaveLength(printed);
    }
  });
});
