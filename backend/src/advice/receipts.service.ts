import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isJoinCode, normaliseJoinCode, type BallotRecord, type ReceiptLookupResponse } from '@buurtjury/shared';
import { AppError } from '../platform/common/app-error';
import { EveningsQuery } from '../evenings/evenings.query';
import { AdviceService } from './advice.service';
import { AdviceVersionEntity } from '../infrastructure/database/schema/advice';

/** A receipt as printed ("ABCD-EFGH" for a phone ballot, "2-017" for a paper card), compared without case and spaces. */
function normaliseReceipt(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/**
 * One answer for an unknown join code, an evening without a published advice and an unknown
 * receipt: the look-up must not tell which join codes exist (it was an oracle answering 1,000
 * guesses a second).
 */
const notFound = () =>
  new AppError(
    HttpStatus.NOT_FOUND,
    'RECEIPT_NOT_FOUND',
    'No ballot with this receipt is in a published record of an evening with this code. Check both codes; the record is published once the organisers issue the advice, and a ballot you replaced later is not in it.',
  );

/**
 * Lets attendees find their own ballot in the published anonymised record with the receipt code
 * their phone showed (or the number of their paper card). Public: a receipt says nothing about
 * who holds it, and the record is published with the advice anyway. Limited per address
 * (RECEIPT_RATE_LIMIT).
 */
@Injectable()
export class ReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly advice: AdviceService,
    private readonly evenings: EveningsQuery,
  ) {}

  async lookup(rawJoinCode: string, rawReceipt: string): Promise<ReceiptLookupResponse> {
    const joinCode = normaliseJoinCode(rawJoinCode);
    const m = this.dataSource.manager;
    const evening = isJoinCode(joinCode) ? await this.evenings.byJoinCode(joinCode, m) : null;
    if (!evening) throw notFound();
    const latest = await m.findOne(AdviceVersionEntity, { where: { eveningId: evening.id }, order: { number: 'DESC' } });
    if (!latest) throw notFound();
    const file = await this.advice.fileOf(evening.id, latest.number, 'record.json');
    const record = JSON.parse(file.data.toString('utf8')) as BallotRecord;
    const receipt = normaliseReceipt(rawReceipt);
    const ballot = record.ballots.find((b) => b.receipt !== '' && normaliseReceipt(b.receipt) === receipt) ?? null;
    if (!ballot) throw notFound();
    const labels = new Map(record.scale.levels.map((l) => [l.value, l.label]));
    return {
      receipt,
      versionNumber: latest.number,
      recordSha256: latest.recordSha256,
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
