import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { problem, type ReceiptLookupResponse } from '@buurtjury/shared';
import { badRequest } from '../platform/common/app-error';
import { RateLimit } from '../platform/common/rate-limit';
import { ReceiptsService } from './receipts.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

/** Public: an attendee looks up their own ballot in the published record by receipt code. */
@ApiTags('attendees')
@Controller()
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Endpoint(ROUTES.receipt)
  @RateLimit('receipt')
  lookup(@Param('joinCode') joinCode: string, @Param('receipt') receipt: string): Promise<ReceiptLookupResponse> {
    if (joinCode.length > 20 || receipt.length > 20 || !/^[A-Za-z0-9 -]+$/.test(receipt)) {
      throw badRequest('VALIDATION_FAILED', problem('receipt.codeMalformed'));
    }
    return this.receipts.lookup(joinCode, receipt);
  }
}
