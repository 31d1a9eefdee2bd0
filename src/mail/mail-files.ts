import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';

/*
 * The written copies of sent mail (.eml files of the file mailer, the embedded default). They are
 * copies: mail_log is the record. Two rules (issue 11.13):
 *   - an erasure removes the person from them: a mail addressed to the person is deleted; in any other
 *     mail each line that names them (full name, reference, address or id) becomes "[verwijderd]",
 *     in the subject, the text and the HTML, so a vacancy title next to their reference goes too;
 *   - they follow the mail retention term: files older than the shortest mailLog term of any tenant
 *     are deleted by the daily retention job (the files do not say which tenant they belong to).
 * Every file is read decoded (quoted-printable, base64, encoded words), so a name split over encoded
 * lines is still found, and written back as a whole new message under a temporary name.
 */

export const REDACTED = '[verwijderd]';

export type MailCopies = {
  /** Removes the person's lines from every copy that names them; deletes copies addressed to them. */
  redact: (needles: readonly string[]) => Promise<{ redacted: number; removed: number }>;
  /** Deletes copies written before `before`. */
  removeOlderThan: (before: Date) => Promise<number>;
};

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function emlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.eml')).map((name) => path.join(dir, name));
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value ? (Array.isArray(value) ? value : [value]) : [];
  return list.flatMap((object) => object.value.map((address) => address.address ?? '')).filter(Boolean);
}

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(message)));
  });
}

/** Header lines that the composer writes itself; every other header (List-Unsubscribe …) is kept as it was. */
const COMPOSED_HEADERS = new Set(['from', 'to', 'cc', 'subject', 'message-id', 'date', 'mime-version', 'content-type', 'content-transfer-encoding']);

export function createMailCopies(dir: string): MailCopies {
  return {
    async redact(needles) {
      const terms = needles.map((needle) => needle.trim()).filter((needle) => needle.length >= 3);
      if (terms.length === 0) return { redacted: 0, removed: 0 };
      const pattern = new RegExp(terms.map(escape).join('|'), 'i');
      const everywhere = new RegExp(terms.map(escape).join('|'), 'gi');
      let redacted = 0;
      let removed = 0;
      for (const file of await emlFiles(dir)) {
        const raw = await readFile(file).catch(() => null);
        if (!raw) continue;
        const mail = await simpleParser(raw);
        const html = typeof mail.html === 'string' ? mail.html : '';
        const recipients = [...addressesOf(mail.to), ...addressesOf(mail.cc)];
        if (recipients.some((address) => pattern.test(address))) {
          await rm(file, { force: true });
          removed += 1;
          continue;
        }
        if (![mail.subject ?? '', mail.text ?? '', html, raw.toString('utf8')].some((part) => pattern.test(part))) continue;
        const text = (mail.text ?? '')
          .split('\n')
          .map((line) => (pattern.test(line) ? REDACTED : line))
          .join('\n');
        // In HTML a "line" is the smallest block that holds the name: the item, paragraph or cell.
        const redactedHtml = html
          .replace(/<(li|p|td|th|h[1-6])\b[^>]*>[\s\S]*?<\/\1>/gi, (block, tag: string) => (pattern.test(block) ? `<${tag}>${REDACTED}</${tag}>` : block))
          .replace(everywhere, REDACTED);
        const headers = mail.headerLines
          .filter((header) => !COMPOSED_HEADERS.has(header.key))
          .map((header) => ({
            key: header.line.slice(0, header.line.indexOf(':')),
            value: header.line
              .slice(header.line.indexOf(':') + 1)
              .trim()
              .replace(everywhere, REDACTED),
          }));
        const message = await compose({
          from: mail.from?.text,
          to: mail.to ? (Array.isArray(mail.to) ? mail.to.map((to) => to.text).join(', ') : mail.to.text) : undefined,
          subject: (mail.subject ?? '').replace(everywhere, REDACTED),
          text,
          ...(html ? { html: redactedHtml } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.date ? { date: mail.date } : {}),
          headers,
          newline: '\n',
        });
        await writeFile(`${file}.tmp`, message);
        await rename(`${file}.tmp`, file);
        redacted += 1;
      }
      return { redacted, removed };
    },

    async removeOlderThan(before) {
      let removed = 0;
      for (const file of await emlFiles(dir)) {
        const info = await stat(file).catch(() => null);
        if (info && info.mtime < before) {
          await rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
