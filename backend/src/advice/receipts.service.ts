import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isJoinCode, normaliseJoinCode, type BallotRecord, type ReceiptLookupResponse } from '@buurtjury/shared';
import { conflict, notFound } from '../common/app-error';
import { EveningEntity } from '../evenings/entities';
import { AdviceService } from './advice.service';
import { AdviceVersionEntity } from './entities';

/** A receipt as printed ("ABCD-EFGH" for a phone ballot, "2-017" for a paper card), compared without case and spaces. */
function normaliseReceipt(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/**
 * Lets attendees find their own ballot in the published anonymised record with the receipt code
 * their phone showed (or the number of their paper card). Public: a receipt says nothing about
 * who holds it, and the record is published with the advice anyway.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly advice: AdviceService,
  ) {}

  async lookup(rawJoinCode: string, rawReceipt: string): Promise<ReceiptLookupResponse> {
    const joinCode = normaliseJoinCode(rawJoinCode);
    const m = this.dataSource.manager;
    const evening = isJoinCode(joinCode) ? await m.findOneBy(EveningEntity, { joinCode }) : null;
    if (!evening) throw notFound('An evening with this code');
    const latest = await m.findOne(AdviceVersionEntity, { where: { eveningId: evening.id }, order: { number: 'DESC' } });
    if (!latest) throw conflict('ADVICE_NOT_ISSUED', 'The advice of this evening has not been published yet. Look again once the organisers have issued it.');
    const file = await this.advice.fileOf(evening.id, latest.number, 'record.json');
    const record = JSON.parse(file.data.toString('utf8')) as BallotRecord;
    const receipt = normaliseReceipt(rawReceipt);
    const ballot = record.ballots.find((b) => b.receipt !== '' && normaliseReceipt(b.receipt) === receipt) ?? null;
    const base = { receipt, versionNumber: latest.number, recordSha256: latest.recordSha256 };
    if (!ballot) return { ...base, found: false, ballot: null };
    const labels = new Map(record.scale.levels.map((l) => [l.value, l.label]));
    return {
      ...base,
      found: true,
      ballot: {
        voter: ballot.voter,
        bidderName: record.bidders.find((b) => b.id === ballot.bidderId)?.name ?? '',
        channel: ballot.channel,
        grades: record.criteria.flatMap((c, i) => {
          const value = ballot.grades[i];
          return value === null || value === undefined ? [] : [{ criterion: c.name, value, label: labels.get(value) ?? '' }];
        }),
      },
    };
  }
}
