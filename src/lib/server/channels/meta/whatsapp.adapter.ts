import { z } from 'zod';
import { graphPost } from './graph-api.client';
import { metaAdapter } from './meta-adapter.factory';
import { readWhatsAppEvents } from './whatsapp-events.mapper';
import { whatsAppWindow } from './whatsapp-window';

const SendAnswer = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

/** WhatsApp Cloud API: one business phone number; customers are their WhatsApp ids (wa_id). */
export const whatsappChannel = metaAdapter({
  kind: 'whatsapp',
  label: 'WhatsApp',
  account: 'phoneNumberId',
  maxTextLength: 4096,
  // A wa_id is the customer's phone number in international form, without the plus.
  identityLabel: (waId) => (/^\d+$/.test(waId) ? `+${waId}` : waId),
  readEvents: (envelope, config) => readWhatsAppEvents(envelope, config.accountId),
  send: (config, to, text) =>
    graphPost(config, `${config.accountId}/messages`, { messaging_product: 'whatsapp', to, type: 'text', text: { body: text } }, (answer) => SendAnswer.safeParse(answer).data?.messages[0].id ?? null),
  window: {
    of: whatsAppWindow,
    closedCode: 'whatsapp_window_closed',
    closedMessage: (closesAt) =>
      `WhatsApp takes free-text replies only within 24 hours of the customer's last message${closesAt ? ` (this window closed at ${new Date(closesAt).toISOString()})` : ''}; the customer has to write again first`,
  },
});
