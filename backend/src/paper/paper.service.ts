import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  agreedPaperCards,
  entriesPerCard,
  cardsBeforePitch,
  checkBallot,
  LIMITS,
  paperCardLabel,
  paperCardState,
  problem,
  paperEntryHash,
  type EveningDetail,
  type PaperCardView,
  type PaperEntryRequest,
  type PaperEntryResponse,
  type PaperOverview,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';
import { toEveningDetail } from '../evenings/evening.mapper';
import { EveningsQuery } from '../evenings/evenings.query';
import type { EveningLogEntity } from '../infrastructure/database/schema/live';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveRegistry } from '../live/live-registry.service';
import type { LiveEvening } from '@buurtjury/shared';
import { LiveQuery } from '../live/live.query';
import { RenderService } from '../infrastructure/render/render.service';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';

/**
 * Paper ballots for residents without a phone: numbered score cards per pitch, each typed in by
 * two different moderator accounts. Only cards whose two entries agree count; a difference is
 * listed until one of the two withdraws and retypes their entry. Every step is in the audit trail.
 * Entries close when the evening ends (the host's "end the evening", logged as `evening-ended`):
 * from then on the results can be known, so no card is entered or withdrawn any more. A pitch has
 * the cards that existed when it started (from the trail: `paper-cards-printed` before its
 * `pitch-started`); cards added later are for later pitches.
 */
@Injectable()
export class PaperService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
    private readonly registry: LiveRegistry,
    private readonly events: LiveEvents,
    private readonly domainEvents: DomainEvents,
    private readonly render: RenderService,
    private readonly evenings: EveningsQuery,
    private readonly liveQuery: LiveQuery,
  ) {}

  async overview(actor: Actor, eveningId: string): Promise<PaperOverview> {
    const m = this.dataSource.manager;
    const evening = await this.evenings.requireEvening(actor, eveningId, 'paper', m);
    const [entries, detail, trail, state] = await Promise.all([
      m.find(PaperEntryEntity, { where: { eveningId } }),
      this.detailOf(m, evening),
      this.trail(m, eveningId),
      this.liveQuery.state(eveningId, m),
    ]);
    const position = new Map(detail.bidders.map((b) => [b.id, b.position]));
    const cards = [...entriesPerCard(entries).values()]
      .map((card) => this.cardView(actor, card, position.get(card[0]!.bidderId) ?? 0))
      .sort((a, b) => a.label.localeCompare(b.label));
    const counted: Record<string, number> = Object.fromEntries(detail.bidders.map((b) => [b.id, 0]));
    for (const c of agreedPaperCards(entries)) counted[c.bidderId] = (counted[c.bidderId] ?? 0) + 1;
    // Closed at the end of the evening: the moment its entry was logged.
    const ended = trail.find((e) => e.type === 'evening-ended');
    const closedAt = state?.phase === 'ended' ? (ended?.at ?? state.endedAt)?.toISOString() ?? null : null;
    const cardsPerBidder: Record<string, number | null> = Object.fromEntries(detail.bidders.map((b) => [b.id, this.cardsFor(trail, b.id, evening)]));
    return { cardsPerPitch: evening.paperCardsPerPitch, open: state?.phase !== 'ended', closedAt, cardsPerBidder, cards, counted };
  }

  /** Sets how many cards per pitch are printed (it can only grow, so printed numbers stay valid). */
  async print(actor: Actor, eveningId: string, cardsPerPitch: number): Promise<PaperOverview> {
    await this.writer.write(async (m) => {
      const evening = await this.evenings.requireEvening(actor, eveningId, 'paper', m);
      if (!evening.frozenAt) throw conflict('EVENING_NOT_OPEN', problem('paper.freezeFirst'));
      if (await this.closed(m, eveningId)) throw this.closedError();
      if (cardsPerPitch < evening.paperCardsPerPitch) {
        throw unprocessable('PAPER_CARD_INVALID', problem('paper.onlyGrow', { count: evening.paperCardsPerPitch }));
      }
      if (cardsPerPitch === evening.paperCardsPerPitch) return;
      const pitches = await this.evenings.bidderCount(eveningId, m);
      if (pitches * cardsPerPitch > LIMITS.paperCardsPrintMax) {
        const most = Math.floor(LIMITS.paperCardsPrintMax / Math.max(1, pitches));
        throw unprocessable('RENDER_TOO_LARGE', problem('paper.tooManyCards', { max: LIMITS.paperCardsPrintMax, pitches, most }));
      }
      const from = evening.paperCardsPerPitch + 1;
      evening.paperCardsPerPitch = cardsPerPitch;
      await m.save(evening);
      await this.audit.append(m, eveningId, [{ type: 'paper-cards-printed', actor: actor.organiserId, detail: { from, to: cardsPerPitch } }]);
    });
    return this.overview(actor, eveningId);
  }

  async cards(actor: Actor, eveningId: string): Promise<{ filename: string; pdf: Buffer }> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'paper');
    if (evening.paperCardsPerPitch === 0) throw conflict('INVALID_STATE', problem('paper.chooseCardsFirst'));
    const pdf = await this.render.pdf({ kind: 'score-cards', evening: await this.detailOf(this.dataSource.manager, evening), perPitch: evening.paperCardsPerPitch });
    return { filename: `score-cards-${evening.joinCode}.pdf`, pdf };
  }

  /** One moderator's typing of one card. */
  async enter(actor: Actor, eveningId: string, request: PaperEntryRequest): Promise<PaperEntryResponse> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'paper');
    const live = await this.liveOf(evening);
    const remark = (request.remark ?? '').trim();
    const refusal = checkBallot(live.frame, { ballotId: '', bidderId: request.bidderId, grades: request.grades, remark });
    if (refusal) throw unprocessable('PAPER_CARD_INVALID', refusal.reason ? { reason: refusal.reason, ...(refusal.params ? { params: refusal.params } : {}), message: refusal.message } : refusal.message);
    const pitch = live.pitches.get(request.bidderId)!;
    if (!pitch.startedAt) throw unprocessable('PAPER_CARD_INVALID', problem('paper.pitchNotGiven'));
    const position = live.programme.bidders.find((b) => b.id === request.bidderId)!.position;
    const label = paperCardLabel(position, request.cardNumber);
    const card = await this.writer.write(async (m) => {
      if (await this.closed(m, eveningId)) throw this.closedError();
      const printed = this.cardsFor(await this.trail(m, eveningId), request.bidderId, evening) ?? 0;
      if (request.cardNumber > printed) {
        throw unprocessable(
          'PAPER_CARD_NOT_PRINTED',
          printed === 0 ? problem('paper.noCardsAtStart', { card: label, pitch: position }) : problem('paper.cardNotPrinted', { card: label, pitch: position, printed }),
        );
      }
      const current = await this.currentEntries(m, eveningId, request.bidderId, request.cardNumber);
      if (current.some((e) => e.enteredById === actor.organiserId)) {
        throw conflict('PAPER_SAME_MODERATOR', problem('paper.sameModerator', { card: label }));
      }
      if (current.length >= 2) throw conflict('INVALID_STATE', problem('paper.enteredTwice', { card: label }));
      const now = new Date();
      const entry: PaperEntryEntity = {
        id: randomUUID(),
        eveningId,
        bidderId: request.bidderId,
        cardNumber: request.cardNumber,
        enteredById: actor.organiserId,
        enteredByName: actor.displayName,
        grades: { ...request.grades },
        remark,
        enteredAt: now,
        withdrawnAt: null,
      };
      await m.insert(PaperEntryEntity, entry);
      const entries = [...current, entry];
      const state = paperCardState(entries);
      await this.audit.append(
        m,
        eveningId,
        [
          { type: 'paper-entry', actor: actor.organiserId, detail: { card: label, entryId: entry.id, entryHash: paperEntryHash(entry) } },
          ...(state.status === 'agreed' ? [{ type: 'paper-card-agreed' as const, actor: 'system', detail: { card: label, bidderId: request.bidderId } }] : []),
        ],
        now,
      );
      return entries;
    });
    if (paperCardState(card).status === 'agreed') await this.recount(live);
    return { card: this.cardView(actor, card, position) };
  }

  /** Withdraws the moderator's own entry (for example to retype it after a difference). */
  async withdraw(actor: Actor, eveningId: string, entryId: string): Promise<PaperEntryResponse> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'paper');
    const live = await this.liveOf(evening);
    const { entry, remaining, wasAgreed } = await this.writer.write(async (m) => {
      if (await this.closed(m, eveningId)) throw this.closedError();
      const entry = await m.findOneBy(PaperEntryEntity, { id: entryId, eveningId });
      if (!entry || entry.withdrawnAt) throw notFound('paperEntry');
      if (entry.enteredById !== actor.organiserId) throw forbidden(problem('paper.withdrawOwn'));
      const before = await this.currentEntries(m, eveningId, entry.bidderId, entry.cardNumber);
      entry.withdrawnAt = new Date();
      await m.save(entry);
      await this.audit.append(m, eveningId, [{ type: 'paper-entry-withdrawn', actor: actor.organiserId, detail: { entryId: entry.id } }], entry.withdrawnAt);
      return { entry, remaining: before.filter((e) => e.id !== entry.id), wasAgreed: paperCardState(before).status === 'agreed' };
    });
    if (wasAgreed) await this.recount(live);
    const position = live.programme.bidders.find((b) => b.id === entry.bidderId)!.position;
    return { card: { ...this.cardView(actor, remaining, position), bidderId: entry.bidderId, cardNumber: entry.cardNumber, label: paperCardLabel(position, entry.cardNumber) } };
  }

  private async detailOf(m: EntityManager, evening: EveningEntity): Promise<EveningDetail> {
    return toEveningDetail(await this.evenings.rows(evening, m));
  }

  private cardView(actor: Actor, entries: readonly PaperEntryEntity[], position: number): PaperCardView {
    const first = entries[0];
    const state = paperCardState(entries);
    return {
      bidderId: first?.bidderId ?? '',
      cardNumber: first?.cardNumber ?? 0,
      label: first ? paperCardLabel(position, first.cardNumber) : '',
      status: state.status,
      differences: state.differences,
      entries: entries.map((e) => ({
        id: e.id,
        enteredBy: e.enteredByName,
        mine: e.enteredById === actor.organiserId,
        grades: e.grades,
        remark: e.remark,
        enteredAt: e.enteredAt.toISOString(),
      })),
    };
  }

  private async currentEntries(m: EntityManager, eveningId: string, bidderId: string, cardNumber: number): Promise<PaperEntryEntity[]> {
    const rows = await m.find(PaperEntryEntity, { where: { eveningId, bidderId, cardNumber }, order: { enteredAt: 'ASC' } });
    return rows.filter((r) => r.withdrawnAt === null);
  }

  /**
   * Paper entry closes when the evening ends. Read inside the single writer, so it is ordered with
   * the end of the evening: an entry either lands in the trail before `evening-ended` or is refused.
   */
  private async closed(m: EntityManager, eveningId: string): Promise<boolean> {
    return (await this.liveQuery.state(eveningId, m))?.phase === 'ended';
  }

  private closedError(): AppError {
    return new AppError(HttpStatus.CONFLICT, 'PAPER_CLOSED', problem('paper.closed'));
  }

  /** The entries of the trail that decide how many cards each pitch has. */
  private async trail(m: EntityManager, eveningId: string): Promise<EveningLogEntity[]> {
    return this.liveQuery.logOf(eveningId, ['paper-cards-printed', 'pitch-started', 'evening-ended'], m);
  }

  /**
   * Cards of this pitch: those that existed when it started (null while it has not started). An
   * evening whose trail does not show the start (from before the trail existed) keeps its printed number.
   */
  private cardsFor(trail: readonly EveningLogEntity[], bidderId: string, evening: EveningEntity): number | null {
    const fromTrail = cardsBeforePitch(trail, bidderId);
    if (fromTrail !== null) return fromTrail;
    return trail.some((e) => e.type === 'pitch-started') ? null : evening.paperCardsPerPitch || null;
  }

  private async liveOf(evening: EveningEntity): Promise<LiveEvening> {
    if (!evening.frozenAt) throw conflict('EVENING_NOT_OPEN', problem('paper.freezeFirst'));
    return this.registry.get(evening.id);
  }

  /** The agreed cards changed: the live tally and the cached results follow. */
  private async recount(live: LiveEvening): Promise<void> {
    const all = await this.dataSource.manager.findBy(PaperEntryEntity, { eveningId: live.eveningId });
    live.setPaper(agreedPaperCards(all));
    await this.domainEvents.publish('paperBallotsChanged', { eveningId: live.eveningId });
    this.events.emit('tally', live.eveningId);
  }
}
