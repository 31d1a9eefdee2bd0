import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { createMailCopies, type MailCopies } from './mail-files.js';

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
  /**
   * Did the transport already accept a message with this Message-ID? Answered where the transport
   * can know (the .eml files); undefined where it cannot (plain SMTP has no way to ask). Used to
   * recover a send whose worker died between the transport's acceptance and recording it.
   */
  delivered?: (messageId: string) => Promise<boolean>;
  /**
   * The written copies of sent mail, where the transport keeps any (the .eml files): erasure and
   * retention reach them (issue 11.13). Undefined for SMTP, which keeps nothing here.
   */
  copies?: MailCopies;
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
  // nodemailer waits up to 10 minutes on a silent socket by default; a digest job expires after 5
  // (DIGEST_SEND_QUEUE), so a hanging server must fail the send well before. The URL's query can override.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 });
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
  const safeIdOf = (messageId: string) => messageId.replace(/[^A-Za-z0-9.@-]/g, '_');
  return {
    describe: `files in ${dir}`,
    send: async (mail) => {
      const info = await transport.sendMail(toNodemailer(from, mail));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeIdOf(info.messageId)}.eml`);
      // Written under a temporary name and renamed: a file with the .eml name is a complete message.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId: info.messageId };
    },
    delivered: async (messageId) => {
      const suffix = `-${safeIdOf(messageId)}.eml`;
      const files = await readdir(dir).catch(() => [] as string[]);
      return files.some((name) => name.endsWith(suffix));
    },
    copies: createMailCopies(dir),
    close: () => transport.close(),
  };
}
