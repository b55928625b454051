import { Module } from '@nestjs/common';
import { AttendeesModule } from '../attendees/attendees.module';
import { LiveModule } from '../live/live.module';
import { ResultsModule } from '../results/results.module';
import { RetentionService } from './retention.service';

/** Privacy: the deletion of an evening's personal data once the retention period after its advice has passed. */
@Module({
  imports: [LiveModule, AttendeesModule, ResultsModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class PrivacyModule {}
