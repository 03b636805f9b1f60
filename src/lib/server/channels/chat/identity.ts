import { createHmac } from 'node:crypto';
import type { WidgetIdentity } from '$lib/shared/widget-events';
import { safeEqual } from '../../auth/tokens';

/** What the host site's server computes: hex HMAC-SHA256 of the user id with the inbox's secret. */
export const identityHash = (secret: string, userId: string) => createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

/** Constant-time check of a host page's claim about its user. */
export function identityValid(secret: string, identity: WidgetIdentity): boolean {
  return safeEqual(identityHash(secret, identity.userId), identity.userHash.toLowerCase());
}
