import { Module } from '@nestjs/common';
import { AdviceModule } from '../advice/advice.module';
import { EveningsModule } from '../evenings/evenings.module';
import { LiveModule } from '../live/live.module';
import { RetentionService } from './retention.service';

/** Privacy: the deletion of an evening's personal data once the retention period after its advice has passed. */
@Module({
  imports: [AdviceModule, EveningsModule, LiveModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class PrivacyModule {}
