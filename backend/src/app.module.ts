import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { AccountsModule } from './accounts/accounts.module';
import { APP_CONFIG, type AppConfig } from './platform/config/config';
import { FloodLog } from './platform/common/flood-log';
import { RateLimits } from './platform/common/rate-limit';
import { RedisModule } from './platform/redis/redis.module';
import { databaseOptions, openDataSource } from './infrastructure/database/data-source';
import { DatabaseModule } from './infrastructure/database/database.module';
import { AuditLogModule } from './infrastructure/audit-log/audit-log.module';
import { EventsModule } from './infrastructure/events/events.module';
import { AttendeesModule } from './attendees/attendees.module';
import { BallotsModule } from './ballots/ballots.module';
import { GatewayModule } from './gateway/gateway.module';
import { PosterModule } from './poster/poster.module';
import { EveningsModule } from './evenings/evenings.module';
import { LiveModule } from './live/live.module';
import { ResultsModule } from './results/results.module';
import { AdviceModule } from './advice/advice.module';
import { MetaModule } from './meta/meta.module';
import { TicketsModule } from './tickets/tickets.module';
import { PaperModule } from './paper/paper.module';
import { ProcedureModule } from './procedure/procedure.module';
import { AuditModule } from './verification/audit.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RenderModule } from './infrastructure/render/render.module';
import { MailModule } from './infrastructure/mail/mail.module';
import { SignupModule } from './signup/signup.module';
import { BidderPortalModule } from './bidder-portal/bidder-portal.module';
import { QuestionsModule } from './questions/questions.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    // The phone's own page (frontend/phone/index.html, its own build) for /j/CODE, the app for every other address.
    const phonePage = path.join(config.frontendDist, 'phone');
    const phone = existsSync(path.join(phonePage, 'index.html'))
      ? [{ rootPath: phonePage, serveRoot: '/j', renderPath: '/:code', serveStaticOptions: { index: false, redirect: false } }]
      : [];
    const frontend = existsSync(config.frontendDist)
      ? [ServeStaticModule.forRoot(...phone, { rootPath: config.frontendDist, exclude: ['/api/{*path}', '/socket.io/{*path}'] })]
      : [];
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...databaseOptions(config), retryAttempts: config.databaseUrl ? 2 : 0 }),
          dataSourceFactory: (options) => openDataSource(options!),
        }),
        RedisModule,
        DatabaseModule,
        AuditLogModule,
        EventsModule,
        RenderModule,
        MailModule,
        MetaModule,
        AccountsModule,
        EveningsModule,
        PosterModule,
        LiveModule,
        AttendeesModule,
        BallotsModule,
        ResultsModule,
        AdviceModule,
        TicketsModule,
        PaperModule,
        ProcedureModule,
        AuditModule,
        SignupModule,
        BidderPortalModule,
        QuestionsModule,
        PrivacyModule,
        GatewayModule,
        ...frontend,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, FloodLog, RateLimits],
      exports: [APP_CONFIG, FloodLog, RateLimits],
    };
  }
}
