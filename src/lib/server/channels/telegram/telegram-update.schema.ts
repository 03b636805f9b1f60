import { z } from 'zod';

/**
 * Telegram Bot API `Update` and the parts of `Message` we read. Unknown fields are stripped, not
 * refused: the Bot API grows with every release.
 */

/** The envelope only: an update we cannot read further is still acknowledged, never retried. */
export const TelegramUpdate = z.object({ update_id: z.number().int().nonnegative(), message: z.unknown().optional() });
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

const File = z.object({ file_id: z.string().min(1).max(500) });

export const TelegramUser = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().max(500).optional(),
  last_name: z.string().max(500).optional(),
  username: z.string().max(100).optional(),
});

export const TelegramMessage = z.object({
  message_id: z.number().int(),
  from: TelegramUser.optional(),
  chat: z.object({ id: z.number().int(), type: z.string().max(50), title: z.string().max(500).optional() }),
  text: z.string().max(20_000).optional(),
  caption: z.string().max(20_000).optional(),
  photo: z.array(File).max(20).optional(),
  document: File.extend({ file_name: z.string().max(1000).optional() }).optional(),
  video: File.optional(),
  voice: File.optional(),
  audio: File.extend({ title: z.string().max(1000).optional() }).optional(),
  sticker: File.extend({ emoji: z.string().max(50).optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z.object({ phone_number: z.string().max(100), first_name: z.string().max(500), last_name: z.string().max(500).optional() }).optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessage>;

/** `Message` as `sendMessage` returns it. */
export const SentTelegramMessage = z.object({ message_id: z.number().int(), chat: z.object({ id: z.number().int() }) });
