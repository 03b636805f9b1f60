import { describe, expect, it } from 'vitest';
import { telegramTextUpdate } from '../../../../../tests/fixtures/telegram-updates';
import { TelegramUpdate } from './telegram-update.schema';
import { telegramInbound } from './telegram-update.mapper';

const from = { id: 310_000_001, first_name: 'Aino', last_name: 'Mäkelä', username: 'aino_m' };
const map = (update: unknown) => telegramInbound(TelegramUpdate.parse(update));

describe('Telegram update mapping', () => {
  it('turns a private text message into an inbound message from the chat, keyed by chat and message id', () => {
    expect(map(telegramTextUpdate({ from, text: 'Moi', messageId: 42 }))).toEqual({
      input: { contact: { externalId: '310000001', name: 'Aino Mäkelä' }, externalMessageId: 'tg:310000001:42', text: 'Moi' },
    });
  });

  it('keys a redelivered update like the first delivery, whatever its update_id', () => {
    const a = map(telegramTextUpdate({ from, text: 'x', messageId: 7, updateId: 1 }));
    const b = map(telegramTextUpdate({ from, text: 'x', messageId: 7, updateId: 99 }));
    expect(a).toEqual(b);
  });

  it('uses the caption of a photo and names the largest size', () => {
    const mapped = map(telegramTextUpdate({ from, caption: 'Rikki', photo: true }));
    expect('input' in mapped && mapped.input.text).toBe('Rikki\n[photo] Telegram file AgACAglarge');
  });

  it('names the contact by username when there is no name, and a group by its title', () => {
    const noName = telegramTextUpdate({ from: { id: 5, first_name: '', username: 'anon' }, text: 'hi' });
    expect(map(noName)).toMatchObject({ input: { contact: { name: '@anon' } } });
    const group = telegramTextUpdate({ from, text: 'hi' });
    group.message.chat = { ...group.message.chat, id: -1001234567890, type: 'supergroup', title: 'Kauppa tuki' } as typeof group.message.chat;
    expect(map(group)).toMatchObject({ input: { contact: { externalId: '-1001234567890', name: 'Kauppa tuki' }, externalMessageId: 'tg:-1001234567890:' + group.message.message_id } });
  });

  it('skips edits, service messages and messages from bots', () => {
    expect(map({ update_id: 1, edited_message: { message_id: 1 } })).toHaveProperty('skipped');
    expect(map(telegramTextUpdate({ from }))).toHaveProperty('skipped');
    const fromBot = telegramTextUpdate({ from, text: 'beep' });
    fromBot.message.from.is_bot = true;
    expect(map(fromBot)).toEqual({ skipped: 'a message from a bot' });
    expect(map({ update_id: 2, message: { text: 'no chat' } })).toHaveProperty('skipped');
  });
});
