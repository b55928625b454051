import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  /** smtp://user:pass@127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message received so far, parsed, in order. */
  messages: ParsedMail[];
  /** Resolves with the next message to arrive for `to` (or one that already arrived and was not taken yet). */
  next(to: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port of 127.0.0.1 that keeps what it
 * receives, parsed with `mailparser`. It wants the user and password of its URL. A recipient whose
 * address starts with `bounce` is refused (550), as a mail server refuses an unknown mailbox.
 */
export async function startInbox(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const taken = new Set<ParsedMail>();
  const waiting: { to: string; resolve: (m: ParsedMail) => void }[] = [];
  const recipients = (m: ParsedMail) =>
    (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  const deliver = (m: ParsedMail) => {
    const i = waiting.findIndex((w) => recipients(m).includes(w.to));
    if (i >= 0) {
      taken.add(m);
      waiting.splice(i, 1)[0]!.resolve(m);
    }
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'jury' && auth.password === 'geheim') callback(null, { user: 'jury' });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith('bounce')) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push(parsed);
          deliver(parsed);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://jury:geheim@127.0.0.1:${port}`,
    messages,
    next(to: string) {
      const wanted = to.toLowerCase();
      const already = messages.find((m) => !taken.has(m) && recipients(m).includes(wanted));
      if (already) {
        taken.add(already);
        return Promise.resolve(already);
      }
      return new Promise((resolve) => waiting.push({ to: wanted, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
