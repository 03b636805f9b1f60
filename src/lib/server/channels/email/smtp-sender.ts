import nodemailer from 'nodemailer';
import type { DeliveryOutcome, OutboundMessage } from '../channel-adapter';
import type { EmailEnvelope } from '../../inbox/message-extras';

interface SmtpFailure {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/**
 * What to do after a failed send: 4xx answers, timeouts and connection errors are temporary
 * (retry with backoff); a 5xx answer is final and its text is the reason the agent sees.
 */
export function classifySmtpError(err: unknown): Extract<DeliveryOutcome, { ok: false }> {
  const e = (err ?? {}) as SmtpFailure;
  const reason = (e.response ?? e.message ?? String(err)).trim().slice(0, 500);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { ok: false, retry: false, error: reason };
  return { ok: false, retry: true, error: reason || e.code || 'the mail server could not be reached' };
}

/** Sends one reply over the inbox's SMTP server with the headers fixed when it was queued. */
export async function sendOverSmtp(smtpUrl: string, envelope: EmailEnvelope, message: OutboundMessage): Promise<DeliveryOutcome> {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: envelope.from,
      to: envelope.to,
      cc: envelope.cc.length ? envelope.cc : undefined,
      subject: envelope.subject ?? undefined,
      // Ours, fixed when queued; nodemailer would otherwise make up a new one per attempt.
      messageId: envelope.messageIdHeader ?? undefined,
      inReplyTo: envelope.inReplyTo ?? undefined,
      references: envelope.references.length ? envelope.references : undefined,
      text: message.message.text,
      html: message.message.html ?? undefined,
      attachments: (message.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
        ...(a.inline && a.contentId ? { cid: a.contentId } : {}),
      })),
      headers: { 'X-Switchboard-Message': String(message.message.id) },
    });
    return { ok: true, externalId: envelope.messageIdHeader };
  } catch (err) {
    return classifySmtpError(err);
  } finally {
    transport.close();
  }
}
