import nodemailer from 'nodemailer';

/** Sends a chat reply by email while the visitor is away. */
export interface ChatMailer {
  send(mail: { to: string; subject: string; text: string }): Promise<{ messageId: string }>;
}

export interface ChatMailerConfig {
  CHAT_FALLBACK_SMTP_URL?: string;
  CHAT_FALLBACK_FROM?: string;
}

/**
 * The outbound mail server for chat replies, from CHAT_FALLBACK_SMTP_URL and CHAT_FALLBACK_FROM.
 * Null when not configured: replies then wait in the history for the visitor's return.
 */
export function chatMailerFromEnv(env: ChatMailerConfig): ChatMailer | null {
  if (!env.CHAT_FALLBACK_SMTP_URL || !env.CHAT_FALLBACK_FROM) return null;
  const transport = nodemailer.createTransport(env.CHAT_FALLBACK_SMTP_URL);
  const from = env.CHAT_FALLBACK_FROM;
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      return { messageId: String(info.messageId ?? '') };
    },
  };
}
