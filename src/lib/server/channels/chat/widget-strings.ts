import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';

/**
 * The widget frame's sentences in one language, rendered on the server and sent with the page:
 * the frame then ships without the message catalogue the console shares. Placeholders stay as
 * `{name}` for `fill()`.
 */
export function widgetStrings(locale: Locale) {
  const o = { locale };
  return {
    agent_fallback: m.chat_agent_fallback({}, o),
    attach: m.chat_attach({}, o),
    attachment: m.chat_attachment({ name: '{name}' }, o),
    connecting: m.chat_connecting({}, o),
    email_invalid: m.chat_email_invalid({}, o),
    email_label: m.chat_email_label({}, o),
    email_save: m.chat_email_save({}, o),
    email_saved: m.chat_email_saved({ email: '{email}' }, o),
    empty: m.chat_empty({}, o),
    error_identity: m.chat_error_identity({}, o),
    error_origin: m.chat_error_origin({}, o),
    error_rate: m.chat_error_rate({}, o),
    error_unavailable: m.chat_error_unavailable({}, o),
    failed: m.chat_failed({}, o),
    file_too_large: m.chat_file_too_large({}, o),
    file_type: m.chat_file_type({}, o),
    launcher_close: m.chat_launcher_close({}, o),
    message_label: m.chat_message_label({}, o),
    message_placeholder: m.chat_message_placeholder({}, o),
    messages_label: m.chat_messages_label({}, o),
    offline: m.chat_offline({}, o),
    offline_prompt: m.chat_offline_prompt({}, o),
    online: m.chat_online({}, o),
    powered: m.chat_powered({}, o),
    reconnecting: m.chat_reconnecting({}, o),
    retry: m.chat_retry({}, o),
    send: m.chat_send({}, o),
    status_seen: m.chat_status_seen({}, o),
    status_sending: m.chat_status_sending({}, o),
    status_sent: m.chat_status_sent({}, o),
    typing: m.chat_typing({ name: '{name}' }, o),
    uploading: m.chat_uploading({ name: '{name}' }, o),
  };
}

export type WidgetStrings = ReturnType<typeof widgetStrings>;
