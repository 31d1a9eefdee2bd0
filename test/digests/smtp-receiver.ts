import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { messageId: string; to: string[]; raw: string; parsed: ParsedMail };

/**
 * The receiving end of a real SMTP exchange, on a free loopback port: smtp-server accepts mail
 * (no TLS, no auth) and mailparser reads it. It records every Message-ID it accepted, so that a
 * sender recovering from a crash can ask it (what a real receiving system does by de-duplicating).
 * `reject` answers 550 for an address (a hard bounce); `failNext` answers 451 to the next n messages.
 */
export async function startSmtpReceiver(options: { reject?: (address: string) => boolean } = {}) {
  const messages: Received[] = [];
  let failNext = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const error = new Error('5.1.1 Mailbox does not exist') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failNext > 0) {
          failNext -= 1;
          const error = new Error('4.3.0 Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            messages.push({ messageId: parsed.messageId ?? '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    port,
    messages,
    /** Accepted messages for one address. */
    to: (address: string) => messages.filter((message) => message.to.includes(address)),
    has: (messageId: string) => messages.some((message) => message.messageId === messageId),
    failNext: (count: number) => {
      failNext = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;
