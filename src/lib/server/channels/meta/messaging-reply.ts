import { z } from 'zod';
import type { DeliveryOutcome } from '../channel-adapter';
import { graphPost } from './graph-api.client';
import type { MetaConfig } from './meta-settings';

const SendAnswer = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1) });

/**
 * A text reply through the Messenger Platform Send API (Messenger, and Instagram through its
 * Page). `RESPONSE`: an answer within the 24-hour standard messaging window.
 */
export function sendMessagingText(config: MetaConfig, recipientId: string, text: string): Promise<DeliveryOutcome> {
  const payload = { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } };
  return graphPost(config, 'me/messages', payload, (answer) => SendAnswer.safeParse(answer).data?.message_id ?? null);
}
