import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The unsubscribe token in List-Unsubscribe links (RFC 8058): the subscription's tenant and id,
 * signed with the service's secret key (HMAC-SHA256, 128 bits kept). It names a subscription, not
 * a person or an address, and it does not expire: an unsubscribe link in an old e-mail must still work.
 */

const VERSION = 1;
const CONTEXT = 'kansrijk.digest-unsubscribe';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type UnsubscribeTarget = { tenantId: string; subscriptionId: string };

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');

function uuidFrom(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(secretKey: string, payload: Buffer): Buffer {
  return createHmac('sha256', secretKey).update(CONTEXT).update(payload).digest().subarray(0, 16);
}

/** A token that unsubscribes exactly this subscription. */
export function createUnsubscribeToken(secretKey: string, target: UnsubscribeTarget): string {
  if (!UUID.test(target.tenantId) || !UUID.test(target.subscriptionId)) throw new Error('unsubscribe tokens are made for UUIDs');
  const payload = Buffer.concat([Buffer.from([VERSION]), uuidBytes(target.tenantId), uuidBytes(target.subscriptionId)]);
  return `${payload.toString('base64url')}.${mac(secretKey, payload).toString('base64url')}`;
}

/** The subscription a token names, or undefined when it is not one of ours (tampered, truncated, other key). */
export function readUnsubscribeToken(secretKey: string, token: string): UnsubscribeTarget | undefined {
  const match = /^([A-Za-z0-9_-]{44})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const payload = Buffer.from(match[1]!, 'base64url');
  if (payload.length !== 33 || payload[0] !== VERSION || payload.toString('base64url') !== match[1]) return undefined;
  // Compared as the canonical text: base64 has spare bits, so two strings can decode to the same bytes.
  const given = Buffer.from(match[2]!, 'utf8');
  const expected = Buffer.from(mac(secretKey, payload).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { tenantId: uuidFrom(payload.subarray(1, 17)), subscriptionId: uuidFrom(payload.subarray(17, 33)) };
}
