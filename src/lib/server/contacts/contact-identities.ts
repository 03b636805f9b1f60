import type { ContactIdentity } from '$lib/shared/schemas/conversation';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { AuthContext } from '../auth/auth-context';
import { canSeeInbox } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import { identityLabel } from '../channels/registry';

interface IdentityRow {
  contactId: number;
  inboxId: number;
  channel: string;
  externalId: string;
}

/**
 * The contacts' ids on channels, only in inboxes the caller can see: an agent learns nothing of
 * a customer's accounts on channels they do not work on.
 */
export function contactIdentities(cache: StatementCache, auth: AuthContext, contactIds: number[]): Map<number, ContactIdentity[]> {
  const map = new Map<number, ContactIdentity[]>();
  if (!contactIds.length) return map;
  const rows = cache
    .get<unknown[], IdentityRow>(
      `SELECT ci.contact_id AS contactId, ci.inbox_id AS inboxId, i.channel, ci.external_id AS externalId
       FROM contact_identities ci JOIN inboxes i ON i.id = ci.inbox_id
       WHERE ci.contact_id IN (${contactIds.map(() => '?').join(',')}) ORDER BY ci.id`,
    )
    .all(...contactIds);
  for (const r of rows) {
    if (!canSeeInbox(auth, r.inboxId)) continue;
    const identity = { inboxId: r.inboxId, channel: r.channel as ChannelKind, externalId: r.externalId, display: identityLabel(r.channel, r.externalId) };
    map.set(r.contactId, [...(map.get(r.contactId) ?? []), identity]);
  }
  return map;
}
