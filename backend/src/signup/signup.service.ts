import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  calendarFile,
  placeFor,
  problem,
  promoted,
  sha256Hex,
  signupsCsv,
  ticketCodeFromBytes,
  type AnnouncementView,
  type CreatedSignupResponse,
  type Language,
  type MySignupView,
  type SignupCounts,
  type SignupOverview,
  type SignupRequest,
  type SignupSettingsRequest,
  type SignupTicket,
  type SignupView,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { EveningsQuery } from '../evenings/evenings.query';
import { MetaService } from '../meta/meta.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { AppError, badRequest, conflict, notFound } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { MailService } from '../infrastructure/mail/mail.service';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';
import type { SignupEntity, SignupPageEntity } from '../infrastructure/database/schema/signup';
import { PersonalTickets } from '../tickets/personal-tickets';
import { SignupRepository } from './signup.repository';

/** A personal link's token: 32 random bytes, base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CODE_PATTERN = /^[A-Z0-9]{10}$/;
/** The calendar entry's length when the programme is not known yet. */
const DEFAULT_MINUTES = 150;

const people = (s: Pick<SignupEntity, 'guests'>) => 1 + s.guests;

/**
 * A sign-up's ticket code, derived from its personal token (which the server keeps only hashed):
 * the code can be shown again through the personal link, yet neither the database nor the
 * organisers can read it, as with a printed card.
 */
export function signupTicketCode(token: string): string {
  return ticketCodeFromBytes(createHmac('sha512', token).update('buurtjury signup ticket').digest());
}

/**
 * Announcement and sign-up: the public page of an evening, residents signing up (with a place or
 * on the waiting list), their personal link (confirmation, calendar file, cancelling), and the
 * organisers' list with counts, CSV and arrivals. Sign-ups are personal data: they go with the
 * evening's other personal data when the retention period has passed (the `eveningPurged` event),
 * and nothing of them reaches the ballots or the record. Signing up is never needed to vote.
 */
@Injectable()
export class SignupService {
  private readonly logger = new Logger('Signup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SignupRepository,
    private readonly writer: DatabaseWriter,
    private readonly evenings: EveningsQuery,
    private readonly accounts: AccountsQuery,
    private readonly meta: MetaService,
    private readonly mail: MailService,
    private readonly tickets: PersonalTickets,
    events: DomainEvents,
  ) {
    events.subscribe('eveningPurged', async ({ eveningId }) => {
      const deleted = await this.writer.write((m) => this.repo.deleteSignups(m, eveningId));
      if (deleted > 0) this.logger.log(`Retention: ${deleted} sign-ups of evening ${eveningId} deleted`);
    });
  }

  // ---------- organisers ----------

  async overview(actor: Actor, eveningId: string): Promise<SignupOverview> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'read');
    return this.overviewOf(evening.id);
  }

  async saveSettings(actor: Actor, eveningId: string, settings: SignupSettingsRequest): Promise<SignupOverview> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'setup');
    const moved = await this.writer.write(async (m) => {
      const existing = await this.repo.page(evening.id, m);
      await this.repo.savePage(m, {
        eveningId: evening.id,
        code: existing?.code ?? ticketCodeFromBytes(randomBytes(32)),
        open: settings.open,
        capacity: settings.capacity,
        nameOnly: settings.nameOnly,
        address: settings.address,
        accessibility: settings.accessibility,
        about: settings.about,
        updatedAt: new Date(),
      });
      // A larger venue lets the waiting list move up.
      return this.promoteWaiting(m, evening.id, settings.capacity);
    });
    await this.mailPromoted(evening, moved);
    return this.overviewOf(evening.id);
  }

  async csv(actor: Actor, eveningId: string, language: Language): Promise<{ name: string; data: Buffer }> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'read');
    const rows = (await this.repo.signups(evening.id)).map(toView);
    return { name: `aanmeldingen-${evening.joinCode}.csv`, data: Buffer.from(signupsCsv(rows, language), 'utf8') };
  }

  /** Marks (or unmarks) a sign-up as arrived at the door. */
  async arrival(actor: Actor, eveningId: string, signupId: string, arrived: boolean): Promise<SignupView> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'run');
    return this.writer.write(async (m) => {
      const row = await this.repo.byId(evening.id, signupId, m);
      if (!row) throw notFound('signup');
      if (row.status === 'cancelled') throw conflict('INVALID_STATE', problem('signup.cancelled'));
      const arrivedAt = arrived ? (row.arrivedAt ?? new Date()) : null;
      await this.repo.update(m, row.id, { arrivedAt });
      return toView({ ...row, arrivedAt });
    });
  }

  // ---------- the public page ----------

  async announcement(code: string): Promise<AnnouncementView> {
    const { page, evening } = await this.requirePage(code);
    const signups = await this.repo.signups(evening.id);
    const counts = countsOf(signups, page.capacity);
    return {
      ...(await this.publicPart(page, evening)),
      capacity: page.capacity,
      placesLeft: counts.placesLeft,
      mail: this.mail.enabled,
    };
  }

  async signUp(code: string, request: SignupRequest): Promise<CreatedSignupResponse> {
    const { page, evening } = await this.requirePage(code);
    if (!page.open) throw conflict('INVALID_STATE', problem('signup.closed'));
    if (!page.nameOnly && !request.email) throw badRequest('VALIDATION_FAILED', problem('signup.emailRequired'));
    const token = randomBytes(32).toString('base64url');
    const language = request.language ?? evening.language;
    const row = await this.writer.write(async (m) => {
      const fresh = (await this.repo.page(evening.id, m))!;
      if (!fresh.open) throw conflict('INVALID_STATE', problem('signup.closed'));
      const counts = countsOf(await this.repo.signups(evening.id, m), fresh.capacity);
      const guests = request.guests ?? 0;
      const created: SignupEntity = {
        id: randomUUID(),
        eveningId: evening.id,
        tokenHash: sha256Hex(token),
        name: request.name,
        email: request.email ?? null,
        guests,
        status: placeFor(fresh.capacity, counts.confirmedPeople, counts.waiting, 1 + guests),
        language,
        createdAt: new Date(),
        cancelledAt: null,
        arrivedAt: null,
      };
      await this.repo.insert(m, created);
      return created;
    });
    const url = this.personalUrl(token);
    // Reading it back makes the ticket, when the evening admits by ticket and the sign-up has a place.
    const mine = await this.mine(token);
    const mail = row.email ? await this.mail.send(row.email, this.mailTemplate(evening, page, row, token, mine.ticket), language) : 'off';
    return { ...mine, token, url, mail };
  }

  // ---------- the resident's personal link ----------

  async mine(token: string): Promise<MySignupView> {
    const { row, page, evening } = await this.requireSignup(token);
    const waiting = row.status === 'waiting' ? (await this.repo.signups(evening.id)).filter((s) => s.status === 'waiting') : [];
    return {
      name: row.name,
      email: row.email,
      guests: row.guests,
      status: row.status,
      waitingPosition: row.status === 'waiting' ? waiting.findIndex((s) => s.id === row.id) + 1 : null,
      language: row.language,
      announcement: await this.publicPart(page, evening),
      ticket: await this.ticketOf(token, row, evening),
    };
  }

  /**
   * With tickets and a place, the sign-up's ticket: made the first time it is asked for (on
   * signing up, or when a place came free or the evening started admitting by ticket later), so a
   * resident on the waiting list holds none. Its code comes from the token the resident brings.
   */
  private async ticketOf(token: string, row: SignupEntity, evening: EveningEntity): Promise<SignupTicket | null> {
    if (evening.accessMode !== 'tickets' || row.status !== 'confirmed') return null;
    const code = signupTicketCode(token);
    const ticket =
      (await this.tickets.find(this.repo.manager, evening.id, code)) ??
      (await this.writer.write(async (m) => {
        // Cancelled meanwhile: no ticket.
        const current = await this.repo.byTokenHash(row.tokenHash, m);
        return current?.status === 'confirmed' ? this.tickets.issue(m, evening.id, code) : null;
      }));
    if (!ticket) return null;
    return {
      number: ticket.number,
      code,
      joinCode: evening.joinCode,
      joinUrl: `${this.meta.publicUrl()}/j/${evening.joinCode}?t=${code}`,
      status: ticket.status,
    };
  }

  async calendar(token: string): Promise<{ name: string; data: Buffer }> {
    const { page, evening } = await this.requireSignup(token);
    const programme = await this.evenings.programme(evening.id);
    const text = calendarFile({
      uid: `${evening.id}@buurtjury`,
      title: evening.title,
      date: evening.date,
      startTime: evening.startTime,
      minutes: DEFAULT_MINUTES,
      location: [evening.venue, page.address].filter((s) => s.trim() !== '').join(', '),
      description: [page.about, programme.map((p) => p.name).join(', ')].filter((s) => s !== '').join('\n\n'),
      url: `${this.meta.publicUrl()}/a/${page.code}`,
      now: new Date(),
    });
    return { name: `buurtjury-${page.code}.ics`, data: Buffer.from(text, 'utf8') };
  }

  /**
   * Cancels the sign-up (a second time changes nothing); a place that comes free goes to the
   * waiting list. Its ticket is withdrawn: its code no longer admits anyone. A ticket a phone has
   * already joined with cannot be withdrawn (that voter's ballots count), so such a sign-up is
   * not cancelled and the resident is told why.
   */
  async cancel(token: string): Promise<MySignupView> {
    const { row, page, evening } = await this.requireSignup(token);
    let cancelled = false;
    const moved = await this.writer.write(async (m) => {
      const current = (await this.repo.byTokenHash(row.tokenHash, m))!;
      if (current.status === 'cancelled') return [];
      if ((await this.tickets.withdraw(m, evening.id, signupTicketCode(token))) === 'used') {
        throw conflict('INVALID_STATE', problem('signup.ticketUsed'));
      }
      await this.repo.update(m, current.id, { status: 'cancelled', cancelledAt: new Date(), arrivedAt: null });
      cancelled = true;
      return this.promoteWaiting(m, evening.id, page.capacity);
    });
    // The resident hears that the cancelling went through (once), in their language.
    if (cancelled && row.email) await this.mail.send(row.email, this.mailTemplate(evening, page, { ...row, status: 'cancelled' }, null), row.language);
    await this.mailPromoted(evening, moved);
    return this.mine(token);
  }

  // ---------- inside ----------

  private async requirePage(code: string): Promise<{ page: SignupPageEntity; evening: EveningEntity }> {
    const normalised = code.trim().toUpperCase();
    if (!CODE_PATTERN.test(normalised)) throw notFound('announcement');
    const page = await this.repo.pageByCode(normalised);
    const evening = page ? await this.evenings.byId(page.eveningId) : null;
    if (!page || !evening) throw notFound('announcement');
    return { page, evening };
  }

  private async requireSignup(token: string): Promise<{ row: SignupEntity; page: SignupPageEntity; evening: EveningEntity }> {
    if (!TOKEN_PATTERN.test(token)) throw notFound('signup');
    const row = await this.repo.byTokenHash(sha256Hex(token));
    const page = row ? await this.repo.page(row.eveningId) : null;
    const evening = row ? await this.evenings.byId(row.eveningId) : null;
    if (!row || !page || !evening) throw new AppError(HttpStatus.NOT_FOUND, 'NOT_FOUND', problem('notFound.signup'));
    return { row, page, evening };
  }

  private async publicPart(page: SignupPageEntity, evening: EveningEntity): Promise<MySignupView['announcement']> {
    return {
      code: page.code,
      title: evening.title,
      networkName: await this.accounts.networkName(evening.networkId),
      date: evening.date,
      startTime: evening.startTime,
      venue: evening.venue,
      address: page.address,
      accessibility: page.accessibility,
      about: page.about,
      language: evening.language,
      programme: evening.frozenAt ? await this.evenings.programme(evening.id) : null,
      open: page.open,
      nameOnly: page.nameOnly,
      tickets: evening.accessMode === 'tickets',
      retentionDays: this.config.retentionDays,
    };
  }

  private async overviewOf(eveningId: string): Promise<SignupOverview> {
    const [page, signups] = await Promise.all([this.repo.page(eveningId), this.repo.signups(eveningId)]);
    return {
      settings: page
        ? {
            code: page.code,
            url: `${this.meta.publicUrl()}/a/${page.code}`,
            open: page.open,
            capacity: page.capacity,
            nameOnly: page.nameOnly,
            address: page.address,
            accessibility: page.accessibility,
            about: page.about,
          }
        : null,
      counts: countsOf(signups, page?.capacity ?? null),
      signups: signups.map(toView),
    };
  }

  /** Moves waiting sign-ups up while they fit (in order); returns the ones moved. */
  private async promoteWaiting(m: EntityManager, eveningId: string, capacity: number | null): Promise<SignupEntity[]> {
    const all = await this.repo.signups(eveningId, m);
    const confirmed = all.filter((s) => s.status === 'confirmed').reduce((n, s) => n + people(s), 0);
    const waiting = all.filter((s) => s.status === 'waiting');
    const ids = new Set(promoted(capacity, confirmed, waiting.map((s) => ({ id: s.id, people: people(s) }))));
    const moved = waiting.filter((s) => ids.has(s.id));
    for (const s of moved) await this.repo.update(m, s.id, { status: 'confirmed' });
    return moved.map((s) => ({ ...s, status: 'confirmed' as const }));
  }

  /** Tells those who moved up from the waiting list (with SMTP_URL; their page says it too). No new link: theirs stays. */
  private async mailPromoted(evening: EveningEntity, moved: SignupEntity[]): Promise<void> {
    const page = moved.length > 0 ? await this.repo.page(evening.id) : null;
    for (const s of moved) {
      if (s.email && page) await this.mail.send(s.email, this.mailTemplate(evening, page, s, null), s.language);
    }
  }

  private personalUrl(token: string): string {
    return `${this.meta.publicUrl()}/s/${token}`;
  }

  /** With `token` null (a mail after the fact) the mail links to the announcement instead of the personal page, which only the resident's first mail carries. */
  private mailTemplate(evening: EveningEntity, page: SignupPageEntity, row: SignupEntity, token: string | null, ticket: SignupTicket | null = null) {
    const personal = token ? this.personalUrl(token) : `${this.meta.publicUrl()}/a/${page.code}`;
    return {
      kind: 'signup' as const,
      name: row.name,
      eveningTitle: evening.title,
      date: evening.date,
      startTime: evening.startTime,
      venue: evening.venue,
      address: page.address,
      status: row.status,
      url: personal,
      cancelUrl: token ? `${personal}?cancel=1` : null,
      // A later mail has no token, so no ticket code: the ticket is on the personal page of the first mail.
      ticket: ticket ? { number: ticket.number, code: ticket.code, joinCode: ticket.joinCode, joinUrl: ticket.joinUrl } : null,
      ticketOnPage: !token && evening.accessMode === 'tickets' && row.status === 'confirmed',
    };
  }
}

function toView(s: SignupEntity): SignupView {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    guests: s.guests,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    arrivedAt: s.arrivedAt?.toISOString() ?? null,
  };
}

function countsOf(signups: readonly SignupEntity[], capacity: number | null): SignupCounts {
  const confirmed = signups.filter((s) => s.status === 'confirmed');
  const waiting = signups.filter((s) => s.status === 'waiting');
  const confirmedPeople = confirmed.reduce((n, s) => n + people(s), 0);
  return {
    confirmed: confirmed.length,
    confirmedPeople,
    waiting: waiting.length,
    waitingPeople: waiting.reduce((n, s) => n + people(s), 0),
    cancelled: signups.filter((s) => s.status === 'cancelled').length,
    arrived: confirmed.filter((s) => s.arrivedAt !== null).length,
    placesLeft: capacity === null ? null : Math.max(0, capacity - confirmedPeople),
  };
}
