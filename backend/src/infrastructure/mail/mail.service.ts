import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import QRCode from 'qrcode';
import { createTransport, type Transporter } from 'nodemailer';
import type { Language, MailDelivery } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { errorMessageForLog } from '../../platform/common/log-safe';
import { composeMail, type MailTemplate } from './mail-templates';

/**
 * Sends Buurtjury's mail through the SMTP server of SMTP_URL (nodemailer). Without SMTP_URL it
 * sends nothing and says `off`: the organiser passes the link on, as before. Sending never throws:
 * a refused or unreachable server is `failed` (logged without the address), so what the mail was
 * about (an invitation, a link, a sign-up) exists regardless and the caller tells the person.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transport = config.mail
      ? createTransport(
          {
            url: config.mail.url,
            // A mail server that does not answer must not hold up the organiser's request for minutes.
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
          },
          { from: config.mail.from },
        )
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(to: string, template: MailTemplate, language: Language): Promise<MailDelivery> {
    if (!this.transport) return 'off';
    const mail = composeMail(template, language);
    try {
      const attachments = mail.qr
        ? [{ filename: 'ticket.png', content: await QRCode.toBuffer(mail.qr.text, { type: 'png', width: 240, margin: 2, errorCorrectionLevel: 'M' }), cid: mail.qr.cid }]
        : [];
      await this.transport.sendMail({ to, subject: mail.subject, text: mail.text, html: mail.html, attachments });
      return 'sent';
    } catch (error) {
      // Without the address: a refusal often quotes it.
      const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : error;
      this.logger.warn(`Mail (${template.kind}) could not be sent: ${errorMessageForLog(message).replace(/[^\s<>]+@[^\s<>]+/g, '[address]')}`);
      return 'failed';
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
