import type { Component } from 'svelte';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { Inbox } from '$lib/shared/schemas/inbox';
import TelegramWebhook from './TelegramWebhook.svelte';

/** A channel's own actions on its inbox page (by kind; most channels have none). */
export const CHANNEL_ACTIONS: Partial<Record<ChannelKind, Component<{ inbox: Inbox }>>> = {
  telegram: TelegramWebhook,
};
