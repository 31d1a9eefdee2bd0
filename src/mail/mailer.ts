import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A stable Message-ID makes a resend recognisable as the same message. */
  messageId?: string;
};

export type Mailer = {
  send: (mail: OutgoingMail) => Promise<{ messageId: string }>;
  close: () => void;
  describe: string;
};

function toNodemailer(from: string, mail: OutgoingMail): Mail.Options {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId,
  };
}

/** Sends over SMTP (e.g. smtp://user:pass@host:587). */
export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    describe: `SMTP ${new URL(url).host}`,
    send: async (mail) => {
      const info = await transport.sendMail(toNodemailer(from, mail));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** Writes each message as an .eml file (the embedded default): the real MIME message nodemailer builds. */
export function createFileMailer({ dir, from }: { dir: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `files in ${dir}`,
    send: async (mail) => {
      const info = await transport.sendMail(toNodemailer(from, mail));
      await mkdir(dir, { recursive: true });
      const safeId = info.messageId.replace(/[^A-Za-z0-9.@-]/g, '_');
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
