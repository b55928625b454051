import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { ResultsModule } from '../results/results.module';
import { RetentionService } from './retention.service';

/** Privacy: the deletion of an evening's personal data once the retention period after its advice has passed. */
@Module({
  imports: [LiveModule, ResultsModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class PrivacyModule {}
