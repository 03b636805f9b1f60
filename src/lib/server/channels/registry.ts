import type { ChannelKind } from '$lib/shared/schemas/common';
import { badRequest } from '../errors';
import type { ChannelAdapter } from './channel-adapter';
import { apiChannel } from './api/api.adapter';

const adapters = new Map<ChannelKind, ChannelAdapter>([[apiChannel.kind, apiChannel]]);

export function channelAdapter(kind: string): ChannelAdapter {
  const adapter = adapters.get(kind as ChannelKind);
  if (!adapter) throw badRequest(`the ${kind} channel is not available`, 'unsupported_channel');
  return adapter;
}

export const availableChannels = () => [...adapters.keys()];
