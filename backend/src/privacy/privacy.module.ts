import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { RetentionService } from './retention.service';

/** Privacy: the deletion of an evening's personal data once the retention period after its advice has passed. */
@Module({
  imports: [ResultsModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class PrivacyModule {}
