import type { ChannelAdapter } from '../channel-adapter';
import { chatLine } from './chat-line';
import { changeChat, CreateChatSettings, setupChat, tryReadChatConfig, UpdateChatSettings, widgetSnippet } from './chat-settings';

/** The widget's limit for one message, either way. */
const MAX_TEXT = 5_000;

/** The website chat widget: visitors write from an iframe; replies go over its socket. */
export const chatChannel: ChannelAdapter<typeof CreateChatSettings> = {
  kind: 'chat',
  capabilities: { html: false, subject: false },
  createSchema: CreateChatSettings,
  updateSchema: UpdateChatSettings,
  setup: (settings) => setupChat(settings),
  update: (current, patch) => changeChat(current, UpdateChatSettings.parse(patch)),

  publicSettings(config, inbox) {
    const chat = tryReadChatConfig(config);
    if (!chat) return {};
    return {
      widgetToken: chat.widgetToken,
      widgetSnippet: widgetSnippet(inbox.publicUrl, chat.widgetToken),
      allowedOrigins: chat.allowedOrigins,
      // The secret itself is never shown again; only whether verification is on.
      identityVerification: chat.identitySecret !== null,
    };
  },

  deliver: (message) => chatLine().deliver(message),

  canSend({ text }) {
    if (text.length > MAX_TEXT) return { ok: false, status: 400, code: 'message_too_long', message: `chat messages can have at most ${MAX_TEXT} characters` };
    return { ok: true };
  },
};
