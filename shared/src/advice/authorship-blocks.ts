/**
 * The blocks of the advice about who says what: the addressee and sender on the first page, the
 * organisers' conclusion kept apart from what was measured, the labels on the measured chapters,
 * the methodology appendix, and the English edition's note on what remains in Dutch.
 */

import type { EveningDetail } from '../api/rest';
import type { Language } from '../domain/setup';
import { plural } from '../logic/plural';
import type { AdviceAuthorship } from './authorship';
import { AUTHORSHIP_TEXTS, ENGLISH_EDITION_NOTE } from './authorship-texts';
import { conclusionNote } from './bidder-page';
import { isWritten, type AdviceContent } from './content';
import type { DocBlock, DocTitleBlock } from './document';
import type { DutchPart } from './english';

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The chapters whose every number is measured: they open with the label "Gemeten". */
const MEASURED_SECTIONS = new Set(['participation', 'criteria-results', 'overall', 'robustness']);

/** A section's blocks, with the "Gemeten" label first where the chapter is measured. */
export function measuredLabel(lang: Language, sectionId: string, blocks: DocBlock[]): DocBlock[] {
  if (!MEASURED_SECTIONS.has(sectionId)) return blocks;
  const t = AUTHORSHIP_TEXTS[lang];
  return [{ kind: 'paragraph', style: 'note', text: [{ text: `${t.measured}. `, bold: true }, { text: t.measuredNote }] }, ...blocks];
}

/** The addressee and sender blocks of the first page; a draft says they are entered when issuing. */
export function authorshipTitleBlocks(
  lang: Language,
  f: { date(iso: string | null): string },
  network: string,
  a: AdviceAuthorship | null,
  issuedAt: string | null,
): DocTitleBlock[] {
  const t = AUTHORSHIP_TEXTS[lang].letter;
  const pending = t.pending;
  const reply = a ? replyParts(a).join(' · ') : pending;
  return [
    {
      heading: t.addressee,
      rows: [
        { label: t.to, value: a?.addressee ?? pending },
        { label: t.reference, value: a?.reference ?? pending },
        { label: t.date, value: a && issuedAt ? f.date(issuedAt) : pending },
        { label: t.subject, value: a?.subject ?? pending },
      ],
    },
    {
      heading: t.sender,
      rows: [
        { label: t.name, value: a ? fill(t.nameValue, { name: a.name, role: a.role }) : pending },
        { label: t.network, value: network },
        { label: t.reply, value: reply },
      ],
    },
  ];
}

/** The reply's e-mail address and, when given, the postal address. */
function replyParts(a: AdviceAuthorship): string[] {
  return [a.replyEmail, a.replyAddress.trim()].filter((x) => x !== '');
}

/** Where the committee's reply goes, in a sentence: the e-mail and postal address, or the network's name in a draft. */
export function replyTo(lang: Language, network: string, a: AdviceAuthorship | null): string {
  if (!a) return network;
  return replyParts(a).join(lang === 'nl' ? ' of ' : ' or ');
}

/** In the status chapter: how to tell measured results from the organisers' conclusions, and who issued it. */
export function whoSaysWhatBlocks(lang: Language, network: string, a: AdviceAuthorship | null): DocBlock[] {
  const t = AUTHORSHIP_TEXTS[lang];
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: t.whoSaysWhat }];
  if (a) {
    blocks.push({
      kind: 'paragraph',
      text: fill(t.issuedBy, { name: a.name, role: a.role, network, addressee: a.addressee, reply: replyTo(lang, network, a) }),
    });
  }
  return blocks;
}

/** The organisers' texts of the summary under their own heading, with who wrote them. */
export function summaryConclusion(lang: Language, network: string, a: AdviceAuthorship | null, blocks: DocBlock[]): DocBlock[] {
  const t = AUTHORSHIP_TEXTS[lang];
  return [{ kind: 'heading', level: 2, text: t.conclusion }, ...blocks, conclusionNote(lang, network, a)];
}

/** The methodology as an appendix: the steps in plain language. */
export function methodologyBlocks(lang: Language): DocBlock[] {
  const t = AUTHORSHIP_TEXTS[lang].methodology;
  return [
    { kind: 'heading', level: 2, text: t.heading },
    { kind: 'paragraph', text: t.intro },
    { kind: 'list', ordered: true, items: t.steps },
  ];
}

/** The organisers' entries besides their advice texts, which have no English versions: how many this edition prints. */
export interface EnteredInDutch {
  incidents: number;
  /** Reasons printed with reopened or skipped pitches. */
  reasons: number;
  /** Whether the first page carries the addressee block (an issued version). */
  letter: boolean;
}

/** The English edition's first-page note: everything generated is in English; these parts of the organisers' Dutch are not. */
export function englishEditionNote(
  evening: EveningDetail,
  advice: AdviceContent,
  parts: readonly DutchPart[],
  bidderName: (id: string) => string,
  entered: EnteredInDutch,
): string {
  const n = ENGLISH_EDITION_NOTE;
  const items: string[] = [];
  const bidders: string[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        items.push(n.fields[p.field]);
        break;
      case 'bidder':
        bidders.push(bidderName(p.bidderId));
        break;
      case 'criteria':
        items.push(p.count === evening.criteria.length ? n.allCriteria : plural('en', p.count, n.criteria, String(p.count)).replace('{total}', String(evening.criteria.length)));
        break;
      case 'criterion-refinements':
        items.push(n.refinements);
        break;
      case 'scale':
        items.push(p.count === evening.scale.levels.length ? n.allScale : plural('en', p.count, n.scale, String(p.count)).replace('{total}', String(evening.scale.levels.length)));
        break;
    }
  }
  if (bidders.length > 0) {
    items.push(bidders.length <= 2 ? fill(n.bidders, { bidders: joinEnglish(bidders) }) : fill(n.biddersCount, { n: String(bidders.length), total: String(evening.bidders.length) }));
  }
  const record: string[] = [];
  if (evening.bidders.some((b) => isWritten(b.pitchTitle))) record.push(n.pitchTitles);
  if (evening.bidders.some((b) => isWritten(b.pitchSummary))) record.push(n.pitchSummaries);
  if (advice.bidders.some((b) => b.quoteIds.length > 0)) record.push(n.quotes);
  if (isWritten(evening.tender.subject)) record.push(n.record.tenderSubject);
  if (evening.award.criteria.length > 0 || evening.award.publishedIn.trim() !== '' || evening.award.announcedWhere.trim() !== '') record.push(n.record.award);
  if (evening.declarations.items.length > 0) record.push(n.record.declarations);
  if (entered.incidents > 0) record.push(n.record.incidents);
  if (entered.reasons > 0) record.push(n.record.reasons);
  if (entered.letter) record.push(n.record.letter);
  const always = `${n.always}${[...record, ...items].length > 0 ? `, ${joinEnglish([...record, ...items])}` : ''}.`;
  const e = advice.english;
  const anyEnglish = e !== undefined && [e.summary, e.recommendation, e.minorityViews, e.incidents, e.limitations, ...e.bidders.flatMap((b) => [b.strengths, b.concerns, b.conditions]), ...e.criteria.flatMap((c) => [c.name, c.explanation]), ...e.scale.flatMap((l) => [l.label, l.description])].some((x) => x.trim() !== '');
  return [n.intro, always, ...(items.length === 0 && anyEnglish ? [n.complete] : [])].join(' ');
}

function joinEnglish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
