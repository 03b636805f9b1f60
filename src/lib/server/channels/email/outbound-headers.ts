import { randomBytes } from 'node:crypto';
import type { EmailEnvelope } from '../../inbox/message-extras';

/**
 * Our own Message-ID, fixed when the reply is queued so that every attempt (and a bounce, and
 * the customer's answer) names the same id.
 */
export function newMessageIdHeader(messageId: number, address: string): string {
  const domain = address.split('@')[1] || 'switchboard.invalid';
  return `<sb-${messageId}-${randomBytes(6).toString('hex')}@${domain}>`;
}

// Reply prefixes of common mail clients (English, German, Nordic, Polish, Finnish).
const REPLY_PREFIX = /^\s*((re|aw|sv|vs|odp|vast|antw)(\[\d+\])?\s*:\s*)+/i;

/** `Re: ` + the thread's subject, never `Re: Re:`. */
export function replySubject(subject: string | null | undefined): string {
  const base = (subject ?? '').replace(REPLY_PREFIX, '').trim();
  return base ? `Re: ${base}` : 'Re: your message';
}

/** `"Anna Nowak via Support" <support@acme.test>`: who wrote it, and the address replies go to. */
export function fromMailbox(authorName: string | null, inboxName: string, address: string): { name: string; address: string } {
  const name = authorName?.trim() ? `${authorName.trim()} via ${inboxName}` : inboxName;
  return { name: name.replace(/[\r\n"]/g, ' '), address };
}

export const formatMailbox = (m: { name: string; address: string }) => `"${m.name}" <${m.address}>`;

const MAX_REFERENCES = 20;

/**
 * In-Reply-To names the message we answer (the customer's latest, else the thread's latest);
 * References is that message's chain plus itself (RFC 5322 3.6.4), trimmed to the root and the
 * most recent ids so headers stay small in long threads.
 */
export function threadHeaders(thread: (Pick<EmailEnvelope, 'messageIdHeader' | 'references'> & { direction: string })[]) {
  const withId = thread.filter((e) => e.messageIdHeader);
  const parent = [...withId].reverse().find((e) => e.direction === 'incoming') ?? withId.at(-1);
  if (!parent?.messageIdHeader) return { inReplyTo: null, references: [] as string[] };
  const chain = [...new Set([...parent.references, parent.messageIdHeader])];
  const references = chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(chain.length - MAX_REFERENCES + 1)] : chain;
  return { inReplyTo: parent.messageIdHeader, references };
}
