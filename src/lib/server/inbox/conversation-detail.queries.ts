import type { ConversationDetail, ContactIdentity } from '$lib/shared/schemas/conversation';
import type { ChannelKind } from '$lib/shared/schemas/common';
import { assertInbox, canSeeInbox, type AuthContext } from '../auth/auth-context';
import { channelAdapter, identityLabel } from '../channels/registry';
import type { StatementCache } from '../db/statement-cache';
import { notFound } from '../errors';
import { SUMMARY_COLUMNS, SUMMARY_FROM, iso, isoOrNull, toSummary, type SummaryRow } from './conversation.mapper';

/**
 * A conversation as the thread pane opens it, in one statement: the summary, the dates of the
 * detail, the contact, and the contact's ids on channels (all of them: the caller's visibility
 * filters them below, as `contactIdentities` does).
 */
export const DETAIL_SQL = `SELECT ${SUMMARY_COLUMNS}, c.created_at AS createdAt, c.updated_at AS updatedAt,
  c.first_reply_at AS firstReplyAt, c.resolved_at AS resolvedAt, c.thread_id AS threadId, ct.created_at AS contactCreatedAt,
  (SELECT json_group_array(json_array(ci.inbox_id, ii.channel, ci.external_id) ORDER BY ci.id)
     FROM contact_identities ci JOIN inboxes ii ON ii.id = ci.inbox_id WHERE ci.contact_id = c.contact_id) AS identities
FROM ${SUMMARY_FROM} WHERE c.id = ?`;

interface DetailRow extends SummaryRow {
  createdAt: number;
  updatedAt: number;
  firstReplyAt: number | null;
  resolvedAt: number | null;
  threadId: string | null;
  contactCreatedAt: number;
  identities: string;
}

function visibleIdentities(auth: AuthContext, json: string): ContactIdentity[] {
  const identities: ContactIdentity[] = [];
  for (const [inboxId, channel, externalId] of JSON.parse(json) as [number, ChannelKind, string][]) {
    if (canSeeInbox(auth, inboxId)) identities.push({ inboxId, channel, externalId, display: identityLabel(channel, externalId) });
  }
  return identities;
}

/** The conversation's detail; 404 unless the caller sees it (whether or not it exists). */
export function conversationDetail(cache: StatementCache, auth: AuthContext, id: number, now = Date.now()): ConversationDetail {
  const row = cache.get<[number, number], DetailRow>(DETAIL_SQL).get(auth.user.id, id);
  if (!row) throw notFound('conversation');
  assertInbox(auth, row.inboxId);
  const summary = toSummary(row);
  const window = channelAdapter(summary.channel).replyWindow?.({ lastIncomingAt: row.lastIncomingAt }, now);
  return {
    ...summary,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    firstReplyAt: isoOrNull(row.firstReplyAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    threadId: row.threadId,
    contact: {
      id: row.contactId,
      name: row.contactName,
      email: row.contactEmail,
      createdAt: iso(row.contactCreatedAt),
      identities: visibleIdentities(auth, row.identities),
    },
    replyWindow: window ? { open: window.open, closesAt: isoOrNull(window.closesAt) } : null,
  };
}
