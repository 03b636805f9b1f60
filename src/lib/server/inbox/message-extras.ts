import { asc, eq, inArray } from 'drizzle-orm';
import type { EmailMeta } from '$lib/shared/schemas/message';
import type { Db } from '../db/client';
import { messageEmails, messages } from '../db/schema';
import type { AttachmentService } from './attachment.service';
import { NO_EXTRAS, type MessageExtras } from './conversation.mapper';

/** The email headers kept for a message: for display, threading and loop protection. */
export interface EmailEnvelope {
  from: string;
  to: string[];
  cc: string[];
  subject: string | null;
  messageIdHeader: string | null;
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: boolean;
}

export function saveEnvelope(db: Db, messageId: number, e: EmailEnvelope): void {
  db.insert(messageEmails)
    .values({
      messageId,
      fromAddress: e.from,
      toAddresses: e.to,
      ccAddresses: e.cc,
      subject: e.subject,
      messageIdHeader: e.messageIdHeader,
      inReplyTo: e.inReplyTo,
      references: e.references,
      autoSubmitted: e.autoSubmitted,
    })
    .run();
}

type EnvelopeRow = typeof messageEmails.$inferSelect;

const toEnvelope = (r: EnvelopeRow): EmailEnvelope => ({
  from: r.fromAddress,
  to: r.toAddresses,
  cc: r.ccAddresses,
  subject: r.subject,
  messageIdHeader: r.messageIdHeader,
  inReplyTo: r.inReplyTo,
  references: r.references,
  autoSubmitted: r.autoSubmitted,
});

const toMeta = (r: EnvelopeRow): EmailMeta => ({
  from: r.fromAddress,
  to: r.toAddresses,
  cc: r.ccAddresses,
  subject: r.subject,
  messageId: r.messageIdHeader,
  autoSubmitted: r.autoSubmitted,
});

export function envelopeOf(db: Db, messageId: number): EmailEnvelope | null {
  const row = db.select().from(messageEmails).where(eq(messageEmails.messageId, messageId)).get();
  return row ? toEnvelope(row) : null;
}

/** Envelopes of a conversation's email messages, oldest first (the thread's chain). */
export function threadEnvelopes(db: Db, conversationId: number): (EmailEnvelope & { messageId: number; direction: string })[] {
  return db
    .select({ e: messageEmails, direction: messages.direction })
    .from(messageEmails)
    .innerJoin(messages, eq(messages.id, messageEmails.messageId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id))
    .all()
    .map((r) => ({ ...toEnvelope(r.e), messageId: r.e.messageId, direction: r.direction }));
}

/** Files and email headers of these messages, for the API and events. */
export function loadExtras(db: Db, attachments: AttachmentService, ids: number[]): Map<number, MessageExtras> {
  const map = new Map<number, MessageExtras>();
  if (!ids.length) return map;
  const files = attachments.forMessages(ids);
  const envelopes = new Map(db.select().from(messageEmails).where(inArray(messageEmails.messageId, ids)).all().map((r) => [r.messageId, toMeta(r)]));
  for (const id of ids) {
    const a = files.get(id);
    const e = envelopes.get(id);
    map.set(id, a || e ? { attachments: a ?? [], email: e ?? null } : NO_EXTRAS);
  }
  return map;
}
