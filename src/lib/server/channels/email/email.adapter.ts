import type { ChannelAdapter } from '../channel-adapter';
import { CreateEmailSettings, emailRoutingKey, readEmailConfig, smtpUrlHints, tryReadEmailConfig, UpdateEmailSettings } from './email-settings';
import { formatMailbox, fromMailbox, newMessageIdHeader, replySubject, threadHeaders } from './outbound-headers';
import { sendOverSmtp } from './smtp-sender';

/**
 * An email address: mail to it arrives through the SMTP listener (smtp-listener.ts); replies
 * leave through the inbox's own SMTP server (submission URL with credentials).
 */
export const emailChannel: ChannelAdapter<typeof CreateEmailSettings> = {
  kind: 'email',
  capabilities: { html: true, subject: true, replySubject: true, cc: true, attachments: true },
  createSchema: CreateEmailSettings,
  updateSchema: UpdateEmailSettings,
  setup: (settings) => ({ config: { ...settings }, routingKey: emailRoutingKey(settings.address) }),
  update(current, patch) {
    const parsed = UpdateEmailSettings.parse(patch);
    const config = { ...readEmailConfig(current), ...parsed };
    return { config, routingKey: emailRoutingKey(config.address) };
  },

  publicSettings(config) {
    const parsed = tryReadEmailConfig(config);
    if (!parsed) return { inboundAddress: null };
    return { inboundAddress: parsed.address, ...smtpUrlHints(parsed.outboundSmtpUrl) };
  },

  prepareReply({ inbox, conversation, contact, messageId, authorName, subject, cc, thread }) {
    const { address } = readEmailConfig(inbox.config);
    const messageIdHeader = newMessageIdHeader(messageId, address);
    const { inReplyTo, references } = threadHeaders(thread);
    const threadSubject = conversation.subject ?? thread.find((e) => e.subject)?.subject ?? null;
    return {
      externalId: messageIdHeader,
      envelope: {
        from: formatMailbox(fromMailbox(authorName, inbox.name, address)),
        to: contact.email ? [contact.email] : [],
        cc: cc ?? [],
        subject: subject ?? (threadSubject ? replySubject(threadSubject) : inbox.name),
        messageIdHeader,
        inReplyTo,
        references,
        autoSubmitted: false,
      },
    };
  },

  async deliver(message) {
    const config = readEmailConfig(message.inbox.config);
    const envelope = message.email;
    if (!envelope) return { ok: false, retry: false, error: 'the reply has no email headers (it was queued before the inbox became an email inbox)' };
    if (!envelope.to.length) return { ok: false, retry: false, error: 'the contact has no email address to reply to' };
    return sendOverSmtp(config.outboundSmtpUrl, envelope, message);
  },
};
