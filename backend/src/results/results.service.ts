import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../infrastructure/events/domain-events';
import {
  agreedPaperCards,
  problem,
  buildBallotRecord,
  type Permission,
  computeResults,
  mappedCriteriaSection,
  mappedCriterionIds,
  missedByPresence,
  type ResultsSection,
  paperConduct,
  pitchTimings,
  questionAccount,
  reopeningEffects,
  lateCounts,
  watchJoins,
  paperCardLabel,
  recordCsv,
  recordBallotsDigest,
  recordJson,
  recordToResultsInput,
  resultsJson,
  sealBurstCheck,
  sha256Hex,
  type BallotRecord,
  type EveningConduct,
  type EveningDetail,
  type ResultsInput,
  type ResultsReport,
  type ResultsResponse,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { BallotsQuery } from '../ballots/ballots.query';
import type { BallotEntity } from '../infrastructure/database/schema/ballots';
import { AttendeesQuery } from '../attendees/attendees.query';
import { EveningsQuery } from '../evenings/evenings.query';
import type { EveningLogEntity, LiveStateEntity, PitchStateEntity } from '../infrastructure/database/schema/live';
import { LiveQuery } from '../live/live.query';
import { QuestionsQuery } from '../questions/questions.query';
import { PaperQuery } from '../paper/paper.query';
import { conflict } from '../platform/common/app-error';
import { toEveningDetail } from '../evenings/evening.mapper';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';

/** An attendee's remark on a bidder, from their counted ballot (raw; mask before showing). */
export interface CountedRemark {
  /** Opaque: SHA-256 of the ballot id, cut to 16 hex digits. */
  id: string;
  bidderId: string;
  text: string;
  /** From a phone's ballot, or from a paper card (entered alike by two moderators). */
  channel: 'phone' | 'paper';
}

/** What an ended evening produced: fixed once the evening has ended, so computed once. */
export interface EveningNumbers {
  record: BallotRecord;
  recordJson: string;
  recordSha256: string;
  report: ResultsReport;
  /** The ranking on the criteria that map to an award criterion alone (not part of results.json), or null when none maps. */
  mappedOnly: ResultsSection | null;
  resultsJson: string;
  resultsSha256: string;
  remarks: CountedRemark[];
  conduct: EveningConduct;
}

/** The numbers plus what may still change after the end (title, venue, language, network name). */
export interface EveningOutcome extends EveningNumbers {
  evening: EveningEntity;
  detail: EveningDetail;
  network: string;
}

export type ExportName = 'record.json' | 'record.csv' | 'results.json';

/**
 * The evening's results once it has ended. The ballots go through the anonymised ballot record
 * (shared/src/advice/record.ts) before they reach the results engine, so the published record
 * recomputes to exactly these results. Attendees appear only under pseudonyms, and the bootstrap
 * is seeded with the setup's fingerprint, so the same ballots always give byte-identical results.
 */
@Injectable()
export class ResultsService {
  private readonly cache = new Map<string, EveningNumbers>();

  constructor(
    events: DomainEvents,
    private readonly accounts: AccountsQuery,
    private readonly evenings: EveningsQuery,
    private readonly live: LiveQuery,
    private readonly attendees: AttendeesQuery,
    private readonly ballotsQuery: BallotsQuery,
    private readonly paper: PaperQuery,
    private readonly questions: QuestionsQuery,
  ) {
    events.subscribe('paperBallotsChanged', ({ eveningId }) => this.forget(eveningId));
    events.subscribe('eveningPurged', ({ eveningId }) => this.forget(eveningId));
  }

  /** Drops the cached numbers of an evening, so they are computed again from the stored rows. */
  forget(eveningId: string): void {
    this.cache.delete(eveningId);
  }

  async results(actor: Actor, eveningId: string): Promise<ResultsResponse> {
    const outcome = await this.outcome(actor, eveningId);
    return { fingerprint: outcome.resultsSha256, report: outcome.report };
  }

  async export(actor: Actor, eveningId: string, name: ExportName): Promise<{ contentType: string; body: string }> {
    const o = await this.outcome(actor, eveningId);
    switch (name) {
      case 'record.json':
        return { contentType: 'application/json; charset=utf-8', body: o.recordJson };
      case 'record.csv':
        return { contentType: 'text/csv; charset=utf-8', body: recordCsv(o.record) };
      case 'results.json':
        return { contentType: 'application/json; charset=utf-8', body: o.resultsJson };
    }
  }

  /**
   * Everything about an ended evening of the actor's network, after the access check for the
   * permission asked (reading by default); 404 for other networks, 409 before the end.
   */
  async outcome(actor: Actor, eveningId: string, permission: Permission = 'read'): Promise<EveningOutcome> {
    const evening = await this.evenings.requireEvening(actor, eveningId, permission);
    return this.outcomeOf(evening);
  }

  /** The record and results recomputed from the stored ballots now (no cache), or null before the end. For the verifier. */
  async recompute(evening: EveningEntity): Promise<{ recordSha256: string; resultsSha256: string; ballotsDigest: string } | null> {
    const state = await this.live.state(evening.id);
    if (state?.phase !== 'ended') return null;
    const detail = toEveningDetail(await this.evenings.rows(evening));
    const numbers = await this.numbers(evening, detail);
    return { recordSha256: numbers.recordSha256, resultsSha256: numbers.resultsSha256, ballotsDigest: recordBallotsDigest(numbers.record) };
  }

  async outcomeOf(evening: EveningEntity): Promise<EveningOutcome> {
    const [rows, network] = await Promise.all([this.evenings.rows(evening), this.accounts.networkName(evening.networkId)]);
    const detail = toEveningDetail(rows);
    let numbers = this.cache.get(evening.id);
    if (!numbers) {
      numbers = await this.numbers(evening, detail);
      this.cache.set(evening.id, numbers);
    }
    return { ...numbers, evening, detail, network };
  }

  private async numbers(evening: EveningEntity, detail: EveningDetail): Promise<EveningNumbers> {
    const eveningId = evening.id;
    const state = await this.live.state(eveningId);
    if (state?.phase !== 'ended') {
      throw conflict('EVENING_NOT_ENDED', problem('results.notEnded'));
    }
    const [ballots, ties, pitches, log, attendees, paperEntries, watch, late, questions] = await Promise.all([
      this.ballotsQuery.forEvening(eveningId).then((rows) => rows.sort((a, b) => a.serial - b.serial)),
      this.attendees.ties(eveningId),
      this.live.pitches(eveningId),
      this.live.log(eveningId),
      this.attendees.joins(eveningId),
      this.paper.entries(eveningId),
      this.attendees.joinWatch(eveningId),
      this.ballotsQuery.lateForEvening(eveningId),
      this.questions.records(eveningId),
    ]);
    const position = new Map(detail.bidders.map((b) => [b.id, b.position]));
    const paper = agreedPaperCards(paperEntries).map((c) => ({ ...c, voterKey: `paper\n${c.bidderId}\n${c.cardNumber}`, receipt: paperCardLabel(position.get(c.bidderId) ?? 0, c.cardNumber) }));
    const latest = new Map<string, BallotEntity>();
    for (const b of ballots) latest.set(`${b.attendeeId}\n${b.bidderId}`, b);
    const counted = [...latest.values()];
    const fingerprint = detail.fingerprint ?? eveningId;
    // Each paper card is its own voter: cards of one resident for different pitches cannot be linked.
    const voter = pseudonyms(fingerprint, [...counted.map((b) => b.attendeeId), ...ties.map((t) => t.attendeeId), ...paper.map((c) => c.voterKey)]);
    const timed: ResultsInput = {
      bidders: detail.bidders.map((b) => ({ id: b.id, name: b.name, position: b.position })),
      criteria: detail.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
      scale: { kind: detail.scale.kind, levels: detail.scale.levels.map((l) => ({ value: l.value, label: l.label })) },
      ballots: [
        ...counted.map((b) => ({ voter: voter(b.attendeeId), bidderId: b.bidderId, grades: b.grades, submittedAt: b.submittedAt.getTime(), receipt: b.receipt, channel: 'phone' as const })),
        ...paper.map((c) => ({ voter: voter(c.voterKey), bidderId: c.bidderId, grades: c.grades, receipt: c.receipt, channel: 'paper' as const })),
      ],
      ties: ties.map((t) => ({ voter: voter(t.attendeeId), bidderId: t.bidderId })),
      options: { seed: fingerprint },
    };
    const record = buildBallotRecord(sealBurstCheck(timed), {
      municipality: detail.tender.municipality,
      tender: detail.tender.name,
      setupFingerprint: fingerprint,
    });
    const recordInput = recordToResultsInput(record);
    const report = computeResults(recordInput);
    const mappedOnly = mappedCriteriaSection(recordInput, mappedCriterionIds(detail));
    const recordText = recordJson(record);
    const resultsText = resultsJson(report);
    const tied = new Set(ties.map((t) => `${t.attendeeId}\n${t.bidderId}`));
    const remarks = counted
      .filter((b) => b.remark.trim() !== '' && !tied.has(`${b.attendeeId}\n${b.bidderId}`))
      .map((b): CountedRemark => ({ id: sha256Hex(b.id).slice(0, 16), bidderId: b.bidderId, text: b.remark.trim(), channel: 'phone' }))
      // A counted paper card's remark is quotable too (its id: from the card, never equal to a ballot's).
      .concat(
        paper
          .filter((c) => c.remark !== '')
          .map((c): CountedRemark => ({ id: sha256Hex(`paper\n${c.bidderId}\n${c.cardNumber}`).slice(0, 16), bidderId: c.bidderId, text: c.remark, channel: 'paper' })),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      record,
      recordJson: recordText,
      recordSha256: sha256Hex(recordText),
      report,
      mappedOnly,
      resultsJson: resultsText,
      resultsSha256: sha256Hex(resultsText),
      remarks,
      conduct: {
        ...conductOf(detail, state, pitches, log, attendees.length, paper),
        paperEntry: paperConduct(paperEntries, position, state.endedAt),
        lateBallots: lateBallotsOf(detail, late, latest, ties),
        // Questions are not ballots: only counted and listed, never part of the record or the results.
        questions: questionAccount(
          detail.bidders.map((b) => b.id),
          questions,
        ),
        presenceMissed: missedByPresence(
          detail.bidders.map((b) => ({ bidderId: b.id, startedAt: pitches.find((p) => p.bidderId === b.id)?.startedAt?.getTime() ?? null })),
          attendees.map((a) => a.joinedAt.getTime()),
          detail.rules,
        ),
        timings: pitchTimings(
          detail.bidders,
          log.map((e) => ({ type: e.type, at: e.at.getTime(), bidderId: typeof e.detail.bidderId === 'string' ? e.detail.bidderId : null })),
        ),
        reopenings: reopeningEffects(
          { bidders: timed.bidders, criteria: timed.criteria, scale: timed.scale, ties: timed.ties, options: timed.options },
          [
            ...paper.map((c) => ({ voter: voter(c.voterKey), bidderId: c.bidderId, grades: c.grades, submittedAt: null, channel: 'paper' as const })),
            ...ballots.map((b) => ({ voter: voter(b.attendeeId), bidderId: b.bidderId, grades: b.grades, submittedAt: b.submittedAt.getTime(), channel: 'phone' as const })),
          ],
          log.filter((e) => e.type === 'scoring-reopened').map((e) => ({ at: e.at.toISOString(), bidderId: String(e.detail.bidderId ?? ''), reason: String(e.detail.reason ?? '') })),
        ),
        joins: watchJoins(
          attendees.map((a) => ({ at: a.joinedAt.getTime(), address: a.joinAddress })),
          { expected: watch?.expectedAttendance ?? null, open: detail.rules.accessMode === 'open', now: (state.endedAt ?? new Date()).getTime() },
        ),
      },
    };
  }
}

function conductOf(
  detail: EveningDetail,
  state: LiveStateEntity,
  pitches: PitchStateEntity[],
  log: EveningLogEntity[],
  attendees: number,
  paper: readonly { bidderId: string }[],
): Omit<EveningConduct, 'paperEntry' | 'joins' | 'lateBallots' | 'timings' | 'reopenings'> {
  const paperCounts: Record<string, number> = Object.fromEntries(detail.bidders.map((b) => [b.id, 0]));
  for (const c of paper) paperCounts[c.bidderId] = (paperCounts[c.bidderId] ?? 0) + 1;
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  const byBidder = new Map(pitches.map((p) => [p.bidderId, p]));
  const events: EveningConduct['events'] = [];
  // A close the host announced with a countdown is done by the server's timer, but is no automatic close.
  const announced = new Set<string>();
  for (const entry of log) {
    const bidderId = typeof entry.detail.bidderId === 'string' ? entry.detail.bidderId : '';
    if (entry.type === 'scoring-close-announced') announced.add(bidderId);
    else if (entry.type === 'scoring-opened' || entry.type === 'scoring-reopened') announced.delete(bidderId);
    if (entry.type === 'scoring-reopened') events.push({ at: entry.at.toISOString(), type: 'scoring-reopened', bidderId, reason: String(entry.detail.reason ?? '') });
    else if (entry.type === 'pitch-skipped') events.push({ at: entry.at.toISOString(), type: 'pitch-skipped', bidderId, reason: '' });
    else if (entry.type === 'scoring-closed' && entry.actor === 'system' && !announced.has(bidderId)) events.push({ at: entry.at.toISOString(), type: 'scoring-auto-closed', bidderId, reason: '' });
  }
  return {
    startedAt: iso(state.startedAt),
    endedAt: iso(state.endedAt),
    attendees,
    rules: detail.rules,
    paper: paperCounts,
    pitches: detail.bidders.map((b) => {
      const p = byBidder.get(b.id);
      return {
        bidderId: b.id,
        status: p?.status ?? 'waiting',
        startedAt: iso(p?.startedAt ?? null),
        scoringOpenedAt: iso(p?.scoringOpenedAt ?? null),
        scoringClosedAt: iso(p?.scoringClosedAt ?? null),
      };
    }),
    events,
  };
}

/** Per bidder in running order, the ballots that arrived after scoring closed and stayed uncounted (see `lateCounts`). */
function lateBallotsOf(
  detail: EveningDetail,
  late: readonly { attendeeId: string; bidderId: string; receivedAt: Date }[],
  latest: ReadonlyMap<string, { submittedAt: Date }>,
  ties: readonly { attendeeId: string; bidderId: string }[],
): EveningConduct['lateBallots'] {
  const tied = new Set(ties.map((t) => `${t.attendeeId}\n${t.bidderId}`));
  const counts = lateCounts(
    late.map((l) => ({ attendeeId: l.attendeeId, bidderId: l.bidderId, receivedAt: l.receivedAt.getTime() })),
    (attendeeId, bidderId) => latest.get(`${attendeeId}\n${bidderId}`)?.submittedAt.getTime() ?? null,
    (attendeeId, bidderId) => tied.has(`${attendeeId}\n${bidderId}`),
  );
  return detail.bidders.flatMap((b) => {
    const c = counts.get(b.id);
    return c ? [{ bidderId: b.id, late: c.late, changes: c.changes }] : [];
  });
}

/**
 * Stable pseudonyms V0001, V0002, ...: attendees ordered by SHA-256 of the setup fingerprint and
 * their id, so the numbering says nothing about who joined or voted first.
 */
export function pseudonyms(fingerprint: string, attendeeIds: string[]): (attendeeId: string) => string {
  const ordered = [...new Set(attendeeIds)].map((id) => ({ id, key: sha256Hex(`${fingerprint}\n${id}`) })).sort((a, b) => (a.key < b.key ? -1 : 1));
  const width = Math.max(4, String(ordered.length).length);
  const names = new Map(ordered.map((o, i) => [o.id, `V${String(i + 1).padStart(width, '0')}`]));
  return (id) => names.get(id)!;
}
