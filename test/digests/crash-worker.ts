/*
 * A digest worker that dies the hard way, for the crash test (REQUIREMENTS R3): it runs the real
 * pg-boss send worker, and its mailer SIGKILLs the process the moment the SMTP server has accepted
 * the message — after sending, before the delivery is recorded and the job completed.
 * Started by exactly-once.test.ts with: DATABASE_URL, SMTP_URL, SECRET_KEY, PUBLIC_URL, NOW.
 * tap also runs it when given the folder (`npm test -- test/digests`): without its environment it
 * exits at once, which tap reports as a file with no tests.
 */
import pino from 'pino';
import { createDatabase } from '../../db/client.js';
import { registerDigestJobs } from '../../src/digests/digests.jobs.js';
import { createBoss } from '../../src/jobs/queue.js';
import { createSmtpMailer, type Mailer } from '../../src/mail/mailer.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

if (!process.env.SMTP_URL || !process.env.NOW) process.exit(0);

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const database = createDatabase({ url: env('DATABASE_URL'), logger, max: 3 });
const smtp = createSmtpMailer({ url: env('SMTP_URL'), from: 'Kansrijk <no-reply@kansrijk.example>' });
const dying: Mailer = {
  ...smtp,
  send: async (mail) => {
    const result = await smtp.send(mail);
    process.stdout.write(`accepted ${result.messageId}\n`);
    process.kill(process.pid, 'SIGKILL');
    return result;
  },
};
const now = new Date(env('NOW'));
const boss = createBoss({ url: env('DATABASE_URL'), logger });
await boss.start();
await registerDigestJobs(boss, {
  db: database.db,
  mailer: dying,
  secretKey: env('SECRET_KEY'),
  publicUrl: env('PUBLIC_URL'),
  logger,
  clock: { now: () => now },
  runWorkers: true,
  cron: null,
  pollingIntervalSeconds: 0.5,
});
process.stdout.write('worker ready\n');
