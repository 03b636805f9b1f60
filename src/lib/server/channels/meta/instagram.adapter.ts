import { metaAdapter } from './meta-adapter.factory';
import { readMessagingEvents } from './messaging-events.mapper';
import { sendMessagingText } from './messaging-reply';

/**
 * Instagram messaging through the linked Facebook Page; customers are Instagram-scoped ids
 * (IGSID). Webhook entries name the Instagram account, not the Page, so they are not filtered
 * by `pageId`.
 */
export const instagramChannel = metaAdapter({
  kind: 'instagram',
  label: 'Instagram',
  account: 'pageId',
  maxTextLength: 1000,
  readEvents: (envelope) => readMessagingEvents(envelope, { object: 'instagram', contactName: (igsid) => `Instagram user …${igsid.slice(-4)}` }),
  send: sendMessagingText,
});
