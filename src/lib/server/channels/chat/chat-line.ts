import type { DeliveryOutcome, OutboundMessage } from '../channel-adapter';

/**
 * How a chat reply reaches the visitor. The widget namespace registers the live line when the
 * server starts; the adapter only knows this interface, so it can be tested without sockets.
 */
export interface ChatLine {
  deliver(message: OutboundMessage): Promise<DeliveryOutcome>;
}

/** The provider id of an agent's chat message: how the visitor's read reports find it. */
export const chatOutboundId = (messageId: number) => `chat:out:${messageId}`;

let current: ChatLine | null = null;

export function registerChatLine(line: ChatLine | null) {
  current = line;
}

/**
 * Without a live line (a process that serves no sockets) the reply stays stored: the visitor
 * reads it from the history when the widget connects.
 */
export function chatLine(): ChatLine {
  return current ?? { deliver: async (m) => ({ ok: true, externalId: chatOutboundId(m.message.id) }) };
}
