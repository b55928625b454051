import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { computeResults, resultsFingerprint, sha256Hex, type ResultsInput, type ResultsResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { TieDeclarationEntity } from '../attendees/entities';
import { BallotEntity } from '../ballots/entities';
import { conflict } from '../common/app-error';
import { toEveningDetail } from '../evenings/evening.mapper';
import { findOwnedEvening, loadEveningRows } from '../evenings/evening.store';
import type { EveningEntity } from '../evenings/entities';
import { LiveStateEntity } from '../live/entities';

/**
 * The evening's results for its organisers, once the evening has ended: the full report of the
 * results engine (shared/src/results) over the counted ballots. Attendees appear only under
 * pseudonyms, and the bootstrap is seeded with the setup's fingerprint, so the same ballots
 * always give byte-identical results.
 */
@Injectable()
export class ResultsService {
  /** After the end nothing changes any more, so a report is computed once per evening. */
  private readonly cache = new Map<string, ResultsResponse>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async results(actor: Actor, eveningId: string): Promise<ResultsResponse> {
    const m = this.dataSource.manager;
    const evening = await findOwnedEvening(m, actor, eveningId);
    const cached = this.cache.get(evening.id);
    if (cached) return cached;
    const state = await m.findOneBy(LiveStateEntity, { eveningId: evening.id });
    if (state?.phase !== 'ended') {
      throw conflict('EVENING_NOT_ENDED', 'The results are available once the host has ended the evening.');
    }
    const input = await this.resultsInput(evening);
    const report = computeResults(input);
    const response: ResultsResponse = { fingerprint: resultsFingerprint(report), report };
    this.cache.set(evening.id, response);
    return response;
  }

  /** What the engine gets: the latest ballot per attendee and bidder, declared ties, pseudonyms. */
  private async resultsInput(evening: EveningEntity): Promise<ResultsInput> {
    const m = this.dataSource.manager;
    const eveningId = evening.id;
    const detail = toEveningDetail(await loadEveningRows(m, evening));
    const [ballots, ties] = await Promise.all([
      m.find(BallotEntity, { where: { eveningId }, order: { serial: 'ASC' } }),
      m.findBy(TieDeclarationEntity, { eveningId }),
    ]);
    const latest = new Map<string, BallotEntity>();
    for (const b of ballots) latest.set(`${b.attendeeId}\n${b.bidderId}`, b);
    const voter = pseudonyms(detail.fingerprint ?? '', [...latest.values()].map((b) => b.attendeeId).concat(ties.map((t) => t.attendeeId)));
    return {
      bidders: detail.bidders.map((b) => ({ id: b.id, name: b.name, position: b.position })),
      criteria: detail.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
      scale: { kind: detail.scale.kind, levels: detail.scale.levels.map((l) => ({ value: l.value, label: l.label })) },
      ballots: [...latest.values()].map((b) => ({ voter: voter(b.attendeeId), bidderId: b.bidderId, grades: b.grades, submittedAt: b.submittedAt.getTime() })),
      ties: ties.map((t) => ({ voter: voter(t.attendeeId), bidderId: t.bidderId })),
      options: { seed: detail.fingerprint ?? eveningId },
    };
  }
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
