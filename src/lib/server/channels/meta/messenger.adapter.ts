import { metaAdapter } from './meta-adapter.factory';
import { readMessagingEvents } from './messaging-events.mapper';
import { sendMessagingText } from './messaging-reply';

/** Facebook Messenger: a Page's conversations; customers are Page-scoped ids (PSID). */
export const messengerChannel = metaAdapter({
  kind: 'messenger',
  label: 'Messenger',
  account: 'pageId',
  maxTextLength: 2000,
  // Entries of other Pages (one app can serve several) belong to other inboxes.
  readEvents: (envelope, config) =>
    readMessagingEvents(envelope, { object: 'page', accountId: config.accountId, contactName: (psid) => `Messenger user …${psid.slice(-4)}` }),
  send: sendMessagingText,
});
