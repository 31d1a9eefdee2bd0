import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'krj_';

/** A new bearer token: 32 random bytes; only its hash is ever stored. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of the token. The secret has 256 bits of entropy, so a fast hash is the right one. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The part of a token that may be shown in listings. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, 10);
}

/** Rejects obviously malformed tokens before any database work. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{32,200}$/.test(value);
}
