import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * The server's logger: JSON lines on stdout at LOG_LEVEL, with secrets and addresses hidden.
 * One definition, used by src/server.ts and by `npm run bench:api` (which measures the app as it runs).
 */
export function createLogger(level: Config['LOG_LEVEL']): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.email', '*.password', 'err.config'],
      censor: '[verborgen]',
    },
  });
}
