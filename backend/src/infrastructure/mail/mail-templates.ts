import { formatTicketCode, type InvitedRole, type Language } from '@buurtjury/shared';

/**
 * Every mail Buurtjury sends, as data; `composeMail` turns one into a subject, a plain text and an
 * HTML body in Dutch or English. The HTML says the same as the text (no tracking, no remote
 * images): a link in it is also written out in full, for mail programs that show no HTML. The one
 * image is a ticket's QR code, attached to the mail itself; its code is also written out.
 */
export type MailTemplate =
  | { kind: 'invitation'; networkName: string; inviterName: string; role: InvitedRole; url: string; expiresAt: Date }
  | { kind: 'committee-link'; networkName: string; eveningTitle: string; label: string; senderName: string; url: string }
  | {
      kind: 'signup';
      name: string;
      eveningTitle: string;
      /** YYYY-MM-DD and HH:MM, as the evening has them. */
      date: string;
      startTime: string;
      venue: string;
      address: string;
      /** A place in the room, on the waiting list, or cancelled (the mail confirms the cancelling). */
      status: 'confirmed' | 'waiting' | 'cancelled';
      /** The resident's confirmation page (the details, the calendar file, cancelling), or the announcement in a later mail. */
      url: string;
      /** Null in a later mail (a place came free): only the first mail carries the personal link. */
      cancelUrl: string | null;
      /** With tickets and a place: the personal ticket (its code follows the evening code; the QR holds the join link with it). */
      ticket: { number: number; code: string; joinCode: string; joinUrl: string } | null;
      /** With tickets, in a later mail (a place came free): the ticket waits on the personal page of the first mail. */
      ticketOnPage: boolean;
    }
  | {
      kind: 'bidder-invitation';
      bidderName: string;
      networkName: string;
      senderName: string;
      eveningTitle: string;
      /** YYYY-MM-DD and HH:MM, as the evening has them (may be empty). */
      date: string;
      startTime: string;
      venue: string;
      url: string;
      expiresAt: Date;
    };

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  /** A QR code to attach as an image with this content id (the HTML shows it by `cid:`), holding `text`. */
  qr: { cid: string; text: string } | null;
}

/** The content id of a ticket's QR image in a mail. */
export const TICKET_QR_CID = 'ticket-qr@buurtjury';

const ROLE: Record<Language, Record<InvitedRole, string>> = {
  nl: { 'co-organiser': 'mede-organisator', moderator: 'moderator' },
  en: { 'co-organiser': 'co-organiser', moderator: 'moderator' },
};

function longDate(date: string, language: Language): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed);
}

function dayOf(at: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(at);
}

/** One block of a mail: a paragraph, or a link with the words that lead to it. */
type Block = { text: string } | { link: string; label: string } | { qr: string; alt: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function assemble(language: Language, subject: string, blocks: Block[]): ComposedMail {
  const footer = language === 'nl' ? 'Deze e-mail is verstuurd door Buurtjury.' : 'This e-mail was sent by Buurtjury.';
  const text = [...blocks.filter((b) => !('qr' in b)).map((b) => ('text' in b ? b.text : 'link' in b ? `${b.label}\n${b.link}` : '')), '--', footer].join('\n\n') + '\n';
  const paragraphs = blocks.map((b) =>
    'text' in b
      ? `<p>${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`
      : 'link' in b
        ? `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a><br><span style="font-size:90%;color:#444">${escapeHtml(b.link)}</span></p>`
        : `<p><img src="cid:${TICKET_QR_CID}" width="240" height="240" alt="${escapeHtml(b.alt)}"></p>`,
  );
  const qr = blocks.find((b) => 'qr' in b);
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em">',
    ...paragraphs,
    `<p style="font-size:90%;color:#444">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html, qr: qr ? { cid: TICKET_QR_CID, text: qr.qr } : null };
}

/** The subject, text and HTML of a mail in the recipient's language. */
export function composeMail(template: MailTemplate, language: Language): ComposedMail {
  const nl = language === 'nl';
  switch (template.kind) {
    case 'invitation': {
      const role = ROLE[language][template.role];
      return assemble(language, nl ? `Uitnodiging voor ${template.networkName} op Buurtjury` : `Invitation to ${template.networkName} on Buurtjury`, [
        { text: nl ? 'Hallo,' : 'Hello,' },
        {
          text: nl
            ? `${template.inviterName} nodigt je uit als ${role} van ${template.networkName} op Buurtjury, waar bewoners pitches van inschrijvers op een aanbesteding beoordelen.`
            : `${template.inviterName} invites you as ${role} of ${template.networkName} on Buurtjury, where residents score the pitches of bidders on a tender.`,
        },
        { link: template.url, label: nl ? 'Uitnodiging aannemen' : 'Accept the invitation' },
        {
          text: nl
            ? `De link werkt tot ${dayOf(template.expiresAt, language)} en is alleen voor jou. Verwachtte je deze uitnodiging niet, dan kun je deze e-mail negeren.`
            : `The link works until ${dayOf(template.expiresAt, language)} and is for you only. If you did not expect this invitation, you can ignore this e-mail.`,
        },
      ]);
    }
    case 'committee-link':
      return assemble(
        language,
        nl ? `Advies van ${template.networkName}: ${template.eveningTitle}` : `Advice from ${template.networkName}: ${template.eveningTitle}`,
        [
          { text: nl ? 'Geachte lezer,' : 'Dear reader,' },
          {
            text: nl
              ? `${template.senderName} van ${template.networkName} stuurt u de link naar het bewonersadvies over "${template.eveningTitle}" (voor: ${template.label}). Daar leest u elke vastgestelde versie, downloadt u de documenten en de gegevens erachter, en kunt u de avond zelf controleren.`
              : `${template.senderName} of ${template.networkName} sends you the link to the residents' advice on "${template.eveningTitle}" (for: ${template.label}). There you can read every issued version, download the documents and the data behind them, and check the evening yourself.`,
          },
          { link: template.url, label: nl ? 'Het advies openen' : 'Open the advice' },
          {
            text: nl
              ? 'De link is persoonlijk: de organisatoren zien wanneer hij gebruikt wordt en kunnen hem intrekken. Geef hem niet door.'
              : 'The link is personal: the organisers see when it is used and can withdraw it. Please do not pass it on.',
          },
        ],
      );
    case 'bidder-invitation': {
      const when = [template.date ? longDate(template.date, language) : '', template.startTime].filter((x) => x !== '').join(', ');
      const facts = [when ? (nl ? `Wanneer: ${when}` : `When: ${when}`) : '', template.venue ? (nl ? `Waar: ${template.venue}` : `Where: ${template.venue}`) : ''].filter((x) => x !== '');
      return assemble(language, nl ? `Je pagina als inschrijver: ${template.eveningTitle}` : `Your page as a bidder: ${template.eveningTitle}`, [
        { text: nl ? `Beste ${template.bidderName},` : `Dear ${template.bidderName},` },
        {
          text: nl
            ? `${template.senderName} van ${template.networkName} nodigt je uit voor de pitchavond "${template.eveningTitle}", waar bewoners de pitches van de inschrijvers beoordelen.`
            : `${template.senderName} of ${template.networkName} invites you to the pitch evening "${template.eveningTitle}", where residents score the pitches of the bidders.`,
        },
        ...(facts.length > 0 ? [{ text: facts.join('\n') }] : []),
        {
          text: nl
            ? 'Op je eigen pagina bevestig je dat je meedoet (of zeg je af), vul je je contactpersoon, pitchtitel en samenvatting aan tot de opzet wordt vastgezet, en zie je de criteria, de weging, de schaal, de regels en je tijdvak: hetzelfde kader als elke inschrijver. Na het advies vind je er je eigen terugkoppeling.'
            : 'On your own page you confirm that you take part (or decline), complete your contact person, pitch title and summary until the setup is frozen, and see the criteria, weights, scale, rules and your time slot: the same frame as every bidder. After the advice your own feedback sheet appears there.',
        },
        { link: template.url, label: nl ? 'Je pagina als inschrijver openen' : 'Open your page as a bidder' },
        {
          text: nl
            ? `De link werkt tot ${dayOf(template.expiresAt, language)} en is alleen voor jullie organisatie: de organisatoren zien wanneer hij geopend wordt en kunnen hem intrekken.`
            : `The link works until ${dayOf(template.expiresAt, language)} and is for your organisation only: the organisers see when it is opened and can withdraw it.`,
        },
      ]);
    }
    case 'signup': {
      const when = `${longDate(template.date, language)}, ${template.startTime}`;
      const where = [template.venue, template.address].filter((s) => s.trim() !== '').join(', ');
      if (template.status === 'cancelled') {
        return assemble(language, nl ? `Afgemeld: ${template.eveningTitle}` : `Cancelled: ${template.eveningTitle}`, [
          { text: nl ? `Hallo ${template.name},` : `Hello ${template.name},` },
          {
            text: nl
              ? `Je hebt je afgemeld voor "${template.eveningTitle}" (${when}). Je plaats gaat naar iemand op de wachtlijst, als die er is.`
              : `You have cancelled for "${template.eveningTitle}" (${when}). Your place goes to someone on the waiting list, if there is one.`,
          },
          { link: template.url, label: nl ? 'Toch komen? Meld je opnieuw aan' : 'Coming after all? Sign up again' },
        ]);
      }
      const blocks: Block[] = [
        { text: nl ? `Hallo ${template.name},` : `Hello ${template.name},` },
        {
          text:
            template.status === 'confirmed'
              ? nl
                ? `Je bent aangemeld voor "${template.eveningTitle}".`
                : `You have signed up for "${template.eveningTitle}".`
              : nl
                ? `De zaal voor "${template.eveningTitle}" is vol. Je staat op de wachtlijst; komt er een plaats vrij, dan krijg je bericht.`
                : `The room for "${template.eveningTitle}" is full. You are on the waiting list; if a place comes free, we will let you know.`,
        },
        { text: nl ? `Wanneer: ${when}\nWaar: ${where}` : `When: ${when}\nWhere: ${where}` },
        { link: template.url, label: nl ? 'Je aanmelding (met agenda-bestand)' : 'Your sign-up (with a calendar file)' },
      ];
      if (template.ticket) {
        const t = template.ticket;
        const code = formatTicketCode(t.code);
        blocks.push(
          {
            text: nl
              ? `Je toegangskaart (nummer ${t.number}): scan de QR-code met je telefoon om mee te stemmen, of typ na de avondcode ${t.joinCode} deze code: ${code}. De kaart geeft één telefoon toegang; geef hem niet door.`
              : `Your ticket (number ${t.number}): scan the QR code with your phone to vote, or type this code after the evening code ${t.joinCode}: ${code}. The ticket admits one phone; do not pass it on.`,
          },
          { qr: t.joinUrl, alt: nl ? `QR-code van je toegangskaart, code ${code}` : `QR code of your ticket, code ${code}` },
        );
      } else if (template.ticketOnPage) {
        blocks.push({
          text: nl
            ? 'Je toegangskaart voor de deur staat op je persoonlijke pagina: open de link in je eerste bevestiging.'
            : 'Your ticket for the door is on your personal page: open the link in your first confirmation.',
        });
      }
      blocks.push(
        template.cancelUrl
          ? { link: template.cancelUrl, label: nl ? 'Kun je toch niet? Meld je af' : 'Cannot come after all? Cancel' }
          : {
              text: nl
                ? 'Kun je toch niet? Meld je dan af met de link in je eerste bevestiging, zodat een ander je plaats krijgt.'
                : 'Cannot come after all? Cancel with the link in your first confirmation, so someone else gets your place.',
            },
      );
      return assemble(
        language,
        template.status === 'confirmed'
          ? nl
            ? `Aangemeld: ${template.eveningTitle}`
            : `Signed up: ${template.eveningTitle}`
          : nl
            ? `Wachtlijst: ${template.eveningTitle}`
            : `Waiting list: ${template.eveningTitle}`,
        blocks,
      );
    }
  }
}
