/**
 * Announcement and sign-up (aanmelden): the types of its API and the pure rules behind it, the
 * places and the waiting list, the calendar file and the organisers' CSV.
 */
import type { Language } from '../domain/setup';
import type { MailDelivery } from '../api/rest';
import type { TicketStatus } from '../domain/evening';

export const SIGNUP_LIMITS = {
  /** People one sign-up may bring along. */
  guestsMax: 10,
  capacityMax: 5000,
  aboutMax: 4000,
  accessibilityMax: 1000,
  addressMax: 300,
} as const;

export type SignupStatus = 'confirmed' | 'waiting' | 'cancelled';

/** What the organisers set for the public page and the sign-up. */
export interface SignupSettingsRequest {
  /** Whether residents can sign up now. */
  open: boolean;
  /** People the venue takes, those signing up and everyone they bring; null: no limit. */
  capacity: number | null;
  /** A name alone will do: the e-mail address is optional. */
  nameOnly: boolean;
  address: string;
  accessibility: string;
  /** What residents will do that evening and why it matters. */
  about: string;
}

export interface SignupCounts {
  /** Sign-ups with a place, and the people they are (with everyone they bring). */
  confirmed: number;
  confirmedPeople: number;
  waiting: number;
  waitingPeople: number;
  cancelled: number;
  /** Confirmed sign-ups marked as arrived at the door. */
  arrived: number;
  /** Places left (capacity minus confirmed people, at least 0); null without a capacity. */
  placesLeft: number | null;
}

export interface SignupView {
  id: string;
  name: string;
  email: string | null;
  guests: number;
  status: SignupStatus;
  createdAt: string;
  cancelledAt: string | null;
  arrivedAt: string | null;
}

export interface SignupOverview {
  /** Null until the organisers set up the page. */
  settings: (SignupSettingsRequest & { code: string; url: string }) | null;
  counts: SignupCounts;
  /** In order of signing up. */
  signups: SignupView[];
}

export interface ArrivalRequest {
  arrived: boolean;
}

/** One pitch on the public programme. */
export interface ProgrammeItem {
  name: string;
  pitchTitle: string;
}

/** The public announcement page. */
export interface AnnouncementView {
  code: string;
  title: string;
  networkName: string;
  date: string;
  startTime: string;
  venue: string;
  address: string;
  accessibility: string;
  about: string;
  language: Language;
  /** The bidders in running order once the setup is frozen; null before. */
  programme: ProgrammeItem[] | null;
  open: boolean;
  nameOnly: boolean;
  capacity: number | null;
  placesLeft: number | null;
  /** Whether the evening admits by ticket (then a sign-up comes with a ticket; otherwise signing up is never needed to vote). */
  tickets: boolean;
  /** Days after which personal data is deleted (RETENTION_DAYS), for the privacy line. */
  retentionDays: number;
  /** Whether a confirmation is mailed (SMTP_URL set). */
  mail: boolean;
}

export interface SignupRequest {
  name: string;
  email?: string;
  /** People coming along, 0 by default. */
  guests?: number;
  /** The language of the confirmation page and mail; the page's by default. */
  language?: Language;
}

/** The resident's own sign-up, read through their personal link. */
export interface MySignupView {
  name: string;
  email: string | null;
  guests: number;
  status: SignupStatus;
  /** Place on the waiting list (1 = next), or null. */
  waitingPosition: number | null;
  language: Language;
  announcement: Omit<AnnouncementView, 'placesLeft' | 'capacity' | 'mail'>;
  /** With tickets and a place: the personal ticket that admits one phone at the door; null otherwise. */
  ticket: SignupTicket | null;
}

/** A sign-up's personal ticket: a single-use code like a printed card's, shown only through the personal link. */
export interface SignupTicket {
  number: number;
  /** The ticket code (10 characters), typed after the evening code or carried by the QR link. */
  code: string;
  /** The evening's join code, which the code follows. */
  joinCode: string;
  /** The join link with the code, for the QR code. */
  joinUrl: string;
  /** `unused` until a phone joins with it. */
  status: TicketStatus;
}

/** Returned once, on signing up: the personal link holds the token, which is stored only hashed. */
export interface CreatedSignupResponse extends MySignupView {
  token: string;
  /** The personal page: details, calendar file, cancelling. */
  url: string;
  mail: MailDelivery;
}

// ---------- places and the waiting list ----------

export interface Seat {
  id: string;
  /** The one signing up and everyone they bring. */
  people: number;
}

/**
 * Where a new sign-up goes: a place when it fits and nobody is waiting (the waiting list goes
 * first), otherwise the waiting list. Without a capacity everyone has a place.
 */
export function placeFor(capacity: number | null, confirmedPeople: number, waiting: number, people: number): 'confirmed' | 'waiting' {
  if (capacity === null) return 'confirmed';
  return waiting === 0 && confirmedPeople + people <= capacity ? 'confirmed' : 'waiting';
}

/**
 * Who moves up from the waiting list when places come free: in the order they signed up, as long
 * as each fits; the first that does not fit keeps its turn (nobody is passed over for being a
 * larger group). Confirmed places are never taken back, also when the capacity is lowered.
 */
export function promoted(capacity: number | null, confirmedPeople: number, waiting: readonly Seat[]): string[] {
  const ids: string[] = [];
  let used = confirmedPeople;
  for (const w of waiting) {
    if (capacity !== null && used + w.people > capacity) break;
    used += w.people;
    ids.push(w.id);
  }
  return ids;
}

// ---------- calendar file (RFC 5545) ----------

function icsEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 3.1), without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export interface CalendarEvent {
  uid: string;
  title: string;
  /** YYYY-MM-DD and HH:MM, local time in the Netherlands. */
  date: string;
  startTime: string;
  /** Length in minutes. */
  minutes: number;
  location: string;
  description: string;
  url: string;
  /** When the file is made (DTSTAMP). */
  now: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const utcStamp = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

/** An .ics file with one event in Europe/Amsterdam time (with its time zone definition), CRLF line ends. */
export function calendarFile(e: CalendarEvent): string {
  const [y, mo, d] = e.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = e.startTime.split(':').map(Number) as [number, number];
  // Wall-clock arithmetic in UTC fields: the end is the same local day and time plus the length.
  const start = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const end = new Date(start.getTime() + e.minutes * 60_000);
  const local = (t: Date) => `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}00`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Buurtjury//Aanmelden//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Amsterdam',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.now)}`,
    `DTSTART;TZID=Europe/Amsterdam:${local(start)}`,
    `DTEND;TZID=Europe/Amsterdam:${local(end)}`,
    `SUMMARY:${icsEscape(e.title)}`,
    `LOCATION:${icsEscape(e.location)}`,
    `DESCRIPTION:${icsEscape(e.description)}`,
    `URL:${e.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

// ---------- the organisers' CSV ----------

/** A CSV field: quoted when needed, and a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function signupsCsv(signups: readonly SignupView[], language: Language): string {
  const head =
    language === 'nl'
      ? ['Naam', 'E-mail', 'Komt mee', 'Personen', 'Status', 'Aangemeld', 'Afgemeld', 'Aanwezig']
      : ['Name', 'E-mail', 'Coming along', 'People', 'Status', 'Signed up', 'Cancelled', 'Arrived'];
  const status: Record<SignupStatus, string> =
    language === 'nl' ? { confirmed: 'aangemeld', waiting: 'wachtlijst', cancelled: 'afgemeld' } : { confirmed: 'confirmed', waiting: 'waiting list', cancelled: 'cancelled' };
  const rows = signups.map((s) => [s.name, s.email ?? '', s.guests, 1 + s.guests, status[s.status], s.createdAt, s.cancelledAt ?? '', s.arrivedAt ?? '']);
  // A byte-order mark so spreadsheet programs read the names' accents as UTF-8.
  return '\ufeff' + [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
