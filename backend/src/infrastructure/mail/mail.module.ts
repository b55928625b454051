import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail (SMTP_URL): one service with the Dutch and English templates. */
@Global()
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
