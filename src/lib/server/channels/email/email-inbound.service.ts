import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { messages, rawEmails } from '../../db/schema';
import type { InboxService } from '../../inbox/inbox.service';
import type { MessageService } from '../../inbox/message.service';
import type { InboxRecord } from '../channel-adapter';
import { emailRoutingKey } from './email-settings';
import { parseEmail, type ParsedEmail } from './mail-parse';
import { dedupKey } from './raw-headers';

export interface SmtpEnvelope {
  mailFrom: string | null;
  rcptTo: string;
}

export type AcceptOutcome = 'stored' | 'duplicate';

const mailbox = (m: { address: string; name: string }) => (m.name ? `"${m.name.replace(/"/g, "'")}" <${m.address}>` : m.address);

/**
 * Mail for email inboxes, from the SMTP listener to conversations. The raw message is committed
 * first (before the listener answers 250); parsing and the conversation update follow in the
 * same SMTP transaction. A failure after the raw was stored answers 451: the sender retries
 * and the stored copy is processed then (or by the sweep at the next start).
 */
export class EmailInbound {
  constructor(
    private readonly db: Db,
    private readonly inboxes: InboxService,
    private readonly messages: MessageService,
  ) {}

  /** The email inbox receiving mail for this address, if any. */
  inboxFor(address: string): InboxRecord | null {
    const inbox = this.inboxes.findByRoutingKey(emailRoutingKey(address));
    return inbox?.channel === 'email' ? inbox : null;
  }

  /** Stores and processes one message for one inbox; throws when it could not be done. */
  async accept(inbox: InboxRecord, raw: Buffer, envelope: SmtpEnvelope): Promise<AcceptOutcome> {
    const key = dedupKey(raw);
    const inserted = this.db
      .insert(rawEmails)
      .values({ inboxId: inbox.id, dedupKey: key, envelopeFrom: envelope.mailFrom, envelopeTo: envelope.rcptTo, size: raw.length, raw, status: 'stored', receivedAt: Date.now() })
      .onConflictDoNothing()
      .returning({ id: rawEmails.id })
      .get();
    if (inserted) {
      await this.process(inserted.id);
      return 'stored';
    }
    const existing = this.db.select({ id: rawEmails.id, status: rawEmails.status }).from(rawEmails).where(and(eq(rawEmails.inboxId, inbox.id), eq(rawEmails.dedupKey, key))).get();
    // Stored by an earlier attempt that failed before it was processed: finish it now.
    if (existing?.status === 'stored') await this.process(existing.id);
    return 'duplicate';
  }

  /** Mail stored but not processed when the process stopped: process it now. */
  async sweep(): Promise<void> {
    const pending = this.db.select({ id: rawEmails.id }).from(rawEmails).where(eq(rawEmails.status, 'stored')).all();
    for (const { id } of pending) {
      try {
        await this.process(id);
      } catch (err) {
        console.error(`[email] stored message ${id} could not be processed yet`, err);
      }
    }
  }

  async process(rawId: number): Promise<void> {
    const row = this.db.select().from(rawEmails).where(eq(rawEmails.id, rawId)).get();
    if (!row || row.status !== 'stored') return;
    const inbox = this.inboxes.find(row.inboxId);
    if (!inbox) return this.#finish(rawId, 'ignored', 'the inbox no longer exists');
    const mail = await parseEmail(row.raw);

    if (mail.bounce) {
      if (!mail.bounce.failed) return this.#finish(rawId, 'ignored', `delivery report: ${mail.bounce.reason}`);
      const updated = mail.bounce.originalIds.filter((id) => this.messages.reportDelivery(inbox.id, id, { status: 'failed', error: mail.bounce!.reason }) === 'updated');
      return this.#finish(rawId, 'ignored', `bounce${updated.length ? ` of ${updated.join(' ')}` : ' of no message of ours'}: ${mail.bounce.reason}`);
    }
    const sender = mail.from ?? (row.envelopeFrom ? { address: row.envelopeFrom.toLowerCase(), name: '' } : null);
    if (!sender) return this.#finish(rawId, 'ignored', 'no sender address');

    const externalId = mail.messageId ?? row.dedupKey;
    const result = this.messages.ingest(inbox, {
      contact: { externalId: sender.address, name: sender.name || sender.address, email: sender.address },
      externalMessageId: externalId,
      text: this.#text(mail),
      html: mail.html,
      subject: mail.subject,
      // A reply continues the conversation of the message it answers; anything else starts one.
      conversationId: this.#threadConversation(inbox.id, mail),
      threadId: externalId,
      attachments: mail.attachments,
      email: {
        from: mailbox(sender),
        to: mail.to.map(mailbox),
        cc: mail.cc.map(mailbox),
        subject: mail.subject,
        messageIdHeader: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        autoSubmitted: mail.autoSubmitted,
      },
    });
    this.#finish(rawId, 'processed', result.created ? null : 'duplicate of a stored message', result.messageId);
  }

  #threadConversation(inboxId: number, mail: ParsedEmail): number | null {
    const named = [...new Set([mail.inReplyTo, ...mail.references].filter((id): id is string => !!id))];
    if (!named.length) return null;
    const found = this.db
      .select({ conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.inboxId, inboxId), inArray(messages.externalId, named)))
      .orderBy(desc(messages.id))
      .limit(1)
      .get();
    return found?.conversationId ?? null;
  }

  #text(mail: ParsedEmail): string {
    if (mail.text) return mail.text;
    const files = mail.attachments.filter((a) => !a.inline).map((a) => a.filename);
    return files.length ? `[${files.join(', ')}]` : mail.subject ? `[${mail.subject}]` : '[empty message]';
  }

  #finish(rawId: number, status: 'processed' | 'ignored', note: string | null, messageId: number | null = null) {
    this.db.update(rawEmails).set({ status, note, messageId, processedAt: Date.now() }).where(eq(rawEmails.id, rawId)).run();
  }
}
