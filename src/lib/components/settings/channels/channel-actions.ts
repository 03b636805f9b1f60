import type { Component } from 'svelte';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { Inbox } from '$lib/shared/schemas/inbox';
import TelegramWebhook from './TelegramWebhook.svelte';
import ApiTryIt from './ApiTryIt.svelte';

/** A channel's own actions on its inbox page (by kind; most channels have none). */
export const CHANNEL_ACTIONS: Partial<Record<ChannelKind, Component<{ inbox: Inbox }>>> = {
  telegram: TelegramWebhook,
};

/** What a channel adds next to secrets shown once (a ready-made request using them). */
export const REVEALED_EXTRAS: Partial<Record<ChannelKind, Component<{ inbox: Inbox; revealed: Record<string, string> }>>> = {
  api: ApiTryIt,
};
