/** The A4 poster that invites the room to join (pdfmake definition; rendered in a render process). */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatFingerprint, type EveningDetail, type Language } from '@buurtjury/shared';

const TEXT = {
  nl: {
    headline: 'Geef jouw oordeel!',
    intro: 'Op deze avond presenteren de inschrijvers hun plannen. Jij beoordeelt ze live op je telefoon. Je stem gaat mee in het advies van de bewoners.',
    scan: 'Scan de code met je telefoon',
    orGo: 'of ga naar',
    andType: 'en typ de code',
    anonymous: 'Anoniem: je hoeft geen naam of e-mailadres op te geven.',
    tender: 'Aanbesteding',
    frozen: 'Beoordelingskader vastgelegd, vingerafdruk',
    commitment: 'Loting van de volgorde: de organisatie heeft op {time} een startwaarde vastgelegd met deze SHA-256-code. Bij de loting wordt de startwaarde bekendgemaakt; wie hem hasht, krijgt deze code.',
  },
  en: {
    headline: 'Have your say!',
    intro: 'At this evening the bidders present their plans. You score them live on your phone. Your vote becomes part of the residents’ advice.',
    scan: 'Scan the code with your phone',
    orGo: 'or go to',
    andType: 'and type the code',
    anonymous: 'Anonymous: no name or e-mail address needed.',
    tender: 'Tender',
    frozen: 'Scoring frame fixed, fingerprint',
    commitment: 'Draw of the running order: at {time} the organisers committed to a seed with this SHA-256 code. At the draw the seed is revealed; whoever hashes it gets this code.',
  },
} satisfies Record<Language, Record<string, string>>;

function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

function formatDate(date: string, startTime: string, language: Language): string {
  if (!date) return startTime;
  const d = new Date(`${date}T12:00:00Z`);
  const text = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
  return startTime ? `${text}, ${startTime}` : text;
}

/** Builds the A4 poster that invites the room to join: join code, QR code and the attendee URL. */
export function posterDocument(evening: EveningDetail, publicUrl: string): TDocumentDefinitions {
  const t = TEXT[evening.language];
  const joinUrl = `${publicUrl}/j/${evening.joinCode}`;
  const when = [formatDate(evening.date, evening.startTime, evening.language), evening.venue].filter(Boolean).join(' · ');
  const tender = [evening.tender.name, evening.tender.municipality].filter(Boolean).join(', ');
  const content: Content[] = [
    { text: t.headline, style: 'headline' },
    { text: evening.title, style: 'title' },
    ...(when ? [{ text: when, style: 'when' }] : []),
    ...(tender ? [{ text: `${t.tender}: ${tender}`, style: 'tender' }] : []),
    { text: t.intro, style: 'intro' },
    { text: t.scan, style: 'step' },
    { qr: joinUrl, fit: 260, alignment: 'center', margin: [0, 8, 0, 12], eccLevel: 'M' },
    { text: `${t.orGo} ${publicUrl} ${t.andType}`, style: 'step' },
    { text: evening.joinCode.split('').join(' '), style: 'code' },
    { text: t.anonymous, style: 'small' },
  ];
  if (evening.fingerprint) {
    content.push({ text: `${t.frozen}: ${formatFingerprint(evening.fingerprint.slice(0, 16))} …`, style: 'fingerprint' });
  }
  if (evening.drawCommitment) {
    // The commitment before the draw, so the room and the bidders hold it before the seed is revealed (lot-draw.ts).
    content.push(
      { text: t.commitment.replace('{time}', formatTime(evening.drawCommitment.committedAt, evening.language)), style: 'commitment' },
      { text: formatFingerprint(evening.drawCommitment.hash), style: 'commitmentHash' },
    );
  }
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    info: { title: `${evening.title} — ${evening.joinCode}`, creator: 'Buurtjury', producer: 'Buurtjury' },
    content,
    styles: {
      headline: { fontSize: 40, bold: true, alignment: 'center', color: '#0b5c3b', margin: [0, 0, 0, 8] },
      title: { fontSize: 22, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      when: { fontSize: 14, alignment: 'center', margin: [0, 0, 0, 2] },
      tender: { fontSize: 12, alignment: 'center', color: '#444444', margin: [0, 0, 0, 14] },
      intro: { fontSize: 13, alignment: 'center', margin: [30, 0, 30, 16], lineHeight: 1.2 },
      step: { fontSize: 15, alignment: 'center', bold: true },
      code: { fontSize: 54, bold: true, alignment: 'center', characterSpacing: 4, margin: [0, 4, 0, 14] },
      small: { fontSize: 11, alignment: 'center', color: '#444444' },
      fingerprint: { fontSize: 8, alignment: 'center', color: '#666666', margin: [0, 14, 0, 0] },
      commitment: { fontSize: 8, alignment: 'center', color: '#444444', margin: [20, 8, 20, 2] },
      commitmentHash: { fontSize: 9, alignment: 'center', characterSpacing: 0.5 },
    },
  };
}
