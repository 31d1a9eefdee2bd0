import { createHash } from 'node:crypto';

/** An address as compared: trimmed, lower case (the local part is case-insensitive in practice). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The hash by which an address is suppressed and logged (email_suppressions.email_hash,
 * mail_log.recipient_hash): SHA-256 of the normalised address. Unkeyed on purpose, so that it stays
 * the same when the secret key is rotated and a restored backup still matches; the addresses
 * themselves are in users.email anyway while the user exists.
 */
export function emailHash(email: string): string {
  return createHash('sha256')
    .update(`mail:${normaliseEmail(email)}`, 'utf8')
    .digest('hex');
}
