import type { ChannelKind } from '$lib/shared/schemas/common';
import { badRequest } from '../errors';
import type { ChannelAdapter } from './channel-adapter';
import { apiChannel } from './api/api.adapter';
import { emailChannel } from './email/email.adapter';
import { instagramChannel } from './meta/instagram.adapter';
import { messengerChannel } from './meta/messenger.adapter';
import { whatsappChannel } from './meta/whatsapp.adapter';
import { telegramChannel } from './telegram/telegram.adapter';

const adapters = new Map<ChannelKind, ChannelAdapter>(
  [apiChannel, emailChannel, messengerChannel, instagramChannel, whatsappChannel, telegramChannel].map((a): [ChannelKind, ChannelAdapter] => [a.kind, a]),
);

export function channelAdapter(kind: string): ChannelAdapter {
  const adapter = adapters.get(kind as ChannelKind);
  if (!adapter) throw badRequest(`the ${kind} channel is not available`, 'unsupported_channel');
  return adapter;
}

export const availableChannels = () => [...adapters.keys()];
