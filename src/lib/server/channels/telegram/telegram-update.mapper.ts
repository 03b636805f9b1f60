import type { InboundInput } from '../../inbox/message.service';
import { TelegramMessage, type TelegramUpdate } from './telegram-update.schema';

/**
 * The message id we store: chat and message id. Telegram redelivers an update (same update_id,
 * same message) until it gets a 2xx, so this dedupes redeliveries as update_id would; but
 * update_id restarts at a random value after a week without updates, and could then name an
 * old, different message. A message id is unique within its chat for good, and our own sent
 * messages (same per-chat sequence) use the same form.
 */
export const telegramMessageId = (chatId: number, messageId: number) => `tg:${chatId}:${messageId}`;

/** A customer message, or why the update stores nothing. */
export function telegramInbound(update: TelegramUpdate): { input: InboundInput } | { skipped: string } {
  if (update.message === undefined) return { skipped: 'not a new message (edit, callback, channel post...)' };
  const parsed = TelegramMessage.safeParse(update.message);
  if (!parsed.success) return { skipped: `unreadable message: ${parsed.error.issues[0]?.message}` };
  const m = parsed.data;
  // Other bots in a group: never answer them, lest two bots talk to each other forever.
  if (m.from?.is_bot) return { skipped: 'a message from a bot' };
  const text = telegramText(m);
  if (!text) return { skipped: 'a service message without text (member joined, pinned...)' };
  return {
    input: {
      contact: { externalId: String(m.chat.id), name: contactName(m) },
      externalMessageId: telegramMessageId(m.chat.id, m.message_id),
      text,
    },
  };
}

/** In a private chat the person; in a group the group, as replies go to the whole chat. */
function contactName(m: TelegramMessage): string {
  if (m.chat.type !== 'private' && m.chat.title) return m.chat.title;
  const full = [m.from?.first_name, m.from?.last_name].filter(Boolean).join(' ').trim();
  return full || (m.from?.username ? `@${m.from.username}` : `Telegram chat ${m.chat.id}`);
}

/** Text or caption, plus a line per attachment (Telegram file ids, to be fetched with the bot token). */
export function telegramText(m: TelegramMessage): string {
  const lines: string[] = [];
  const body = m.text ?? m.caption;
  if (body?.trim()) lines.push(body);
  const photo = m.photo?.at(-1); // the largest size comes last
  if (photo) lines.push(`[photo] Telegram file ${photo.file_id}`);
  if (m.document) lines.push(`[document] ${m.document.file_name ? `${m.document.file_name}, ` : ''}Telegram file ${m.document.file_id}`);
  if (m.video) lines.push(`[video] Telegram file ${m.video.file_id}`);
  if (m.voice) lines.push(`[voice] Telegram file ${m.voice.file_id}`);
  if (m.audio) lines.push(`[audio] ${m.audio.title ? `${m.audio.title}, ` : ''}Telegram file ${m.audio.file_id}`);
  if (m.sticker) lines.push(`[sticker] ${m.sticker.emoji ?? ''}`.trim());
  if (m.location) lines.push(`[location] ${m.location.latitude}, ${m.location.longitude}`);
  if (m.contact) lines.push(['[contact]', m.contact.first_name, m.contact.last_name, m.contact.phone_number].filter(Boolean).join(' '));
  return lines.join('\n');
}
